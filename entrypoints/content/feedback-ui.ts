import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { FeedbackButton } from '../../components/page/FeedbackButton';
import { FEEDBACK_UI_CSS } from '../../components/page/FeedbackButton.css';
import { CONTENT_STRINGS } from '../../components/page/i18n';
import { PageNotice } from '../../components/page/PageNotice';
import type { PageTools } from '../../components/page/page-tools';
import { sendFromPage as send } from '../../utils/messaging/client';
import type { ToContent } from '../../utils/messaging/protocol';
import { keepAnchored } from './anchor';
import { createDialogSlot } from './dialog-slot';
import { loadPageTools, pageToolsNow } from './page-tools';
import { loadPlacement, savePlacement } from './placement';
import { createShadowHost } from './shadow-host';

/**
 * The in-page part of Mitsprache in the top frame: the button, and the dialog iframe once opened.
 * Everything it adds is owned by `ctx` and removed when the extension is updated or disabled.
 */
export async function startFeedbackUi(ctx: ContentScriptContext): Promise<void> {
  const [config, placement] = await Promise.all([send('content:config', {}), loadPlacement(location.origin)]);
  const strings = CONTENT_STRINGS[config.lang];
  const abort = new AbortController();
  ctx.onInvalidated(() => abort.abort());
  const ui = createShadowHost('mitsprache-feedback', FEEDBACK_UI_CSS);
  const dialog = createDialogSlot(ui.container, strings.dialogTitle, abort.signal);
  let button: ReturnType<typeof FeedbackButton> | undefined;
  // How many officers' questions are open here; asked again when the dialog closes (one may be answered).
  // On load it may bring a prompt (policy), drawn by the page tools, loaded only then; the count shows
  // once the prompt does.
  const countQuestions = async (onLoad?: boolean) => {
    try {
      const { text, prompt } = await send('content:questions', { canPrompt: !!onLoad });
      if (prompt)
        (await loadPageTools()).QuestionPrompt({
          container: ui.container,
          words: prompt,
          onAnswer: openDialog,
          signal: abort.signal,
        });
      button?.setCount(text);
    } catch {
      // No count and no prompt: the button works as ever.
    }
  };
  const notice = PageNotice({ signal: abort.signal });
  // Where the person was before the dialog opened: focus goes back there when it closes.
  let returnTo: HTMLElement | undefined;

  const closeDialog = (said?: 'saved' | 'draft-kept') => {
    dialog.close();
    void countQuestions();
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
    const begin = (tools: PageTools) => {
      const capture = tools.captureContext(document, {
        screenSelectors: config.screenSelectors,
        framePath: 'top',
      });
      // Only now: moving focus runs the page's blur handlers, which must not change what was captured.
      dialog.focus();
      // The dialog may ask for the capture before it arrives; the background waits for it.
      send('capture:begin', { capture, captureId }).then(
        () => dialog.captured(captureId),
        (error) => {
          console.warn('[mitsprache]', error);
          if (dialog.captureId === captureId) closeDialog();
        },
      );
    };
    // The tools that read the page load on intent (pointer on the button, focus on it), long before a
    // click. Only an open with no intent first (the shortcut, the toolbar, a screen reader's click)
    // waits for them, a few ms, while the dialog's frame loads anyway.
    const tools = pageToolsNow();
    if (tools) return begin(tools);
    loadPageTools().then(
      (loaded) => {
        if (dialog.captureId === captureId) begin(loaded);
      },
      (error: unknown) => {
        console.warn('[mitsprache]', error);
        if (dialog.captureId === captureId) closeDialog();
      },
    );
  };

  const prepare = () => {
    dialog.prepare();
    void loadPageTools().catch(() => undefined);
  };
  button = FeedbackButton({
    strings,
    corner: config.corner,
    offset: placement,
    collapsed: placement.collapsed,
    onOpen: openDialog,
    onIntent: prepare,
    onPlace: (state) => void savePlacement(location.origin, state),
    signal: abort.signal,
  });
  ui.container.append(button, notice.element);
  void countQuestions(true);
  // The shortcut's intent (issue #20): its modifiers, Alt and Shift, held down together, ~100 ms before
  // the F and its command arrive; the dialog loads in that time as on the pointer's arrival. Only the
  // modifier flags are read, never which key was pressed; capture phase, so the page cannot hide them.
  addEventListener(
    'keydown',
    (event) => {
      if (event.altKey && event.shiftKey) prepare();
    },
    { capture: true, signal: abort.signal },
  );
  keepAnchored(ui.host, abort.signal);
  abort.signal.addEventListener('abort', ui.remove);
  // No dialog is prepared before the user shows intent (entrypoints/content/dialog-slot.ts): an extension
  // frame in every page costs each page load, and its teardown the next one, ~10 ms (issue #2).

  const pick = async (captureId: string) => {
    const tools = await loadPageTools();
    if (captureId !== dialog.captureId) return;
    const resume = dialog.hideUntilResumed();
    tools.ElementPicker({
      container: ui.container,
      host: ui.host,
      hint: strings.pickerHint,
      onCancel: resume,
      onPick: (element) => {
        const picked = tools.describeElement(element);
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
      loadPageTools().then(
        (tools) =>
          requestAnimationFrame(() =>
            requestAnimationFrame(() =>
              sendResponse({
                boxes: tools.maskBoxes(document, config.sensitiveSelectors, ui.host),
                scale: devicePixelRatio,
              }),
            ),
          ),
        // No boxes, no picture: the background refuses an unanswered preparation.
        () => {
          conceal(false);
          sendResponse(undefined);
        },
      );
      return true;
    }
    if (message?.type === 'shot:done') conceal(false);
    else if (message?.type === 'picker:start')
      void pick(message.captureId).catch((error) => console.warn('[mitsprache]', error));
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
