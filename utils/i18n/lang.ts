/** UI languages. German first: it is the caseworkers' working language. */
export type Lang = 'de' | 'en';

/** Resolves the configured UI language ('auto' follows the browser: English only when it is English). */
export function resolveLang(setting: 'auto' | Lang | undefined, browserLanguage: string | undefined): Lang {
  if (setting === 'de' || setting === 'en') return setting;
  return browserLanguage?.toLowerCase().startsWith('en') ? 'en' : 'de';
}

/**
 * The user's browser language. navigator.language follows the user's language preference; the
 * extension API's getUILanguage() reports the browser's own UI translation, which falls back to
 * English where no German UI pack is installed (e.g. Debian's chromium without chromium-l10n).
 */
export function browserLanguage(): string {
  return globalThis.navigator?.language ?? 'de';
}
