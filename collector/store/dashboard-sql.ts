import type { Impact } from '../../utils/schema/record';
import type { OfficerStatus } from '../../utils/schema/wire';
import {
  type ExportRecordRow,
  type Hotspot,
  type HotspotQuery,
  type HotspotReport,
  IMPACT_WEIGHT,
  type InboxRow,
  type LeakWeek,
  type RecordFilter,
  type RecordSort,
} from './dashboard-types';

// The dashboard's queries, written once for both databases (sqlite/dashboard-store.ts and
// postgres/dashboard-store.ts). Placeholders are `?`; the PostgreSQL store numbers them with
// `numbered()`. No SQL text here contains a literal `?` for that reason.

/** Which SQL the builders produce. */
export type Dialect = 'sqlite' | 'postgres';

/** SQL text with its parameters in order. */
export interface Query {
  sql: string;
  params: unknown[];
}

/** Rewrites `?` placeholders as PostgreSQL's `$1, $2, …`. */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

const MAX_TERMS = 8;

/**
 * Words of a search: letters and digits only, lower-cased, at most eight. Everything else separates
 * words, so no search text can reach the FTS5 or tsquery syntax.
 */
export function searchTerms(q: string | undefined): string[] {
  if (!q) return [];
  const words = q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words)].slice(0, MAX_TERMS);
}

/** The FTS5 query for search words: each quoted (no operators) and matched as a prefix; all must occur. */
export function ftsQuery(terms: readonly string[]): string {
  return terms.map((term) => `"${term}"*`).join(' ');
}

/** Score weight of an impact column, as SQL. */
export function weightSql(column: string): string {
  return `(CASE ${column} WHEN 'blocks' THEN ${IMPACT_WEIGHT.blocks} WHEN 'slows' THEN ${IMPACT_WEIGHT.slows} ELSE ${IMPACT_WEIGHT.minor} END)`;
}

/** Monday (as `YYYY-MM-DD`) of the UTC week of an ISO timestamp column. */
export function weekSql(column: string, dialect: Dialect): string {
  return dialect === 'sqlite' ? `date(${column}, 'weekday 0', '-6 days')` : `mitsprache_week(${column})`;
}

/** The joins every record query uses: current status and duplicate mark. */
export const RECORD_JOINS = `records r
  LEFT JOIN record_status s ON s.id = r.id
  LEFT JOIN record_duplicates d ON d.id = r.id`;

/**
 * How SQLite should use the note search: `drive` starts from the matching notes (best when few
 * match), `check` walks the order's index and checks each row against the matches (best when many
 * match: the first page is found long before all matches are sorted).
 */
export type SearchPlan = 'drive' | 'check';

/** WHERE conditions (joined by AND, without the keyword) for a filter; `1 = 1` when empty. */
export function filterConditions(filter: RecordFilter, dialect: Dialect, plan: SearchPlan = 'drive'): Query {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    conditions.push(sql);
    params.push(...values);
  };
  if (filter.from) add('r.created_at >= ?', filter.from);
  if (filter.to) add('r.created_at < ?', filter.to);
  if (filter.app) add('r.app = ?', filter.app);
  if (filter.route) add('r.route_template = ?', filter.route);
  if (filter.category) add('r.category = ?', filter.category);
  if (filter.impact) add('r.impact = ?', filter.impact);
  if (filter.duringAppointment !== undefined)
    add('r.during_appointment = ?', filter.duringAppointment ? 1 : 0);
  if (filter.status === 'new') add('s.id IS NULL');
  else if (filter.status) add('s.status = ?', filter.status);
  if (filter.unit) add('r.unit = ?', filter.unit);
  const terms = searchTerms(filter.q);
  if (terms.length > 0) {
    if (dialect === 'sqlite') {
      // Each word quoted (no FTS5 operators) and matched as a prefix; all must occur.
      // The unary + keeps SQLite from looking rows up by the match list, so it walks the sort index.
      add(
        `${plan === 'check' ? '+' : ''}r.seq IN (SELECT rowid FROM records_fts WHERE records_fts MATCH ?)`,
        ftsQuery(terms),
      );
    } else {
      add(
        "mitsprache_note_tsv(r.note) @@ to_tsquery('simple', ?)",
        terms.map((term) => `'${term}':*`).join(' & '),
      );
    }
  }
  return { sql: conditions.length ? conditions.join(' AND ') : '1 = 1', params };
}

