import { render } from 'preact';
import { NoteDialog } from '../../components/dialog/NoteDialog';
import { browserInfo, extensionVersion } from '../../utils/capture/environment';
import { send } from '../../utils/messaging/client';
import { ensureLexicon } from '../../utils/redact/lexicon-browser';
import { type DialogState, startDialogSession } from './dialog-session';
import './style.css';

const app = document.getElementById('app') as HTMLElement;
const buildOptions = { extensionVersion: extensionVersion(), browser: browserInfo() };
// The page lives as long as its frame; the session's listeners end with it.
const lifetime = new AbortController();
addEventListener('pagehide', () => lifetime.abort(), { once: true });

// The redactor's name and word lists (5 MB of text) load once the note field is on screen; then the
// preview is redacted again (the background loads them too before it stores anything). Not before:
// reading them at start competed with the first render and delayed the note field of a dialog opened
// by the shortcut by tens of ms (docs/performance.md). A dialog prepared ahead and still hidden loads
// them after a moment without a click.
let lexiconLoaded = false;
let lexiconAsked = false;
let shown: DialogState | undefined;
const HIDDEN_LEXICON_MS = 400;
let hiddenTimer: ReturnType<typeof setTimeout> | undefined;
function loadLexicon(): void {
  clearTimeout(hiddenTimer);
  if (lexiconAsked) return;
  lexiconAsked = true;
  // Without them it still redacts, only weaker; the background redacts again on save in any case.
  void ensureLexicon()
    .then(() => {
      lexiconLoaded = true;
      if (shown) show(shown);
    })
    .catch(() => undefined);
}
/** After the render that put the form on screen: once it has been painted (rAF, then a task). */
function loadLexiconAfterPaint(opened: boolean): void {
  if (lexiconAsked) return;
  if (opened) requestAnimationFrame(() => setTimeout(loadLexicon, 0));
  else hiddenTimer ??= setTimeout(loadLexicon, HIDDEN_LEXICON_MS);
}

function show(state: DialogState): void {
  shown = state;
  const { form, opened, setup, expired } = state;
  if (expired) {
    app.removeAttribute('aria-busy');
    render(<p>Der Dialog ist abgelaufen. / The dialog has expired.</p>, app);
    return;
  }
  if (!form) return;
  document.documentElement.lang = form.lang;
  app.removeAttribute('aria-busy');
  // What the dialog asks for goes against the capture the background bound to this frame.
  const id = () => session.captureId();
  // Re-rendering the same component keeps what the user typed.
  render(
    <NoteDialog
      form={form}
      setup={setup}
      open={opened}
      buildOptions={buildOptions}
      lexiconLoaded={lexiconLoaded}
      onSave={async (save) => (await send('record:save', { captureId: await id(), ...save })).id}
      onScreenshot={async () => send('screenshot:take', { captureId: await id() })}
      onClose={(notice) => {
        // Also from a dialog that expired: the content script closes only the dialog of this id.
        const captureId = session.lastId();
        void (
          captureId ? send('dialog:close', { captureId, ...(notice ? { notice } : {}) }) : Promise.reject()
        ).catch(() => window.close());
      }}
      onDraft={async (draft) => send('draft:put', { captureId: await id(), draft })}
      onDiscard={async () => send('draft:discard', { captureId: await id() })}
      onPick={() => void id().then((captureId) => send('picker:start', { captureId }))}
      onClearElement={() =>
        void id().then((captureId) => send('capture:element', { captureId, element: null }))
      }
      onAnswer={async (questionId, input) =>
        send('question:answer', { captureId: await id(), questionId, input })
      }
    />,
    app,
  );
  loadLexiconAfterPaint(opened);
}

const session = startDialogSession(show, lifetime.signal);
