import { browser } from 'wxt/browser';
import { PAGE_TOOLS, type PageTools } from '../../components/page/page-tools';

/** Where WXT emits entrypoints/page-tools/ (web-accessible, with a dynamic URL: wxt.config.ts). */
const PAGE_TOOLS_FILE = '/page-tools.js' as const;

let loading: Promise<PageTools> | undefined;

/** The page tools if they have loaded already (synchronously, for a click that must capture at once). */
export function pageToolsNow(): PageTools | undefined {
  return (globalThis as unknown as Record<string, PageTools | undefined>)[PAGE_TOOLS];
}

/**
 * Loads the page tools into this isolated world, once (a failed load is tried again on the next call).
 * A module import from the extension: it runs in the content script's world, not the page's.
 */
export function loadPageTools(): Promise<PageTools> {
  const loaded = pageToolsNow();
  if (loaded) return Promise.resolve(loaded);
  loading ??= import(/* @vite-ignore */ browser.runtime.getURL(PAGE_TOOLS_FILE)).then(
    () => {
      const tools = pageToolsNow();
      if (!tools) throw new Error('page tools did not load');
      return tools;
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}