const STATUS_ORDER = `(CASE s.status WHEN 'received' THEN 1 WHEN 'in_review' THEN 2 WHEN 'forwarded' THEN 3
  WHEN 'solved' THEN 4 WHEN 'wont_change' THEN 5 ELSE 0 END)`;

/** ORDER BY text (without the keyword) of a sort; ties fall back to newest first, then arrival. */
export function orderBy(sort: RecordSort): string {
  const dir = sort.dir === 'asc' ? 'ASC' : 'DESC';
  const newest = 'r.created_at DESC, r.seq DESC';
  switch (sort.key) {
    case 'created':
      return `r.created_at ${dir}, r.seq ${dir}`;
    case 'received':
      return `r.received_at ${dir}, r.seq ${dir}`;
    case 'impact':
      return `${weightSql('r.impact')} ${dir}, ${newest}`;
    case 'minutes':
      return `coalesce(r.minutes_lost, -1) ${dir}, ${newest}`;
    case 'app':
      return `r.app ${dir}, r.route_template ${dir}, ${newest}`;
    case 'status':
      return `${STATUS_ORDER} ${dir}, ${newest}`;
  }
}

const INBOX_COLUMNS = `r.id, r.created_at, r.received_at, r.app, r.route_template, r.screen_name, r.category,
  r.impact, r.during_appointment, r.minutes_lost, r.unit, s.status, d.duplicate_of`;

/** A page of the inbox. */
export function inboxQuery(
  filter: RecordFilter,
  sort: RecordSort,
  offset: number,
  limit: number,
  dialect: Dialect,
  plan: SearchPlan = 'drive',
): Query {
  const where = filterConditions(filter, dialect, plan);
  return {
    sql: `SELECT ${INBOX_COLUMNS}, substr(r.note, 1, 200) AS note
          FROM ${RECORD_JOINS} WHERE ${where.sql} ORDER BY ${orderBy(sort)} LIMIT ? OFFSET ?`,
    params: [...where.params, limit, offset],
  };
}

/** Number of matching records, counted up to `cap`. */
export function countQuery(filter: RecordFilter, cap: number, dialect: Dialect): Query {
  // Counting reads every match anyway: starting from the matching notes is always best.
  const where = filterConditions(filter, dialect, 'drive');
  return {
    sql: `SELECT count(*) AS n FROM (SELECT 1 FROM ${RECORD_JOINS} WHERE ${where.sql} LIMIT ?) AS capped`,
    params: [...where.params, cap],
  };
}

/** Every matching record with what an export needs. */
/** Rows a dashboard download reads at a time, each chunk in a read of its own. */
export const EXPORT_CHUNK_ROWS = 500;

/**
 * One chunk of a dashboard download: the filtered list in its sort order, records up to `maxSeq` (the
 * newest when the download began, so that records arriving meanwhile do not shift the pages), `offset`
 * rows in. Each chunk is a short read of its own, so an officer's stalled download holds no read
 * transaction open (in SQLite that would stop checkpoints and grow the WAL).
 */
export function exportQuery(
  filter: RecordFilter,
  sort: RecordSort,
  dialect: Dialect,
  chunk: { maxSeq: number; offset: number; limit: number },
): Query {
  const where = filterConditions(filter, dialect, 'drive');
  return {
    sql: `SELECT ${INBOX_COLUMNS}, r.note, r.batch_id, s.reply, r.record_json, r.caught, r.caught_counts
          FROM ${RECORD_JOINS} WHERE ${where.sql} AND r.seq <= ${Math.trunc(chunk.maxSeq)}
          ORDER BY ${orderBy(sort)}, r.seq LIMIT ${Math.trunc(chunk.limit)} OFFSET ${Math.trunc(chunk.offset)}`,
    params: where.params,
  };
}

/** A row as both drivers return it (PostgreSQL's BIGINT/COUNT come back as strings). */
export interface RecordSqlRow {
  id: string;
  created_at: string;
  received_at: string;
  app: string;
  route_template: string;
  screen_name: string;
  category: string;
  impact: Impact;
  during_appointment: number;
  minutes_lost: number | null;
  unit: string | null;
  note: string;
  status: OfficerStatus | null;
  duplicate_of: string | null;
  batch_id?: string;
  reply?: string | null;
  record_json?: string;
  caught?: number | string;
  caught_counts?: string | null;
}

