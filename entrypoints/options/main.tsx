import { render } from 'preact';
import { browser } from 'wxt/browser';
import { type SettingsApi, SettingsPage } from '../../components/options/SettingsPage';
import { browserLanguage, uiLang } from '../../utils/i18n/lang';
import { settingsT } from '../../utils/i18n/settings';
import { send } from '../../utils/messaging/client';
import { requestSiteOrigins } from '../../utils/sites/permission-origins';
import './style.css';

const app = document.getElementById('app') as HTMLElement;

const api: SettingsApi = {
  save: (settings) => send('settings:save', { settings }),
  reload: () => send('settings:get', {}),
  testConnection: (endpoint, token) =>
    send('settings:test-connection', token === undefined ? { endpoint } : { endpoint, token }),
  requestOrigins: (origins) => requestSiteOrigins(origins),
  onPolicyChanged(listener) {
    const onChanged = (_changes: unknown, area: string) => {
      if (area === 'managed') listener();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  },
  download(fileName, text) {
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
    link.click();
    // The click has started the download; the URL is no longer needed.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
};

send('settings:get', {})
  .then((initial) => {
    app.removeAttribute('aria-busy');
    render(<SettingsPage initial={initial} browserLanguage={browserLanguage()} api={api} />, app);
  })
  .catch(() => {
    app.removeAttribute('aria-busy');
    app.textContent = settingsT(uiLang('auto'))('loadFailed');
  });
