import { render } from 'preact';
import { browser } from 'wxt/browser';
import { NoteDialog } from '../../components/NoteDialog';
import { browserInfo, extensionVersion } from '../../utils/background/environment';
import { send } from '../../utils/messaging/client';
import type { Broadcast, DialogSetup } from '../../utils/messaging/protocol';
import './style.css';

// The capture id travels in the fragment: it names the context the content script captured on click.
const captureId = location.hash.slice(1);
const app = document.getElementById('app') as HTMLElement;
const close = () => void send('dialog:close', { captureId }).catch(() => window.close());

function show(setup: DialogSetup): void {
  document.documentElement.lang = setup.lang;
  app.removeAttribute('aria-busy');
  // Re-rendering the same component keeps what the user typed.
  render(
    <NoteDialog
      setup={setup}
      buildOptions={{ extensionVersion: extensionVersion(), browser: browserInfo() }}
      onSave={async (input, withElement, screenshot) =>
        (await send('record:save', { captureId, input, withElement, screenshot })).id
      }
      onScreenshot={() => send('screenshot:take', { captureId })}
      onClose={close}
      onPick={() => void send('picker:start', { captureId })}
      onClearElement={() => void send('capture:element', { captureId, element: null })}
    />,
    app,
  );
}

const load = () =>
  send('dialog:setup', { captureId })
    .then(show)
    .catch(() => {
      app.removeAttribute('aria-busy');
      app.textContent = 'Der Dialog ist abgelaufen. / The dialog has expired.';
    });

browser.runtime.onMessage.addListener((message: Broadcast) => {
  if (
    message?.type === 'broadcast' &&
    message.event === 'capture:element' &&
    message.captureId === captureId
  ) {
    void load();
  }
  return undefined;
});
void load();
