import { browser } from 'wxt/browser';

/** UI languages. German first: it is the caseworkers' working language. */
export type Lang = 'de' | 'en';

/** Resolves the configured UI language ('auto' follows the browser: English only when it is English). */
export function resolveLang(setting: 'auto' | Lang | undefined, browserLanguage: string | undefined): Lang {
  if (setting === 'de' || setting === 'en') return setting;
  return browserLanguage?.toLowerCase().startsWith('en') ? 'en' : 'de';
}

/**
 * The one fallback for uiLanguage "auto", on every surface (background for the dialog and the button,
 * popup, options): the browser's UI language. It is the same in the service worker and in every
 * extension page, where navigator.language can differ (a page's locale emulation, a worker started
 * before a preference changed); the host page's own language never decides. Where the browser has no
 * German UI pack (Debian's chromium without chromium-l10n) it reports English: the settings' language
 * choice, which an administrator can set by policy, comes first for exactly that case.
 */
export function browserLanguage(): string {
  try {
    return browser.i18n.getUILanguage() || 'de';
  } catch {
    return 'de';
  }
}

/** The UI language of every surface: the settings' choice first, then the browser's UI language. */
export function uiLang(setting: 'auto' | Lang | undefined): Lang {
  return resolveLang(setting, browserLanguage());
}
