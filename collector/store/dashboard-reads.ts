import {
  buildLeaks,
  buildReport,
  countQuery,
  type Dialect,
  distinctValuesQuery,
  FIRST_WEEK_QUERY,
  inboxQuery,
  type LeakSqlRow,
  leakQuery,
  type Query,
  type RankingSqlRow,
  type RecordSqlRow,
  ROUTES_QUERY,
  rankingQuery,
  SCREEN_NAME_QUERY,
  type SearchPlan,
  TREND_SERIES,
  toInboxRow,
  totalsQuery,
  trendQuery,
  trendWeeks,
} from './dashboard-sql';
import {
  COUNT_CAP,
  type FilterOptions,
  type HotspotQuery,
  type HotspotReport,
  type InboxPage,
  type InboxRow,
  type LeakWeek,
  type RecordFilter,
  type RecordSort,
} from './dashboard-types';

// The dashboard's reads, written once for both databases: each store hands over its dialect and a
// way to run a query (sqlite/dashboard-store.ts, postgres/dashboard-store.ts) and keeps only what is
// its own (SQLite's catch-up and search plan, PostgreSQL's pool).

/** How the shared reads reach one database. */
export interface SqlReader {
  dialect: Dialect;
  /** The rows of a query with `?` placeholders. */
  all<Row>(query: Query): Promise<Row[]>;
}

/** A page of records matching `filter` in `sort` order, and how many match (up to COUNT_CAP). */
export async function readInboxPage(
  db: SqlReader,
  filter: RecordFilter,
  sort: RecordSort,
  offset: number,
  limit: number,
  plan: SearchPlan = 'drive',
): Promise<InboxPage> {
  const [rows, count] = await Promise.all([
    db.all<RecordSqlRow>(inboxQuery(filter, sort, offset, limit + 1, db.dialect, plan)),
    db.all<{ n: number | string }>(countQuery(filter, COUNT_CAP + 1, db.dialect)),
  ]);
  const total = Number(count[0]?.n ?? 0);
  return {
    rows: rows.slice(0, limit).map(toInboxRow),
    total: Math.min(total, COUNT_CAP),
    totalCapped: total > COUNT_CAP,
    hasMore: rows.length > limit,
  };
}

/** Ranking, trend and totals of application × screen. */
export async function readHotspotReport(db: SqlReader, query: HotspotQuery): Promise<HotspotReport> {
  const ranking = await db.all<RankingSqlRow>(rankingQuery(query, db.dialect));
  const weeks = trendWeeks(query);
  const top = ranking
    .slice(0, TREND_SERIES)
    .map((row) => ({ app: row.app, routeTemplate: row.route_template }));
  const trend = top.length
    ? await db.all<{ app: string; route_template: string; week: string; count: number | string }>(
        trendQuery(query, weeks, top, db.dialect),
      )
    : [];
  const [totals] = await db.all<{
    count: number | string;
    this_week: number | string;
    last_week: number | string;
  }>(totalsQuery(query, db.dialect));
  return buildReport(
    ranking,
    trend,
    totals ?? { count: 0, this_week: 0, last_week: 0 },
    weeks,
    async (app, route) => {
      const [first, screen] = await Promise.all([
        db.all<{ week: string | null }>({ sql: FIRST_WEEK_QUERY, params: [app, route] }),
        db.all<{ screen_name: string }>({ sql: SCREEN_NAME_QUERY, params: [app, route] }),
      ]);
      return { firstWeek: first[0]?.week ?? '', screenName: screen[0]?.screen_name ?? '' };
    },
  );
}

/** The leak figure of each week in `weeks`; zeros where nothing was caught. */
export async function readLeaks(db: SqlReader, weeks: readonly string[]): Promise<LeakWeek[]> {
  if (weeks.length === 0) return [];
  return buildLeaks(weeks, await db.all<LeakSqlRow>(leakQuery(weeks, db.dialect)));
}

/** Values for the filter form's lists. */
export async function readFilterOptions(db: SqlReader): Promise<FilterOptions> {
  const [routes, categories, units] = await Promise.all([
    db.all<{ app: string; route_template: string }>({ sql: ROUTES_QUERY, params: [] }),
    db.all<{ x: string }>(distinctValuesQuery('category', 500)),
    db.all<{ x: string }>(distinctValuesQuery('unit', 500)),
  ]);
  return {
    apps: [...new Set(routes.map((row) => row.app))],
    routes: routes.map((row) => ({ app: row.app, routeTemplate: row.route_template })),
    categories: categories.map((row) => row.x),
    units: units.map((row) => row.x),
  };
}

/** Other records of the same application and screen as `id` since `since`, newest first. */
export async function readSameScreen(
  db: SqlReader,
  id: string,
  since: string,
  limit: number,
): Promise<InboxRow[]> {
  const [own] = await db.all<{ app: string; route_template: string }>({
    sql: 'SELECT app, route_template FROM records WHERE id = ?',
    params: [id],
  });
  if (!own) return [];
  // The inbox's own query (and its (app, route_template, created_at) index), one row more for `id` itself.
  const rows = await db.all<RecordSqlRow>(
    inboxQuery(
      { app: own.app, route: own.route_template, from: since },
      { key: 'created', dir: 'desc' },
      0,
      limit + 1,
      db.dialect,
    ),
  );
  return rows
    .map(toInboxRow)
    .filter((row) => row.id !== id)
    .slice(0, limit);
}
