import { browser } from 'wxt/browser';
import { browserLanguage } from '../../utils/i18n/lang';
import type { OutboxSetup } from '../../utils/messaging/protocol/outbox';

/**
 * What the popup remembers of the background's last `outbox:setup` answer (language, category labels,
 * limits), so it can show the list before the background's worker has started. The setup is a
 * function of the stored settings, the policy, the browser's language and the extension's code; the
 * answer is kept together with exactly those inputs and used only while all of them are unchanged.
 * Whether the active tab is a configured site is left out: it depends on the tab, and the popup shows
 * that part when the background answers (which it always asks, and whose answer replaces this one).
 */

/** The setup without the part that depends on the active tab. */
export type CachedSetup = Omit<OutboxSetup, 'siteConfigured'>;

const CACHE_KEY = 'mitsprache:popup-setup';
/** The local settings' key in storage.local: SETTINGS_KEY of utils/settings/store.ts (a test checks). */
export const LOCAL_SETTINGS_KEY = 'settings';

/** The inputs the setup is computed from, as one string (compared, never parsed). */
export async function setupInputs(): Promise<string> {
  const [local, managed] = await Promise.all([
    browser.storage.local.get(LOCAL_SETTINGS_KEY).then((items) => items[LOCAL_SETTINGS_KEY] ?? null),
    // Firefox without a policy file rejects; that is "no policy".
    browser.storage.managed.get().catch(() => null),
  ]);
  const manifest = browser.runtime.getManifest();
  return JSON.stringify([manifest.version, import.meta.url, browserLanguage(), local, managed]);
}

/** The remembered setup, if it was made from exactly these inputs. */
export function cachedSetup(inputs: string): CachedSetup | undefined {
  try {
    const stored = JSON.parse(localStorage.getItem(CACHE_KEY) ?? 'null') as {
      inputs?: unknown;
      setup?: CachedSetup;
    } | null;
    return stored?.inputs === inputs ? stored.setup : undefined;
  } catch {
    return undefined;
  }
}

/** Remembers the background's answer with the inputs read when the popup opened. */
export function rememberSetup(inputs: string, { siteConfigured: _, ...setup }: OutboxSetup): void {
  try {
    localStorage.setItem(CACHE_KEY, JSON.stringify({ inputs, setup }));
  } catch {
    // Storage full or unavailable: the popup then waits for the background, as without a cache.
  }
}