/** An inbox row from its SQL row. */
export function toInboxRow(row: RecordSqlRow): InboxRow {
  return {
    id: row.id,
    createdAt: row.created_at,
    receivedAt: row.received_at,
    app: row.app,
    routeTemplate: row.route_template,
    screenName: row.screen_name,
    category: row.category,
    impact: row.impact,
    duringAppointment: Number(row.during_appointment) === 1,
    minutesLost: row.minutes_lost === null ? null : Number(row.minutes_lost),
    unit: row.unit,
    note: row.note,
    status: row.status,
    duplicateOf: row.duplicate_of,
  };
}

/** An export row from its SQL row. */
export function toExportRow(row: RecordSqlRow): ExportRecordRow {
  return {
    ...toInboxRow(row),
    batchId: row.batch_id ?? '',
    reply: row.reply ?? null,
    recordJson: row.record_json ?? '{}',
    caught: Number(row.caught ?? 0),
    caughtJson: row.caught_counts ?? '{}',
  };
}

/** Distinct values of an indexed column by skipping through the index (a "loose index scan"). */
export function distinctValuesQuery(column: 'category' | 'unit', limit: number): Query {
  return {
    sql: `WITH RECURSIVE v(x) AS (
            SELECT min(${column}) FROM records
            UNION ALL
            SELECT (SELECT min(${column}) FROM records WHERE ${column} > v.x) FROM v WHERE v.x IS NOT NULL
          )
          SELECT x FROM v WHERE x IS NOT NULL LIMIT ?`,
    params: [limit],
  };
}

/** Applications and routes known to the weekly table (one row per pair, however many weeks). */
export const ROUTES_QUERY = `SELECT app, route_template FROM hotspot_weekly
  GROUP BY app, route_template ORDER BY app, route_template LIMIT 5000`;

/** Adds days to a `YYYY-MM-DD` date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Monday (UTC) of the week containing an instant. */
export function weekOf(instant: Date): string {
  const day = (instant.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const monday = new Date(Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), instant.getUTCDate()));
  monday.setUTCDate(monday.getUTCDate() - day);
  return monday.toISOString().slice(0, 10);
}

/** Whether the weekly table can answer the filter (it only knows application, route and week). */
export function aggregateAnswers(filter: RecordFilter): boolean {
  return Object.entries(filter).every(
    ([key, value]) => value === undefined || key === 'app' || key === 'route',
  );
}

/** The weeks a trend shows: from the period's start (at most 26 weeks back) to this week. */
export function trendWeeks(query: HotspotQuery): string[] {
  const last = query.thisWeek;
  let first = addDays(last, -7 * 25);
  if (query.fromWeek && query.fromWeek > first) first = query.fromWeek;
  const weeks: string[] = [];
  for (let week = first; week <= last && week < query.toWeek; week = addDays(week, 7)) weeks.push(week);
  return weeks;
}

const METRIC_ORDER: Record<HotspotQuery['metric'], string> = {
  count: 'count DESC, score DESC, minutes DESC',
  score: 'score DESC, count DESC, minutes DESC',
  minutes: 'minutes DESC, score DESC, count DESC',
};

/**
 * The ranking query: from the weekly table when the filter allows it, else from the records (with
 * duplicates left out, as the weekly table does).
 */
