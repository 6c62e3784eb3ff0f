import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Popup } from '../../components/Popup';
import { toErrorCode } from '../../utils/errors';
import { ERROR_STRINGS } from '../../utils/i18n/errors';
import { resolveLang } from '../../utils/i18n/lang';
import { send } from '../../utils/messaging/client';
import './style.css';

// Our script starts here; what came before is the browser loading the page (scripts/bench/popup-open.ts).
performance.mark('mitsprache:popup-start');
const app = document.getElementById('app') as HTMLElement;

// Everything the first screen needs is asked for at once. The counts come after the first page:
// IndexedDB serves both from one database, and the list is what the caseworker opened the popup for.
const tab = browser.tabs
  .query({ active: true, currentWindow: true })
  .then(([active]) =>
    active?.id !== undefined && active.url ? { id: active.id, url: active.url } : undefined,
  )
  .catch(() => undefined);
const setup = tab.then((active) => send('outbox:setup', active ? { tabUrl: active.url } : {}));
const firstPage = send('outbox:page', { filter: 'all' });
const initialOverview = firstPage.then(() => send('outbox:overview', {}));
// Counts arrive on their own; scripts/bench/popup-open.ts reports when.
initialOverview.then(() => performance.mark('mitsprache:overview-ready')).catch(() => undefined);

function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  link.click();
  // The click has started the download; the URL is no longer needed.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

Promise.all([setup, tab, firstPage])
  .then(([loaded, active, page]) => {
    document.documentElement.lang = loaded.lang;
    app.removeAttribute('aria-busy');
    render(
      <Popup
        setup={loaded}
        tab={active}
        firstPage={page}
        initialOverview={initialOverview}
        send={send}
        closeWindow={() => window.close()}
        download={download}
      />,
      app,
    );
    // navigation start → list in the DOM, read by scripts/bench/popup-open.ts.
    performance.mark('mitsprache:list-ready');
  })
  .catch((error: unknown) => {
    app.removeAttribute('aria-busy');
    app.textContent = ERROR_STRINGS[resolveLang('auto', browser.i18n.getUILanguage())][toErrorCode(error)];
  });
