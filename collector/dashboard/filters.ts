import { z } from 'zod';
import { CategoryId, Impact } from '../../utils/schema/record';
import { OfficerStatus } from '../../utils/schema/wire';
import { addDays } from '../store/dashboard-sql';
import {
  type HotspotMetric,
  type RecordFilter,
  type RecordSort,
  SORT_KEYS,
  type StatusFilter,
} from '../store/dashboard-types';
import { localMidnightUtc, parseDayInput } from './format';

// Empty form fields arrive as "" and mean "no filter".
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

/** The issue message of a day that is not one; routes answer it with the `date_invalid` page. */
export const DATE_INVALID = 'date_invalid';

// A calendar day typed as dd.mm.yyyy (or yyyy-mm-dd from links), kept as yyyy-mm-dd.
const LocalDate = z.string().transform((text, ctx) => {
  const day = parseDayInput(text);
  if (day) return day;
  ctx.addIssue({ code: 'custom', message: DATE_INVALID });
  return z.NEVER;
});

/** Query parameters of the inbox and the exports, as the filter form sends them. */
export const FilterParams = z.object({
  from: optional(LocalDate),
  to: optional(LocalDate),
  app: optional(z.string().max(100)),
  route: optional(z.string().max(1000)),
  category: optional(CategoryId),
  impact: optional(Impact),
  appt: optional(z.enum(['yes', 'no'])),
  status: optional(z.union([OfficerStatus, z.literal('new')])),
  unit: optional(z.string().max(100)),
  q: optional(z.string().max(200)),
  sort: optional(z.enum(SORT_KEYS)),
  dir: optional(z.enum(['asc', 'desc'])),
  page: optional(z.coerce.number().int().min(1).max(10_000)),
});
export type FilterParams = z.infer<typeof FilterParams>;

/** The store filter for the form's values (dates are local calendar days, `to` inclusive). */
export function toRecordFilter(params: FilterParams): RecordFilter {
  return {
    from: params.from ? localMidnightUtc(params.from) : undefined,
    to: params.to ? localMidnightUtc(addDays(params.to, 1)) : undefined,
    app: params.app,
    route: params.route,
    category: params.category,
    impact: params.impact,
    duringAppointment: params.appt === undefined ? undefined : params.appt === 'yes',
    status: params.status as StatusFilter | undefined,
    unit: params.unit,
    q: params.q?.trim() || undefined,
  };
}

/** The sort for the form's values: newest first unless told otherwise. */
export function toRecordSort(params: FilterParams): RecordSort {
  return { key: params.sort ?? 'created', dir: params.dir ?? 'desc' };
}

const FILTER_KEYS = [
  'from',
  'to',
  'app',
  'route',
  'category',
  'impact',
  'appt',
  'status',
  'unit',
  'q',
] as const;

/** The filter part of `params` as a query string (without sort and page), for links and exports. */
export function filterQuery(params: FilterParams, extra: Record<string, string | undefined> = {}): string {
  const search = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = params[key];
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Periods the hotspot view offers, in weeks (0 = all time). */
export const HOTSPOT_PERIODS = [4, 12, 26, 52, 0] as const;

/** Query parameters of the hotspot view and its print view. */
export const HotspotParams = z.object({
  weeks: optional(
    z.coerce
      .number()
      .refine(
        (n) => (HOTSPOT_PERIODS as readonly number[]).includes(n),
        `one of ${HOTSPOT_PERIODS.join(', ')}`,
      ),
  ),
  metric: optional(z.enum(['count', 'score', 'minutes'])),
  asOf: optional(LocalDate),
  app: optional(z.string().max(100)),
  category: optional(CategoryId),
  impact: optional(Impact),
  appt: optional(z.enum(['yes', 'no'])),
  unit: optional(z.string().max(100)),
});
export type HotspotParams = z.infer<typeof HotspotParams>;

/** Hotspot defaults: ranked by weighted impact over the last 12 weeks. */
export function hotspotDefaults(params: HotspotParams): { weeks: number; metric: HotspotMetric } {
  return { weeks: params.weeks ?? 12, metric: params.metric ?? 'score' };
}
