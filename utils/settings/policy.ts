import { browser } from 'wxt/browser';
import type { ConfigurableKey, Settings } from '../schema/settings';
import type { PolicyWarning } from '../schema/settings-status';
import { validateFieldwise } from './validate';

/**
 * Enterprise policy: what the organisation set for this extension through storage.managed
 * (Chrome/Edge: 3rdparty extension policy checked against public/managed_schema.json; Firefox:
 * policies.json "3rdparty"). Keys are the settings keys (see docs/admin.md).
 */
export interface PolicyReading {
  /** The policy values that validated; these override local settings field by field. */
  values: Partial<Settings>;
  /** The keys the policy sets with a usable value: locked on the settings page. */
  locked: ConfigurableKey[];
  /** Policy values that were not applied, shown on the settings page and in the popup. */
  warnings: PolicyWarning[];
}

export const EMPTY_POLICY: PolicyReading = { values: {}, locked: [], warnings: [] };

/**
 * Checks a raw policy object. Chrome already drops values that do not match managed_schema.json
 * (and lists them on chrome://policy); this catches what the JSON schema cannot express (an http
 * endpoint on the network, an invalid regular expression, a duplicate site) and everything on Firefox,
 * which checks nothing.
 */
export function parsePolicy(raw: unknown): PolicyReading {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return EMPTY_POLICY;
  const { values, problems } = validateFieldwise(raw as Record<string, unknown>);
  return { values, locked: Object.keys(values) as ConfigurableKey[], warnings: problems };
}

/** Reads and checks the policy. No policy, or a browser without managed storage, is an empty policy. */
export async function readPolicy(): Promise<PolicyReading> {
  try {
    return parsePolicy(await browser.storage.managed.get());
  } catch {
    // Firefox rejects when no policy exists for the extension ("Managed storage manifest not found").
    return EMPTY_POLICY;
  }
}
