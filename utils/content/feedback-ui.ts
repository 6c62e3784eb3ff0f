import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { DialogFrame } from '../../components/DialogFrame';
import { ElementPicker } from '../../components/ElementPicker';
import { FeedbackButton } from '../../components/FeedbackButton';
import { FEEDBACK_UI_CSS } from '../../components/FeedbackButton.css';
import { captureContext, sensitiveBoxes } from '../capture/context';
import { accessibleName } from '../capture/safe-text';
import { roleOf, stableSelector } from '../capture/selector';
import { CONTENT_STRINGS } from '../i18n/content';
import { send } from '../messaging/client';
import type { ToContent } from '../messaging/protocol';
import { keepAnchored } from './anchor';
import { loadPlacement, savePlacement } from './placement';
import { createShadowHost } from './shadow-host';

/**
 * The in-page part of Mitsprache in the top frame: the button, and the dialog iframe once opened.
 * Everything it adds is owned by `ctx` and removed when the extension is updated or disabled.
 */
export async function startFeedbackUi(ctx: ContentScriptContext): Promise<void> {
  const config = await send('content:config', {});
  const strings = CONTENT_STRINGS[config.lang];
  const placement = await loadPlacement(location.origin);
  const abort = new AbortController();
  ctx.onInvalidated(() => abort.abort());
  let frame: HTMLIFrameElement | undefined;
  let openCapture: string | undefined;
  let button: HTMLElement | undefined;

  const closeDialog = () => {
    frame?.remove();
    frame = undefined;
    openCapture = undefined;
    button?.querySelector<HTMLButtonElement>('.open')?.focus();
  };

  const openDialog = async () => {
    if (frame) {
      frame.focus();
      return;
    }
    const capture = captureContext(document, {
      screenSelectors: config.screenSelectors,
      sensitiveSelectors: config.sensitiveSelectors,
      framePath: 'top',
    });
    const { captureId } = await send('capture:begin', { capture });
    openCapture = captureId;
    frame = DialogFrame({ captureId, title: strings.dialogTitle });
    ui.container.append(frame);
  };

  const ui = createShadowHost('mitsprache-feedback', FEEDBACK_UI_CSS);
  button = FeedbackButton({
    strings,
    corner: config.corner,
    offset: placement,
    collapsed: placement.collapsed,
    onOpen: () => void openDialog().catch((error) => console.warn('[mitsprache]', error)),
    onPlace: (state) => void savePlacement(location.origin, state),
    signal: abort.signal,
  });
  ui.container.append(button);
  keepAnchored(ui.host, abort.signal);
  abort.signal.addEventListener('abort', ui.remove);

  const pick = (captureId: string) => {
    if (!frame || captureId !== openCapture) return;
    const shown = frame;
    shown.hidden = true;
    const resume = () => {
      shown.hidden = false;
      shown.focus();
    };
    ElementPicker({
      container: ui.container,
      host: ui.host,
      hint: strings.pickerHint,
      onCancel: resume,
      onPick: (element) => {
        const r = element.getBoundingClientRect();
        const picked = {
          role: roleOf(element),
          name: accessibleName(element),
          selector: stableSelector(element),
          box: {
            x: Math.round(r.x),
            y: Math.round(r.y),
            width: Math.round(r.width),
            height: Math.round(r.height),
          },
        };
        void send('capture:element', { captureId, element: picked }).finally(resume);
      },
    });
  };

  const onMessage = (message: ToContent, _sender: unknown, sendResponse: (answer: unknown) => void) => {
    if (message?.type === 'shot:prepare') {
      // Our UI must not be in the picture; wait until the hidden state has been painted.
      ui.container.hidden = true;
      requestAnimationFrame(() =>
        requestAnimationFrame(() =>
          sendResponse({
            boxes: sensitiveBoxes(document, config.sensitiveSelectors),
            scale: devicePixelRatio,
          }),
        ),
      );
      return true;
    }
    if (message?.type === 'shot:done') ui.container.hidden = false;
    else if (message?.type === 'picker:start') pick(message.captureId);
    else if (message?.type === 'ui:open') void openDialog();
    else if (message?.type === 'ui:close' && message.captureId === openCapture) closeDialog();
    else return false;
    sendResponse(true);
    return false;
  };
  browser.runtime.onMessage.addListener(onMessage as never);
  abort.signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(onMessage as never));
}
