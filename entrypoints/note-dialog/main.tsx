import { render } from 'preact';
import { NoteDialog } from '../../components/NoteDialog';
import { browserInfo, extensionVersion } from '../../utils/background/environment';
import { type DialogState, startDialogSession } from '../../utils/capture/dialog-session';
import { send } from '../../utils/messaging/client';
import { ensureLexicon } from '../../utils/redact/lexicon-browser';
import './style.css';

const app = document.getElementById('app') as HTMLElement;
const buildOptions = { extensionVersion: extensionVersion(), browser: browserInfo() };
// The page lives as long as its frame; the session's listeners end with it.
const session = new AbortController();
addEventListener('pagehide', () => session.abort(), { once: true });

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
  const { form, captureId, setup, expired } = state;
  if (expired) {
    app.removeAttribute('aria-busy');
    render(<p>Der Dialog ist abgelaufen. / The dialog has expired.</p>, app);
    return;
  }
  if (!form) return;
  document.documentElement.lang = form.lang;
  app.removeAttribute('aria-busy');
  const id = captureId ?? '';
  // Re-rendering the same component keeps what the user typed.
  render(
    <NoteDialog
      form={form}
      setup={setup}
      open={captureId !== undefined}
      buildOptions={buildOptions}
      lexiconLoaded={lexiconLoaded}
      onSave={async (save) => (await send('record:save', { captureId: id, ...save })).id}
      onScreenshot={() => send('screenshot:take', { captureId: id })}
      onClose={() => void send('dialog:close', { captureId: id }).catch(() => window.close())}
      onPick={() => void send('picker:start', { captureId: id })}
      onClearElement={() => void send('capture:element', { captureId: id, element: null })}
    />,
    app,
  );
}

startDialogSession(show, session.signal);
