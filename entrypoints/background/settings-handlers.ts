import { browser } from 'wxt/browser';
import { AppError } from '../../utils/errors';
import type { EnableSite, settingsProtocol } from '../../utils/messaging/protocol/settings';
import { type ConfigurableKey, Settings, Site } from '../../utils/schema/settings';
import type { SettingsPageState } from '../../utils/schema/settings-status';
import { testConnection } from '../../utils/settings/connection-test';
import {
  applyPolicy,
  type ResolvedSettings,
  resolveSettings,
  toSettingsView,
} from '../../utils/settings/effective';
import { toFieldIssues } from '../../utils/settings/issues';
import { withSite } from '../../utils/settings/sites';
import { saveLocalSettings } from '../../utils/settings/store';
import { injectContentScript, syncContentScripts } from './content-scripts';
import { dropOrigins, holdsOrigin, siteStatuses } from './permissions';
import type { HandlersFor } from './router';

/** What the settings handlers need from outside; replaceable in tests. */
export interface SettingsHandlerDeps {
  fetch: typeof fetch;
}

const DEFAULT_DEPS: SettingsHandlerDeps = { fetch: (input, init) => fetch(input, init) };

async function stateOf(resolved: ResolvedSettings): Promise<SettingsPageState> {
  const view = toSettingsView(resolved);
  return {
    ...view,
    sites: await siteStatuses(resolved.effective.sites),
    token: resolved.policy.locked.includes('token') ? '' : resolved.local.token,
  };
}

/**
 * Saves `next` as the local settings, then gives back the host permission of sites that left the
 * configuration and brings the content script to the configured sites. Locked keys keep their local value, so removing
 * the policy later brings back what the user had.
 */
async function commit(resolved: ResolvedSettings, next: Settings): Promise<ResolvedSettings> {
  const local = { ...next };
  for (const key of resolved.policy.locked)
    (local as Record<ConfigurableKey, unknown>)[key] = resolved.local[key];
  await saveLocalSettings(local);
  const effective = applyPolicy(local, resolved.policy);
  const before = [...resolved.effective.sites, ...resolved.local.sites].map((site) => site.pattern);
  const after = [...effective.sites, ...local.sites].map((site) => site.pattern);
  await dropOrigins(before, after);
  await syncContentScripts(effective.sites);
  return { effective, local, policy: resolved.policy };
}

/**
 * Adds a site the user just granted permission for (popup card), brings the content script to it and
 * shows the button in the tab. A site already configured (e.g. by policy) is not added again.
 */
export async function enableSite({ tabId, pattern, app }: EnableSite): Promise<{ shown: boolean }> {
  await forgetEnableIntent(pattern);
  const resolved = await resolveSettings();
  if (!(await holdsOrigin(pattern))) throw new AppError('permission_denied', pattern);
  const configured = resolved.effective.sites.some(
    (site) => site.pattern.toLowerCase() === pattern.toLowerCase(),
  );
  if (configured) {
    await syncContentScripts(resolved.effective.sites);
  } else {
    if (resolved.policy.locked.includes('sites')) throw new AppError('policy_locked', 'sites');
    const site = Site.parse({ pattern, app });
    const next = Settings.safeParse({ ...resolved.local, sites: withSite(resolved.local.sites, site) });
    if (!next.success) throw new AppError('settings_invalid', next.error.issues[0]?.message);
    await commit(resolved, next.data);
  }
  // The site is saved and active either way; a tab that closed or navigated away just gets the
  // button on its next load.
  const shown = await injectContentScript(tabId).catch(() => false);
  return { shown };
}

/** Pending "enable on this page" requests, waiting for their permission (storage.session: survives a worker restart, not the browser). */
const INTENTS_KEY = 'sites:enable-intents';
/** A prompt left open longer than this is not acted on any more. */
const INTENT_TTL_MS = 10 * 60_000;

type Intent = EnableSite & { at: number };

async function readIntents(): Promise<Intent[]> {
  const stored = (await browser.storage.session.get(INTENTS_KEY))[INTENTS_KEY];
  const now = Date.now();
  return Array.isArray(stored)
    ? (stored as Intent[]).filter((intent) => now - intent.at < INTENT_TTL_MS)
    : [];
}

async function rememberEnableIntent(request: EnableSite): Promise<void> {
  const intents = (await readIntents()).filter((intent) => intent.pattern !== request.pattern);
  await browser.storage.session.set({ [INTENTS_KEY]: [...intents, { ...request, at: Date.now() }] });
}

async function forgetEnableIntent(pattern: string): Promise<void> {
  const intents = await readIntents();
  const rest = intents.filter((intent) => intent.pattern !== pattern);
  if (rest.length !== intents.length) await browser.storage.session.set({ [INTENTS_KEY]: rest });
}

/**
 * Finishes the "enable on this page" requests whose permission was just granted (permissions.onAdded).
 * Where the popup is still open it sends 'sites:enable' as well; the two meet harmlessly (the
 * injection checks and marks the tab in one step).
 */
export async function completeEnableIntents(origins: readonly string[]): Promise<void> {
  const granted = new Set(origins.map((origin) => origin.toLowerCase()));
  for (const intent of await readIntents()) {
    if (!granted.has(intent.pattern.toLowerCase())) continue;
    await enableSite(intent).catch((error: unknown) =>
      console.warn('[mitsprache] enable after grant failed', error),
    );
  }
}

/** Settings, policy, sites and permissions. */
export function settingsHandlers(
  deps: SettingsHandlerDeps = DEFAULT_DEPS,
): HandlersFor<typeof settingsProtocol> {
  return {
    async 'settings:view'() {
      const resolved = await resolveSettings();
      const { token: _token, ...status } = await stateOf(resolved);
      return status;
    },

    async 'settings:get'() {
      return stateOf(await resolveSettings());
    },

    async 'settings:save'({ settings }) {
      const parsed = Settings.safeParse(settings);
      if (!parsed.success) return { ok: false, issues: toFieldIssues(parsed.error) };
      const saved = await commit(await resolveSettings(), parsed.data);
      return { ok: true, state: await stateOf(saved) };
    },

    async 'settings:test-connection'({ endpoint, token }) {
      let bearer = token;
      if (bearer === undefined) {
        // The token in force may be the organisation's; it only goes where the organisation sends records.
        const { effective } = await resolveSettings();
        bearer = endpoint.trim() === effective.endpoint ? effective.token : '';
      }
      return testConnection(endpoint.trim(), bearer, deps.fetch);
    },

    async 'sites:enable-intent'(request) {
      await rememberEnableIntent(request);
      return { ok: true };
    },

    async 'sites:enable'(request) {
      return enableSite(request);
    },
  };
}