export function rankingQuery(query: HotspotQuery, dialect: Dialect): Query {
  const lastWeek = addDays(query.thisWeek, -7);
  const order = `${METRIC_ORDER[query.metric]}, app, route_template`;
  if (aggregateAnswers(query.filter)) {
    const conditions = ['week < ?'];
    const params: unknown[] = [query.thisWeek, lastWeek, query.toWeek];
    if (query.fromWeek) {
      conditions.push('week >= ?');
      params.push(query.fromWeek);
    }
    if (query.filter.app) {
      conditions.push('app = ?');
      params.push(query.filter.app);
    }
    if (query.filter.route) {
      conditions.push('route_template = ?');
      params.push(query.filter.route);
    }
    return {
      sql: `SELECT app, route_template, sum(records) AS count, sum(score) AS score, sum(minutes) AS minutes,
                   sum(CASE WHEN week = ? THEN records ELSE 0 END) AS this_week,
                   sum(CASE WHEN week = ? THEN records ELSE 0 END) AS last_week
            FROM hotspot_weekly WHERE ${conditions.join(' AND ')}
            GROUP BY app, route_template HAVING sum(records) > 0
            ORDER BY ${order} LIMIT ?`,
      params: [...params, query.limit],
    };
  }
  const filter: RecordFilter = {
    ...query.filter,
    from: maxIso(query.filter.from, query.fromWeek && `${query.fromWeek}T00:00:00.000Z`),
    to: minIso(query.filter.to, `${query.toWeek}T00:00:00.000Z`),
  };
  const where = filterConditions(filter, dialect);
  const thisStart = `${query.thisWeek}T00:00:00.000Z`;
  const thisEnd = `${addDays(query.thisWeek, 7)}T00:00:00.000Z`;
  const lastStart = `${lastWeek}T00:00:00.000Z`;
  return {
    sql: `SELECT r.app AS app, r.route_template AS route_template, count(*) AS count,
                 sum(${weightSql('r.impact')}) AS score, sum(coalesce(r.minutes_lost, 0)) AS minutes,
                 sum(CASE WHEN r.created_at >= ? AND r.created_at < ? THEN 1 ELSE 0 END) AS this_week,
                 sum(CASE WHEN r.created_at >= ? AND r.created_at < ? THEN 1 ELSE 0 END) AS last_week
          FROM ${RECORD_JOINS} WHERE ${where.sql} AND d.id IS NULL
          GROUP BY r.app, r.route_template ORDER BY ${order} LIMIT ?`,
    params: [thisStart, thisEnd, lastStart, thisStart, ...where.params, query.limit],
  };
}

/** Weekly counts of the given hotspots over `weeks`. */
export function trendQuery(
  query: HotspotQuery,
  weeks: readonly string[],
  top: readonly { app: string; routeTemplate: string }[],
  dialect: Dialect,
): Query {
  const first = weeks[0] ?? query.thisWeek;
  const end = addDays(weeks.at(-1) ?? query.thisWeek, 7);
  const pairs = (prefix: string) =>
    top.map(() => `(${prefix}app = ? AND ${prefix}route_template = ?)`).join(' OR ') || '1 = 0';
  const pairParams = top.flatMap((hotspot) => [hotspot.app, hotspot.routeTemplate]);
  if (aggregateAnswers(query.filter)) {
    return {
      sql: `SELECT app, route_template, week, records AS count FROM hotspot_weekly
            WHERE week >= ? AND week < ? AND (${pairs('')})`,
      params: [first, end, ...pairParams],
    };
  }
  const filter: RecordFilter = {
    ...query.filter,
    from: maxIso(query.filter.from, `${first}T00:00:00.000Z`),
    to: minIso(query.filter.to, `${end}T00:00:00.000Z`),
  };
  const where = filterConditions(filter, dialect);
  const week = weekSql('r.created_at', dialect);
  return {
    sql: `SELECT r.app AS app, r.route_template AS route_template, ${week} AS week, count(*) AS count
          FROM ${RECORD_JOINS} WHERE ${where.sql} AND d.id IS NULL
            AND (${pairs('r.')})
          GROUP BY r.app, r.route_template, ${week}`,
    params: [...where.params, ...pairParams],
  };
}

/** Totals over the whole period (not just the ranked rows). */
export function totalsQuery(query: HotspotQuery, dialect: Dialect): Query {
  const ranking = rankingQuery({ ...query, limit: 1_000_000 }, dialect);
  // The ranking without its ORDER BY/LIMIT, summed: one definition of "what counts" for both.
  const inner = ranking.sql.replace(/ORDER BY[\s\S]*$/, '');
  return {
    sql: `SELECT coalesce(sum(count), 0) AS count, coalesce(sum(this_week), 0) AS this_week,
                 coalesce(sum(last_week), 0) AS last_week FROM (${inner}) AS ranked`,
    params: ranking.params.slice(0, -1),
  };
}

/**
 * What the second line caught in the given weeks, by arrival week and kind mix. Grouped by the
 * counts' JSON text as well: the mixes are few, so the rows stay few, and summing the kinds needs no
 * JSON functions (SQLite and PostgreSQL spell them differently). `caught > 0` as in the partial index
 * records_caught_received, so only the caught rows are read.
 */
