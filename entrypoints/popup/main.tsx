import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Popup, type PopupSetup } from '../../components/popup/Popup';
import { toErrorCode } from '../../utils/errors';
import { ERROR_STRINGS } from '../../utils/i18n/errors';
import { uiLang } from '../../utils/i18n/lang';
import { send } from '../../utils/messaging/client';
import { readFirstPage } from '../../utils/store/outbox-first-page';
import { cachedSetup, rememberSetup, setupInputs } from './setup-cache';
import './style.css';

// Our script starts here; what came before is the browser loading the page (scripts/bench/popup-open.ts).
performance.mark('mitsprache:popup-start');
const app = document.getElementById('app') as HTMLElement;

// Everything the first screen needs is asked for at once. The first page and, when nothing it depends
// on has changed, the setup are read here without the background, whose worker is usually asleep
// when the popup opens; the background is asked for the setup all the same, and its answer wins.
const tab = browser.tabs
  .query({ active: true, currentWindow: true })
  .then(([active]) =>
    active?.id !== undefined && active.url ? { id: active.id, url: active.url } : undefined,
  )
  .catch(() => undefined);
const setup = tab.then((active) =>
  send('outbox:setup', active ? { tabUrl: active.url, tabId: active.id } : {}),
);
// Asked at once with the setup: over a failed application the outage card comes first (issue #17).
const outageOffer = tab.then((active) =>
  active ? send('outage:offer', { tabId: active.id, tabUrl: active.url }).then((reply) => reply.offer) : null,
);
const inputs = setupInputs().catch(() => undefined);
const remembered = inputs.then((key) => (key ? cachedSetup(key) : undefined));
const firstPage = readFirstPage()
  .catch(() => undefined)
  .then((page) => page ?? send('outbox:page', { filter: 'all' }));
// The counts come after the first page: the list is what the caseworker opened the popup for.
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

let shown = false;
let answered = false;

function show(current: PopupSetup, active: Awaited<typeof tab>, page: Awaited<typeof firstPage>): void {
  document.documentElement.lang = current.lang;
  app.removeAttribute('aria-busy');
  // A second call re-renders the same tree with the background's setup; the list keeps its state.
  render(
    <Popup
      setup={current}
      tab={active}
      firstPage={page}
      initialOverview={initialOverview}
      outageOffer={outageOffer}
      send={send}
      closeWindow={() => window.close()}
      download={download}
    />,
    app,
  );
  if (!shown) {
    shown = true;
    // navigation start → list in the DOM, read by scripts/bench/popup-open.ts.
    performance.mark('mitsprache:list-ready');
  }
}

Promise.all([remembered, tab, firstPage])
  .then(([early, active, page]) => {
    if (early && !answered) show(early, active, page);
  })
  .catch(() => undefined);

Promise.all([setup, tab, firstPage])
  .then(([loaded, active, page]) => {
    answered = true;
    show(loaded, active, page);
    void inputs.then((key) => key && rememberSetup(key, loaded));
  })
  .catch((error: unknown) => {
    app.removeAttribute('aria-busy');
    render(null, app);
    app.textContent = ERROR_STRINGS[uiLang('auto')][toErrorCode(error)];
  });
