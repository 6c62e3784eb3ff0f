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
 * popup, options): the browser's preferred language, `navigator.language`, which a browser reports alike
 * in its service worker, its extension pages and its content scripts; the host page's own language
 * (its lang attribute) never decides. Not `i18n.getUILanguage()`: it follows the installed UI pack and
 * says English in a browser set to German whose German pack is missing (Debian's chromium without
 * chromium-l10n). It is the fallback when navigator is absent. The settings' choice, which an
 * administrator can set by policy, comes first.
 */
export function browserLanguage(): string {
  const preferred = (globalThis as { navigator?: { language?: string } }).navigator?.language;
  if (preferred) return preferred;
  try {
    return browser.i18n.getUILanguage() || 'de';
  } catch {
    return 'de';
  }
}

/** The UI language of every surface: the settings' choice first, then the browser's preferred language. */
export function uiLang(setting: 'auto' | Lang | undefined): Lang {
  return resolveLang(setting, browserLanguage());
}
