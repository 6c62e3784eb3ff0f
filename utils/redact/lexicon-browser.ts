import { browser } from 'wxt/browser';
import { hasLexicon, installLexicon, LEXICON_FILES, type LexiconData } from './lexicon';

let loading: Promise<void> | undefined;

/**
 * Loads the redactor's lists from the extension's own files, once per page or service worker. Every
 * path that stores text awaits this first, so no record is built on the rules alone; a failed load is
 * retried on the next call rather than cached.
 */
export function ensureLexicon(): Promise<void> {
  if (hasLexicon()) return Promise.resolve();
  loading ??= (async () => {
    const texts = await Promise.all(
      LEXICON_FILES.map(async (name) => {
        const response = await fetch(browser.runtime.getURL(`/redact/${name}.txt` as const));
        if (!response.ok) throw new Error(`lexicon_unavailable: ${name} ${response.status}`);
        return response.text();
      }),
    );
    const data = {} as LexiconData;
    LEXICON_FILES.forEach((name, i) => {
      data[name] = texts[i] ?? '';
    });
    installLexicon(data);
  })().finally(() => {
    loading = undefined;
  });
  return loading;
}
