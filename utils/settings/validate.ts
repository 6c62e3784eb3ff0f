import type { z } from 'zod';
import { CONFIGURABLE_KEYS, type ConfigurableKey, LIST_ITEM_SCHEMAS, Settings } from '../schema/settings';
import type { PolicyWarning } from '../schema/settings-status';
import { toFieldIssue } from './issues';

/** Outcome of {@link validateFieldwise}. */
export interface FieldwiseResult {
  /** The fields that validated (lists possibly without their bad entries). */
  values: Partial<Settings>;
  /** Everything that was not taken, with the reason. */
  problems: PolicyWarning[];
}

const CONFIGURABLE: ReadonlySet<string> = new Set(CONFIGURABLE_KEYS);
const shape = Settings.shape as Record<ConfigurableKey, z.ZodType>;

/**
 * Validates each field of `patch` on its own, so one bad value never discards the rest. For the
 * lists in LIST_ITEM_SCHEMAS a failing list is retried without its bad entries. Used for enterprise
 * policy (where the rest must apply) and for stored settings (where a value an older or newer version
 * wrote must not reset everything). `version` is ignored.
 */
export function validateFieldwise(patch: Record<string, unknown>): FieldwiseResult {
  const values: Record<string, unknown> = {};
  const problems: PolicyWarning[] = [];
  for (const [key, value] of Object.entries(patch)) {
    if (key === 'version' || value === undefined) continue;
    if (!CONFIGURABLE.has(key)) {
      problems.push({ key, kind: 'unknown_key' });
      continue;
    }
    const field = shape[key as ConfigurableKey];
    const parsed = field.safeParse(value);
    if (parsed.success) {
      values[key] = parsed.data;
      continue;
    }
    const salvaged =
      key in LIST_ITEM_SCHEMAS && Array.isArray(value) ? salvageList(key, field, value) : undefined;
    if (salvaged) {
      values[key] = salvaged.data;
      problems.push(...salvaged.problems);
    } else {
      const first = parsed.error.issues[0];
      problems.push({ key, kind: 'ignored_value', ...(first ? { issue: toFieldIssue(first, [key]) } : {}) });
    }
  }
  return { values: values as Partial<Settings>, problems };
}

/**
 * Drops the entries that fail on their own or as part of the list (duplicates), until the list
 * validates. Returns undefined when the list still fails for a reason no single entry explains
 * (too many, or empty after dropping).
 */
function salvageList(
  key: string,
  field: z.ZodType,
  value: unknown[],
): { data: unknown; problems: PolicyWarning[] } | undefined {
  let entries = value.map((item, index) => ({ item, index }));
  const problems: PolicyWarning[] = [];
  for (let round = 0; round < 2; round++) {
    const parsed = field.safeParse(entries.map((entry) => entry.item));
    if (parsed.success) return { data: parsed.data, problems };
    const bad = new Map<number, z.core.$ZodIssue>();
    for (const issue of parsed.error.issues) {
      const position = issue.path[0];
      if (typeof position === 'number' && !bad.has(position)) bad.set(position, issue);
    }
    if (bad.size === 0) return undefined;
    for (const [position, issue] of bad) {
      const original = entries[position]?.index ?? position;
      problems.push({
        key,
        kind: 'ignored_entry',
        index: original,
        issue: toFieldIssue({ ...issue, path: issue.path.slice(1) }, [key, original]),
      });
    }
    entries = entries.filter((_, position) => !bad.has(position));
  }
  const last = field.safeParse(entries.map((entry) => entry.item));
  return last.success ? { data: last.data, problems } : undefined;
}
