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

// The redactor's name and word lists load beside the session; once they are there the preview is
// redacted again (the background loads them too before it stores anything).
let lexiconLoaded = false;
let shown: DialogState | undefined;
// Without them it still redacts, only weaker; the background redacts again on save in any case.
void ensureLexicon()
  .then(() => {
    lexiconLoaded = true;
    if (shown) show(shown);
  })
  .catch(() => undefined);

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
    />,
    app,
  );
}

const session = startDialogSession(show, lifetime.signal);
