import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { ElementPicker } from '../../components/page/ElementPicker';
import { FeedbackButton } from '../../components/page/FeedbackButton';
import { FEEDBACK_UI_CSS } from '../../components/page/FeedbackButton.css';
import { CONTENT_STRINGS } from '../../components/page/i18n';
import { PageNotice } from '../../components/page/PageNotice';
import { captureContext } from '../../utils/capture/context';
import { accessibleName } from '../../utils/capture/safe-text';
import { send } from '../../utils/messaging/client';
import type { ToContent } from '../../utils/messaging/protocol';
import { maskBoxes } from '../../utils/screenshot/mask-boxes';
import { keepAnchored } from './anchor';
import { createDialogSlot } from './dialog-slot';
import { loadPlacement, savePlacement } from './placement';
import { roleOf, stableSelector } from './selector';
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
  const ui = createShadowHost('mitsprache-feedback', FEEDBACK_UI_CSS);
  const dialog = createDialogSlot(ui.container, strings.dialogTitle, abort.signal);
  let button: HTMLElement | undefined;
  const notice = PageNotice({ signal: abort.signal });
  // Where the person was before the dialog opened: focus goes back there when it closes.
  let returnTo: HTMLElement | undefined;

  const closeDialog = (said?: 'saved' | 'draft-kept') => {
    dialog.close();
    if (said === 'saved') notice.show(strings.saved, 1500);
    else if (said === 'draft-kept') notice.show(strings.draftKept, 4000);
    const back = returnTo;
    returnTo = undefined;
    // Else the button, which prepares the next dialog as any focus there does: after one note,
    // another is likelier than on an untouched page.
    if (back?.isConnected && back !== document.body) back.focus();
    else button?.querySelector<HTMLButtonElement>('.open')?.focus();
  };

  const openDialog = () => {
    if (dialog.captureId) {
      dialog.focus();
      return;
    }
    const active = document.activeElement;
    // Our own button sits in our shadow root: the page sees its host as focused.
    returnTo = active instanceof HTMLElement && active !== ui.host ? active : undefined;
    const captureId = crypto.randomUUID();
    // The dialog starts opening in its own process while this one reads the page, in this same task:
    // the page cannot change between the click and the capture.
    dialog.open(captureId);
    const capture = captureContext(document, {
      screenSelectors: config.screenSelectors,
      framePath: 'top',
    });
    // Only now: moving focus runs the page's blur handlers, which must not change what was captured.
    dialog.focus();
    // The dialog may ask for the capture before it arrives; the background waits for it.
    send('capture:begin', { capture, captureId }).catch((error) => {
      console.warn('[mitsprache]', error);
      if (dialog.captureId === captureId) closeDialog();
    });
  };

  button = FeedbackButton({
    strings,
    corner: config.corner,
    offset: placement,
    collapsed: placement.collapsed,
    onOpen: openDialog,
    onIntent: () => dialog.prepare(),
    onPlace: (state) => void savePlacement(location.origin, state),
    signal: abort.signal,
  });
  ui.container.append(button, notice.element);
  keepAnchored(ui.host, abort.signal);
  abort.signal.addEventListener('abort', ui.remove);
  // No dialog is prepared before the user shows intent (entrypoints/content/dialog-slot.ts): an extension
  // frame in every page costs each page load, and its teardown the next one, ~10 ms (issue #2).

  const pick = (captureId: string) => {
    if (captureId !== dialog.captureId) return;
    const resume = dialog.hideUntilResumed();
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

  const conceal = (on: boolean) => {
    ui.container.style.opacity = on ? '0' : '';
    ui.container.style.pointerEvents = on ? 'none' : '';
  };
  const onMessage = (message: ToContent, _sender: unknown, sendResponse: (answer: unknown) => void) => {
    if (message?.type === 'shot:prepare') {
      // Our UI must not be in the picture; wait until that has been painted. Transparent, not hidden:
      // hiding the dialog's frame would take keyboard focus out of the dialog and drop it in the page
      // (a keyboard user lost their place, and focus calls in the dialog no longer fired focus events).
      conceal(true);
      requestAnimationFrame(() =>
        requestAnimationFrame(() =>
          sendResponse({
            boxes: maskBoxes(document, config.sensitiveSelectors, ui.host),
            scale: devicePixelRatio,
          }),
        ),
      );
      return true;
    }
    if (message?.type === 'shot:done') conceal(false);
    else if (message?.type === 'picker:start') pick(message.captureId);
    else if (message?.type === 'ui:open') openDialog();
    else if (message?.type === 'ui:close' && message.captureId === dialog.captureId)
      closeDialog(message.notice);
    else return false;
    sendResponse(true);
    return false;
  };
  browser.runtime.onMessage.addListener(onMessage as never);
  abort.signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(onMessage as never));
}