export function leakQuery(weeks: readonly string[], dialect: Dialect): Query {
  const first = weeks[0] ?? '9999-12-31';
  const end = addDays(weeks.at(-1) ?? first, 7);
  const week = weekSql('received_at', dialect);
  return {
    sql: `SELECT ${week} AS week, caught_counts, count(*) AS records, sum(caught) AS masks
          FROM records WHERE caught > 0 AND received_at >= ? AND received_at < ?
          GROUP BY ${week}, caught_counts`,
    params: [`${first}T00:00:00.000Z`, `${end}T00:00:00.000Z`],
  };
}

/** A row of {@link leakQuery} as drivers return it. */
export interface LeakSqlRow {
  week: string;
  caught_counts: string | null;
  records: number | string;
  masks: number | string;
}

/** One entry per week of `weeks`, zeros where nothing was caught. */
export function buildLeaks(weeks: readonly string[], rows: readonly LeakSqlRow[]): LeakWeek[] {
  const byWeek = new Map(weeks.map((week) => [week, { week, records: 0, masks: 0, kinds: {} } as LeakWeek]));
  for (const row of rows) {
    const entry = byWeek.get(row.week);
    if (!entry) continue;
    const records = Number(row.records);
    entry.records += records;
    entry.masks += Number(row.masks);
    const kinds = row.caught_counts ? (JSON.parse(row.caught_counts) as Record<string, number>) : {};
    for (const [kind, n] of Object.entries(kinds)) entry.kinds[kind] = (entry.kinds[kind] ?? 0) + n * records;
  }
  return [...byWeek.values()];
}

/** First week with anything reported on a hotspot (all time). */
export const FIRST_WEEK_QUERY =
  'SELECT min(week) AS week FROM hotspot_weekly WHERE app = ? AND route_template = ? AND records > 0';
/** Most recent screen name of a route. */
export const SCREEN_NAME_QUERY =
  'SELECT screen_name FROM records WHERE app = ? AND route_template = ? ORDER BY created_at DESC LIMIT 1';

function maxIso(a: string | undefined, b: string | undefined): string | undefined {
  if (!a) return b || undefined;
  if (!b) return a;
  return a > b ? a : b;
}

function minIso(a: string | undefined, b: string | undefined): string | undefined {
  if (!a) return b || undefined;
  if (!b) return a;
  return a < b ? a : b;
}

/** A ranking row as drivers return it. */
export interface RankingSqlRow {
  app: string;
  route_template: string;
  count: number | string;
  score: number | string;
  minutes: number | string;
  this_week: number | string;
  last_week: number | string;
}

/**
 * Assembles the report from query results; `lookup` runs the per-hotspot look-ups (first week,
 * screen name), which both stores answer from an index.
 */
export async function buildReport(
  ranking: readonly RankingSqlRow[],
  trendRows: readonly { app: string; route_template: string; week: string; count: number | string }[],
  totals: { count: number | string; this_week: number | string; last_week: number | string },
  weeks: readonly string[],
  lookup: (app: string, routeTemplate: string) => Promise<{ firstWeek: string; screenName: string }>,
): Promise<HotspotReport> {
  const hotspots: Hotspot[] = [];
  for (const row of ranking) {
    const { firstWeek, screenName } = await lookup(row.app, row.route_template);
    hotspots.push({
      app: row.app,
      routeTemplate: row.route_template,
      screenName,
      count: Number(row.count),
      score: Number(row.score),
      minutes: Number(row.minutes),
      thisWeek: Number(row.this_week),
      lastWeek: Number(row.last_week),
      firstWeek,
    });
  }
  const top = hotspots.slice(0, TREND_SERIES);
  const index = new Map(weeks.map((week, i) => [week, i]));
  const series = top.map((hotspot) => ({
    app: hotspot.app,
    routeTemplate: hotspot.routeTemplate,
    counts: weeks.map(() => 0),
  }));
  for (const row of trendRows) {
    const s = series.find((entry) => entry.app === row.app && entry.routeTemplate === row.route_template);
    const i = index.get(row.week);
    if (s && i !== undefined) s.counts[i] = Number(row.count);
  }
  return {
    hotspots,
    trend: { weeks: [...weeks], series },
    totals: {
      count: Number(totals.count),
      thisWeek: Number(totals.this_week),
      lastWeek: Number(totals.last_week),
    },
  };
}

/** How many of the top hotspots the trend chart shows. */
export const TREND_SERIES = 5;
