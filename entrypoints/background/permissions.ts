import { browser } from 'wxt/browser';
import type { Site } from '../../utils/schema/settings';
import type { SiteStatus } from '../../utils/schema/settings-status';
import { permissionOrigin } from '../../utils/sites/permission-origins';

/**
 * Patterns that once held host permission, so a missing permission can be told apart:
 * never granted ("missing") or taken back by the user or browser ("revoked").
 */
export const GRANTED_KEY = 'sites:granted';

/** Host permissions granted at install (the loopback demo): never removed, always held. */
export function installTimeOrigins(): string[] {
  try {
    return [...((browser.runtime.getManifest() as { host_permissions?: string[] }).host_permissions ?? [])];
  } catch {
    return [];
  }
}

/** Whether we hold host permission for `pattern`; an invalid pattern is never held. */
export async function holdsOrigin(pattern: string): Promise<boolean> {
  try {
    return await browser.permissions.contains({ origins: [permissionOrigin(pattern)] });
  } catch {
    return false;
  }
}

/** The configured sites we hold host permission for: those whose pages get the content script. */
export async function activeSites(sites: readonly Site[]): Promise<Site[]> {
  const held = await Promise.all(sites.map((site) => holdsOrigin(site.pattern)));
  return sites.filter((_, i) => held[i]);
}

async function readGranted(): Promise<Set<string>> {
  const stored = (await browser.storage.local.get(GRANTED_KEY))[GRANTED_KEY];
  return new Set(
    Array.isArray(stored) ? stored.filter((item): item is string => typeof item === 'string') : [],
  );
}

/** Notes that these patterns hold permission now (for telling "revoked" from "missing" later). */
export async function rememberGranted(patterns: readonly string[]): Promise<void> {
  const granted = await readGranted();
  const before = granted.size;
  for (const pattern of patterns) granted.add(pattern);
  if (granted.size !== before) await browser.storage.local.set({ [GRANTED_KEY]: [...granted] });
}

/** Forgets patterns that are no longer configured. */
export async function forgetGranted(patterns: readonly string[]): Promise<void> {
  const granted = await readGranted();
  let changed = false;
  for (const pattern of patterns) changed = granted.delete(pattern) || changed;
  if (changed) await browser.storage.local.set({ [GRANTED_KEY]: [...granted] });
}

/** The permission state of every configured site, in the order of the list. */
export async function siteStatuses(sites: readonly Site[]): Promise<SiteStatus[]> {
  const granted = await readGranted();
  return Promise.all(
    sites.map(async (site) => {
      const held = await holdsOrigin(site.pattern);
      const permission = held ? 'granted' : granted.has(site.pattern) ? 'revoked' : 'missing';
      return { pattern: site.pattern, app: site.app, permission } satisfies SiteStatus;
    }),
  );
}

/**
 * Gives back the host permission of sites that are no longer configured. Patterns still in `keep`
 * and the install-time loopback patterns (which cannot be removed) stay. Returns what was removed.
 */
export async function dropOrigins(patterns: readonly string[], keep: readonly string[]): Promise<string[]> {
  const stay = new Set([...keep, ...installTimeOrigins()].map((pattern) => pattern.toLowerCase()));
  const drop = [...new Set(patterns)].filter((pattern) => !stay.has(pattern.toLowerCase()));
  const removed: string[] = [];
  for (const pattern of drop) {
    if (!(await holdsOrigin(pattern))) continue;
    try {
      if (await browser.permissions.remove({ origins: [permissionOrigin(pattern)] })) removed.push(pattern);
    } catch (error) {
      // Chrome refuses to remove a pattern that a required permission also covers; nothing to give back.
      console.warn('[mitsprache] permission not removed', pattern, error);
    }
  }
  await forgetGranted(drop);
  return removed;
}
