import { browser } from 'wxt/browser';

type OnUpdated = Parameters<typeof browser.tabs.onUpdated.addListener>[0];
type OnRemoved = Parameters<typeof browser.tabs.onRemoved.addListener>[0];

/** A pair of tab listeners that can be switched on and off; see {@link switchableTabListeners}. */
export interface TabListeners {
  /** Registers or removes both listeners (nothing when already so). */
  set(on: boolean): void;
}

/**
 * tabs.onUpdated and tabs.onRemoved listeners registered only while they are needed: in Chrome a
 * tabs.onUpdated listener wakes the worker for every change of every tab on every site (issue #20).
 * `addUpdated` registers the onUpdated listener (Firefox can pass its own filter there).
 */
export function switchableTabListeners(
  onUpdated: OnUpdated,
  onRemoved: OnRemoved,
  addUpdated: (listener: OnUpdated) => void = (listener) => browser.tabs.onUpdated.addListener(listener),
): TabListeners {
  let listening = false;
  return {
    set(on) {
      if (on === listening) return;
      listening = on;
      if (on) {
        addUpdated(onUpdated);
        browser.tabs.onRemoved.addListener(onRemoved);
      } else {
        browser.tabs.onUpdated.removeListener(onUpdated);
        browser.tabs.onRemoved.removeListener(onRemoved);
      }
    },
  };
}
