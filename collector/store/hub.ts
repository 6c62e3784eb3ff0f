import { randomUUID } from 'node:crypto';
import {
  type HubComparison,
  type HubMarker,
  HubNotice,
  type HubPush,
  type HubPushResponse,
  type HubQuestionResult,
} from '../hub/protocol';
import type { Dialect } from './dashboard-sql';
import type {
  HubHotspot,
  HubJobCentreFigures,
  HubNoticeInput,
  HubRange,
  HubRankedScreen,
  HubReceipt,
  HubStore,
  HubStoredNote,
  HubTrendWeek,
} from './hub-types';
import type { SqlDriver, SqlStep } from './incidents';

// The hub (issue #19) on both databases, written once as operations over the incidents' SqlDriver
// (store/incidents.ts): portable SQL with `?` placeholders, each operation in one transaction. Two
// rollups, both kept by each push inside its transaction: hub_screen_weeks (week × screen × job centre,
// the cells' categories and impacts summed) for one screen's medians and each job centre's figures, and
// hub_screen_totals (week × screen: sums over all job centres and the set of job centres as a bitmap)
// for the ranking and the trend, which then read a few thousand rows at any size of region
// (docs/hub.md, "Scale").

function* all<Row>(sql: string, params: readonly unknown[] = []): Generator<SqlStep, Row[], unknown> {
  return (yield { kind: 'all', sql, params }) as Row[];
}

function* run(sql: string, params: readonly unknown[] = []): Generator<SqlStep, number, unknown> {
  return (yield { kind: 'run', sql, params }) as number;
}

type Count = number | string;

function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}

// Rows per multi-row INSERT: one statement per few hundred cells instead of one per cell (a weekly push
// of 300 screens × 7 categories is some 2000 cells), well below both databases' parameter limits.
const ROWS_PER_INSERT = 400;

function* insertRows(
  head: string,
  columns: number,
  rows: readonly unknown[][],
  tail: string,
): Generator<SqlStep, void, unknown> {
  const row = `(${placeholders(columns)})`;
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    const chunk = rows.slice(start, start + ROWS_PER_INSERT);
    yield* run(`${head} VALUES ${chunk.map(() => row).join(', ')} ${tail}`, chunk.flat());
  }
}

/**
 * Fewest job centres a screen must trouble before a job centre sees the region's median for it: of
 * two, the median and one's own figure would reveal the other's exactly.
 */
export const MEDIAN_MIN_JOB_CENTRES = 3;

/** The median of some numbers (0 for none); the mean of the middle two for an even count. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function rangeWhere(range: HubRange): { sql: string; params: unknown[] } {
  return range.app === undefined
    ? { sql: 'week >= ? AND week <= ?', params: [range.from, range.to] }
    : { sql: 'week >= ? AND week <= ? AND app = ?', params: [range.from, range.to, range.app] };
}

interface PerJobCentreRow {
  app: string;
  screen: string;
  job_centre: string;
  notes: Count;
  minutes_lost: Count;
}

interface NoticeRow {
  notice_json: string;
  change_seq: Count;
}

const screenKey = (app: string, screen: string) => `${app}\0${screen}`;

/** Each job centre's sums for the given screens in the range. */
function* perJobCentre(
  screens: readonly { app: string; screen: string }[],
  range: HubRange,
): Generator<SqlStep, Map<string, PerJobCentreRow[]>, unknown> {
  const found = new Map<string, PerJobCentreRow[]>();
  if (screens.length === 0) return found;
  const where = rangeWhere(range);
  const any = screens.map(() => '(app = ? AND screen = ?)').join(' OR ');
  const rows = yield* all<PerJobCentreRow>(
    `SELECT app, screen, job_centre, sum(notes) AS notes, sum(minutes_lost) AS minutes_lost
     FROM hub_screen_weeks WHERE ${where.sql} AND (${any})
     GROUP BY app, screen, job_centre`,
    [...where.params, ...screens.flatMap((screen) => [screen.app, screen.screen])],
  );
  for (const row of rows) {
    const key = screenKey(row.app, row.screen);
    found.set(key, [...(found.get(key) ?? []), row]);
  }
  return found;
}

// Sets of job centres as hex bitmaps: bit n, counted from the left, is the job centre of ordinal n.
// Hex text rather than a blob or PostgreSQL's bit type: one representation written by the same code on
// both databases; PostgreSQL casts it to `bit varying` where it ORs in SQL (rankingInSql).

/** `bits` with the bit of `ordinal` set or cleared; trailing zero digits dropped ('' is the empty set). */
export function withBit(bits: string, ordinal: number, on: boolean): string {
  const index = Math.floor(ordinal / 4);
  const digits = bits.padEnd(index + 1, '0').split('');
  const mask = 8 >> (ordinal % 4);
  const digit = Number.parseInt(digits[index] as string, 16);
  digits[index] = (on ? digit | mask : digit & ~mask).toString(16);
  return digits.join('').replace(/0+$/, '');
}

const NIBBLE_BITS = [0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4];
const BYTE_BITS = Array.from(
  { length: 256 },
  (_, byte) => (NIBBLE_BITS[byte >> 4] as number) + (NIBBLE_BITS[byte & 15] as number),
);

/** How many job centres a set holds. */
export function countBits(bits: string): number {
  let count = 0;
  for (const digit of bits) count += NIBBLE_BITS[Number.parseInt(digit, 16)] as number;
  return count;
}

interface TotalsRow {
  week: string;
  app: string;
  screen: string;
  job_centres: string;
  notes: Count;
  minutes_lost: Count;
}

function byRank(a: HubRankedScreen, b: HubRankedScreen): number {
  const text = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return (
    b.jobCentres - a.jobCentres ||
    b.minutesLost - a.minutesLost ||
    b.notes - a.notes ||
    text(a.app, b.app) ||
    text(a.screen, b.screen)
  );
}

interface RankedRow {
  app: string;
  screen: string;
  job_centres: Count;
  notes: Count;
  minutes_lost: Count;
}

/**
 * PostgreSQL: the union and its count in SQL, so only the ranked screens leave the server. bit_or
 * needs operands of one length, so each week's hex set is cast to `bit varying` padded to the width of
 * the highest ordinal handed out (no set is wider: withBit drops trailing zeros). The cast parses some
 * 100 hex digits per row in C; measured against a stored `bit varying` column it costs ~1.5 ms for
 * 52 weeks of 300 screens, not worth a second representation to keep in step (docs/hub.md, "Scale").
 * Ties are broken byte-wise ("C"), as the JS comparison of the SQLite path does for the BMP.
 */
function* rankingInSql(range: HubRange, limit: number): Generator<SqlStep, HubRankedScreen[], unknown> {
  const where = rangeWhere(range);
  const rows = yield* all<RankedRow>(
    `SELECT app, screen,
       bit_count(bit_or(('x' || rpad(job_centres, width.digits, '0'))::bit varying)) AS job_centres,
       sum(notes) AS notes, sum(minutes_lost) AS minutes_lost
     FROM hub_screen_totals,
       (SELECT coalesce(max(ordinal), 0) / 4 + 1 AS digits FROM hub_job_centres) AS width
     WHERE ${where.sql}
     GROUP BY app, screen
     ORDER BY 3 DESC, 5 DESC, 4 DESC, app COLLATE "C", screen COLLATE "C"
     LIMIT ?`,
    [...where.params, limit],
  );
  return rows.map((row) => ({
    app: row.app,
    screen: row.screen,
    jobCentres: Number(row.job_centres),
    notes: Number(row.notes),
    minutesLost: Number(row.minutes_lost),
  }));
}

/** SQLite (no bit strings): the weeks' rows are read and their sets OR-ed here, as bytes. */
function* rankingInProcess(range: HubRange, limit: number): Generator<SqlStep, HubRankedScreen[], unknown> {
  const where = rangeWhere(range);
  // One row per week and screen (3,600 for 12 weeks of 300 screens), summed here: the distinct job
  // centres over several weeks are the union of the weeks' sets, where SQL would need a DISTINCT over
  // every job centre's row.
  const rows = yield* all<TotalsRow>(
    `SELECT week, app, screen, job_centres, notes, minutes_lost FROM hub_screen_totals WHERE ${where.sql}`,
    where.params,
  );
  // The union as bytes: a screen's set over 52 weeks is OR-ed 52 times, hex strings would be rebuilt each time.
  const screens = new Map<
    string,
    { app: string; screen: string; bits: Uint8Array; notes: number; minutesLost: number }
  >();
  for (const row of rows) {
    const key = screenKey(row.app, row.screen);
    const hex = String(row.job_centres);
    const bytes = Buffer.from(hex.length % 2 === 1 ? `${hex}0` : hex, 'hex');
    let found = screens.get(key);
    if (!found) {
      found = {
        app: row.app,
        screen: row.screen,
        bits: new Uint8Array(bytes.length),
        notes: 0,
        minutesLost: 0,
      };
      screens.set(key, found);
    }
    if (found.bits.length < bytes.length) {
      const wider = new Uint8Array(bytes.length);
      wider.set(found.bits);
      found.bits = wider;
    }
    for (let i = 0; i < bytes.length; i++) found.bits[i] = (found.bits[i] as number) | (bytes[i] as number);
    found.notes += Number(row.notes);
    found.minutesLost += Number(row.minutes_lost);
  }
  return [...screens.values()]
    .map(({ app, screen, bits, notes, minutesLost }) => ({
      app,
      screen,
      jobCentres: bits.reduce((sum, byte) => sum + (BYTE_BITS[byte] as number), 0),
      notes,
      minutesLost,
    }))
    .sort(byRank)
    .slice(0, limit);
}

/** Screens ranked by job centres affected over the range, then minutes lost, then notes. */
function rankingOp(
  dialect: Dialect,
  range: HubRange,
  limit: number,
): Generator<SqlStep, HubRankedScreen[], unknown> {
  return dialect === 'postgres' ? rankingInSql(range, limit) : rankingInProcess(range, limit);
}

interface ScreenWeekRow {
  week: string;
  app: string;
  screen: string;
  notes: Count;
  minutes_lost: Count;
}

/**
 * Keeps hub_screen_totals in step after one job centre's rows of `weeks` in hub_screen_weeks changed
 * from `before` to `after`: its notes and minutes replaced in the sums, its bit set or cleared.
 */
function* updateTotals(
  ordinal: number,
  weeks: readonly string[],
  before: readonly ScreenWeekRow[],
  after: readonly ScreenWeekRow[],
): Generator<SqlStep, void, unknown> {
  const key = (row: { week: string; app: string; screen: string }) =>
    `${row.week}\0${row.app}\0${row.screen}`;
  const old = new Map(before.map((row) => [key(row), row]));
  const now = new Map(after.map((row) => [key(row), row]));
  const touched = new Set([...old.keys(), ...now.keys()]);
  if (touched.size === 0) return;
  const found = yield* all<TotalsRow>(
    `SELECT week, app, screen, job_centres, notes, minutes_lost FROM hub_screen_totals
     WHERE week IN (${placeholders(weeks.length)})`,
    weeks,
  );
  const current = new Map(found.filter((row) => touched.has(key(row))).map((row) => [key(row), row]));
  const upserts: unknown[][] = [];
  const emptied: ScreenWeekRow[] = [];
  for (const id of touched) {
    const was = old.get(id);
    const is = now.get(id);
    const row = (is ?? was) as ScreenWeekRow;
    const total = current.get(id);
    const bits = withBit(total?.job_centres ?? '', ordinal, is !== undefined);
    const notes = Number(total?.notes ?? 0) - Number(was?.notes ?? 0) + Number(is?.notes ?? 0);
    const minutes =
      Number(total?.minutes_lost ?? 0) - Number(was?.minutes_lost ?? 0) + Number(is?.minutes_lost ?? 0);
    if (bits === '') emptied.push(row);
    else upserts.push([row.week, row.app, row.screen, bits, notes, minutes]);
  }
  for (const row of emptied) {
    yield* run('DELETE FROM hub_screen_totals WHERE week = ? AND app = ? AND screen = ?', [
      row.week,
      row.app,
      row.screen,
    ]);
  }
  yield* insertRows(
    'INSERT INTO hub_screen_totals (week, app, screen, job_centres, notes, minutes_lost)',
    6,
    upserts,
    `ON CONFLICT (week, app, screen) DO UPDATE SET job_centres = excluded.job_centres, notes = excluded.notes,
       minutes_lost = excluded.minutes_lost`,
  );
}

/** The job centre's ordinal (its bit in the sets), given at its first push. */
function* ordinalOf(jobCentre: string, pushId: string, at: string): Generator<SqlStep, number, unknown> {
  const [found] = yield* all<{ ordinal: Count }>('SELECT ordinal FROM hub_job_centres WHERE id = ?', [
    jobCentre,
  ]);
  if (found) return Number(found.ordinal);
  // Writes are serialised, so max + 1 is this job centre's alone.
  const [last] = yield* all<{ n: Count | null }>('SELECT max(ordinal) AS n FROM hub_job_centres');
  const ordinal = last?.n === null || last?.n === undefined ? 0 : Number(last.n) + 1;
  yield* run('INSERT INTO hub_job_centres (id, ordinal, last_push_id, last_push_at) VALUES (?, ?, ?, ?)', [
    jobCentre,
    ordinal,
    pushId,
    at,
  ]);
  return ordinal;
}

function* pushOp(push: HubPush, receivedAt: string): Generator<SqlStep, HubPushResponse, unknown> {
  const jc = push.jobCentre;
  const ordinal = yield* ordinalOf(jc, push.pushId, receivedAt);
  // The weeks this part changes, and the job centre's rollup rows of them before the change.
  const weeks = [
    ...new Set([...(push.part === 1 ? push.weeks : []), ...push.cells.map((cell) => cell.week)]),
  ];
  const rollupOf = function* () {
    if (weeks.length === 0) return [] as ScreenWeekRow[];
    return yield* all<ScreenWeekRow>(
      `SELECT week, app, screen, notes, minutes_lost FROM hub_screen_weeks
       WHERE job_centre = ? AND week IN (${placeholders(weeks.length)})`,
      [jc, ...weeks],
    );
  };
  const before = yield* rollupOf();
  const firstArrival =
    (yield* all<{ part: number }>(
      'SELECT part FROM hub_pushes WHERE push_id = ? AND part = ? AND job_centre = ?',
      [push.pushId, push.part, jc],
    )).length === 0;
  // The weeks' replacement happens once per push (a retried first part must not wipe what came since)
  // and spares the push's own cells (its later parts may arrive before its first).
  if (push.part === 1 && firstArrival && push.weeks.length > 0) {
    yield* run(
      `DELETE FROM hub_cells WHERE job_centre = ? AND push_id <> ? AND week IN (${placeholders(push.weeks.length)})`,
      [jc, push.pushId, ...push.weeks],
    );
  }
  yield* insertRows(
    `INSERT INTO hub_cells (id, job_centre, week, app, screen, category, impact, notes, minutes_lost,
       push_id, received_at)`,
    11,
    push.cells.map((cell) => [
      cell.id,
      jc,
      cell.week,
      cell.app,
      cell.screen,
      cell.category,
      cell.impact,
      cell.notes,
      cell.minutesLost,
      push.pushId,
      receivedAt,
    ]),
    `ON CONFLICT (id) DO UPDATE SET week = excluded.week, app = excluded.app, screen = excluded.screen,
       category = excluded.category, impact = excluded.impact, notes = excluded.notes,
       minutes_lost = excluded.minutes_lost, push_id = excluded.push_id, received_at = excluded.received_at`,
  );
  // The rollups of every week this part touched, rebuilt from the cells as they now are.
  if (weeks.length > 0) {
    const list = placeholders(weeks.length);
    yield* run(`DELETE FROM hub_screen_weeks WHERE job_centre = ? AND week IN (${list})`, [jc, ...weeks]);
    yield* run(
      `INSERT INTO hub_screen_weeks (week, app, screen, job_centre, notes, minutes_lost)
       SELECT week, app, screen, job_centre, sum(notes), sum(minutes_lost)
       FROM hub_cells WHERE job_centre = ? AND week IN (${list})
       GROUP BY week, app, screen, job_centre`,
      [jc, ...weeks],
    );
    yield* updateTotals(ordinal, weeks, before, yield* rollupOf());
  }
  yield* insertRows(
    `INSERT INTO hub_notes (id, job_centre, week, app, screen, category, impact, text, reply, received_at)`,
    10,
    push.notes.map((note) => [
      note.id,
      jc,
      note.week,
      note.app,
      note.screen,
      note.category,
      note.impact,
      note.text,
      note.reply ?? null,
      receivedAt,
    ]),
    `ON CONFLICT (id) DO UPDATE SET week = excluded.week, app = excluded.app, screen = excluded.screen,
       category = excluded.category, impact = excluded.impact, text = excluded.text, reply = excluded.reply,
       received_at = excluded.received_at`,
  );
  yield* insertRows(
    'INSERT INTO hub_markers (id, job_centre, day, marker_json, received_at)',
    5,
    push.markers.map((marker: HubMarker) => [marker.id, jc, marker.date, JSON.stringify(marker), receivedAt]),
    `ON CONFLICT (id) DO UPDATE SET day = excluded.day, marker_json = excluded.marker_json,
       received_at = excluded.received_at`,
  );
  yield* insertRows(
    'INSERT INTO hub_questions (id, job_centre, app, result_json, received_at)',
    5,
    push.questions.map((question: HubQuestionResult) => [
      question.id,
      jc,
      question.app,
      JSON.stringify(question),
      receivedAt,
    ]),
    `ON CONFLICT (id) DO UPDATE SET app = excluded.app, result_json = excluded.result_json,
       received_at = excluded.received_at`,
  );
  if (push.withdrawn.length > 0) {
    const list = placeholders(push.withdrawn.length);
    for (const table of ['hub_notes', 'hub_markers', 'hub_questions']) {
      yield* run(`DELETE FROM ${table} WHERE job_centre = ? AND id IN (${list})`, [jc, ...push.withdrawn]);
    }
  }
  yield* run(
    `INSERT INTO hub_pushes (push_id, part, parts, job_centre, received_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (push_id, part) DO NOTHING`,
    [push.pushId, push.part, push.parts, jc, receivedAt],
  );
  yield* run('UPDATE hub_job_centres SET last_push_id = ?, last_push_at = ? WHERE id = ?', [
    push.pushId,
    receivedAt,
    jc,
  ]);
  return {
    pushId: push.pushId,
    part: push.part,
    cells: push.cells.length,
    notes: push.notes.length,
    markers: push.markers.length,
    questions: push.questions.length,
  };
}

function* noticeById(id: string): Generator<SqlStep, HubNotice | null, unknown> {
  const rows = yield* all<NoticeRow>('SELECT notice_json, change_seq FROM hub_notices WHERE id = ?', [id]);
  return rows[0] ? HubNotice.parse(JSON.parse(rows[0].notice_json)) : null;
}

function* saveNotice(notice: HubNotice, insert: boolean): Generator<SqlStep, HubNotice, unknown> {
  // The feed's cursor: the writes are serialised (SQLite's write lock, PostgreSQL's status lock), so
  // max + 1 is never handed out twice and becomes visible in order.
  const [next] = yield* all<{ seq: Count | null }>('SELECT max(change_seq) AS seq FROM hub_notices');
  const seq = Number(next?.seq ?? 0) + 1;
  const json = JSON.stringify(notice);
  if (insert) {
    yield* run(
      `INSERT INTO hub_notices (id, kind, app, screen, notice_json, withdrawn, published_at, updated_at, change_seq)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        notice.id,
        notice.kind,
        notice.app,
        notice.screen,
        json,
        notice.withdrawn ? 1 : 0,
        notice.publishedAt,
        notice.updatedAt,
        seq,
      ],
    );
  } else {
    yield* run(
      `UPDATE hub_notices SET kind = ?, app = ?, screen = ?, notice_json = ?, withdrawn = ?, updated_at = ?,
         change_seq = ? WHERE id = ?`,
      [
        notice.kind,
        notice.app,
        notice.screen,
        json,
        notice.withdrawn ? 1 : 0,
        notice.updatedAt,
        seq,
        notice.id,
      ],
    );
  }
  return notice;
}

function noticeFrom(input: HubNoticeInput): Pick<HubNotice, 'kind' | 'app' | 'screen' | 'text' | 'fixedIn'> {
  // Only a "fixed" notice names a release; a stale one from an earlier kind must not ride along.
  const { kind, app, screen, text, fixedIn } = input;
  return kind === 'fixed' && fixedIn ? { kind, app, screen, text, fixedIn } : { kind, app, screen, text };
}

/** The hub's store over a backend's SqlDriver. */
export class SqlHubStore implements HubStore {
  readonly #driver: SqlDriver;
  readonly #dialect: Dialect;

  /** `dialect`: where the ranking ORs the weeks' sets (PostgreSQL in SQL, SQLite in the process). */
  constructor(driver: SqlDriver, dialect: Dialect) {
    this.#driver = driver;
    this.#dialect = dialect;
  }

  push(push: HubPush, receivedAt: string): Promise<HubPushResponse> {
    return this.#driver.write(pushOp(push, receivedAt));
  }

  ranking(range: HubRange, limit: number): Promise<HubRankedScreen[]> {
    return this.#driver.read(rankingOp(this.#dialect, range, limit));
  }

  hotspot(app: string, screen: string, range: HubRange): Promise<HubHotspot | null> {
    return this.#driver.read(
      (function* () {
        const rows =
          (yield* perJobCentre([{ app, screen }], { ...range, app })).get(screenKey(app, screen)) ?? [];
        if (rows.length === 0) return null;
        return {
          app,
          screen,
          jobCentres: rows.length,
          notes: rows.reduce((sum, row) => sum + Number(row.notes), 0),
          minutesLost: rows.reduce((sum, row) => sum + Number(row.minutes_lost), 0),
          medianNotes: median(rows.map((row) => Number(row.notes))),
          medianMinutesLost: median(rows.map((row) => Number(row.minutes_lost))),
        };
      })(),
    );
  }

  trend(app: string, screen: string, range: HubRange): Promise<HubTrendWeek[]> {
    return this.#driver.read(
      (function* () {
        const rows = yield* all<{ week: string; job_centres: string; notes: Count; minutes_lost: Count }>(
          `SELECT week, job_centres, notes, minutes_lost FROM hub_screen_totals
           WHERE app = ? AND screen = ? AND week >= ? AND week <= ? ORDER BY week`,
          [app, screen, range.from, range.to],
        );
        return rows.map((row) => ({
          week: row.week,
          jobCentres: countBits(row.job_centres),
          notes: Number(row.notes),
          minutesLost: Number(row.minutes_lost),
        }));
      })(),
    );
  }

  jobCentreFigures(app: string, screen: string, range: HubRange): Promise<HubJobCentreFigures[]> {
    return this.#driver.read(
      (function* () {
        const rows =
          (yield* perJobCentre([{ app, screen }], { ...range, app })).get(screenKey(app, screen)) ?? [];
        return rows
          .map((row) => ({
            jobCentre: row.job_centre,
            notes: Number(row.notes),
            minutesLost: Number(row.minutes_lost),
          }))
          .sort(
            (a, b) =>
              b.minutesLost - a.minutesLost || b.notes - a.notes || (a.jobCentre < b.jobCentre ? -1 : 1),
          );
      })(),
    );
  }

  comparison(
    jobCentre: string,
    jobCentresTotal: number,
    range: HubRange,
    limit: number,
    options: { names?: ReadonlyMap<string, string> } = {},
  ): Promise<HubComparison[]> {
    const dialect = this.#dialect;
    const { names } = options;
    return this.#driver.read(
      (function* () {
        const top = yield* rankingOp(dialect, range, limit);
        const where = rangeWhere(range);
        const own = yield* all<PerJobCentreRow>(
          `SELECT app, screen, job_centre, sum(notes) AS notes, sum(minutes_lost) AS minutes_lost
           FROM hub_screen_weeks WHERE job_centre = ? AND ${where.sql}
           GROUP BY app, screen, job_centre ORDER BY sum(minutes_lost) DESC, app, screen LIMIT ?`,
          [jobCentre, ...where.params, limit],
        );
        const ownByScreen = new Map(own.map((row) => [screenKey(row.app, row.screen), row]));
        const seen = new Set(top.map((row) => screenKey(row.app, row.screen)));
        const screens = [...top, ...own.filter((row) => !seen.has(screenKey(row.app, row.screen)))];
        // Every job centre's sums for these screens, in one read: the medians, and each one's figures
        // where the hub shows them.
        const spread = yield* perJobCentre(screens, range);
        return screens.flatMap(({ app, screen }): HubComparison[] => {
          const each = spread.get(screenKey(app, screen)) ?? [];
          // With fewer job centres, the median and the asker's own figures would give away another's.
          if (each.length < MEDIAN_MIN_JOB_CENTRES) return [];
          const mine = ownByScreen.get(screenKey(app, screen));
          const comparison: HubComparison = {
            app,
            screen,
            jobCentresAffected: each.length,
            jobCentresTotal: Math.max(jobCentresTotal, each.length),
            ownNotes: Number(mine?.notes ?? 0),
            ownMinutesLost: Number(mine?.minutes_lost ?? 0),
            medianNotes: median(each.map((one) => Number(one.notes))),
            medianMinutesLost: median(each.map((one) => Number(one.minutes_lost))),
          };
          if (!names) return [comparison];
          const jobCentres = each
            .map((row) => ({
              jobCentre: row.job_centre,
              name: names.get(row.job_centre) ?? row.job_centre,
              notes: Number(row.notes),
              minutesLost: Number(row.minutes_lost),
            }))
            .sort(
              (x, y) =>
                y.minutesLost - x.minutesLost || y.notes - x.notes || (x.jobCentre < y.jobCentre ? -1 : 1),
            );
          return [{ ...comparison, jobCentres }];
        });
      })(),
    );
  }

  sharedNotes(range: HubRange, limit: number): Promise<HubStoredNote[]> {
    const where = rangeWhere(range);
    return this.#driver.read(
      (function* () {
        const rows = yield* all<{
          id: string;
          week: string;
          app: string;
          screen: string;
          category: string;
          impact: HubStoredNote['impact'];
          text: string;
          reply: string | null;
          received_at: string;
        }>(
          `SELECT id, week, app, screen, category, impact, text, reply, received_at FROM hub_notes
           WHERE ${where.sql} ORDER BY app, screen, week DESC, id LIMIT ?`,
          [...where.params, limit],
        );
        return rows.map((row) => ({
          id: row.id,
          week: row.week,
          app: row.app,
          screen: row.screen,
          category: row.category,
          impact: row.impact,
          text: row.text,
          ...(row.reply === null ? {} : { reply: row.reply }),
          receivedAt: row.received_at,
        }));
      })(),
    );
  }

  apps(): Promise<string[]> {
    return this.#driver.read(
      (function* () {
        // From the rollup's screen index: one entry per application's first screen and week.
        const rows = yield* all<{ app: string }>('SELECT DISTINCT app FROM hub_screen_weeks ORDER BY app');
        return rows.map((row) => row.app);
      })(),
    );
  }

  receipts(): Promise<HubReceipt[]> {
    return this.#driver.read(
      (function* () {
        const rows = yield* all<{ id: string; last_push_id: string; last_push_at: string }>(
          'SELECT id, last_push_id, last_push_at FROM hub_job_centres ORDER BY id',
        );
        return rows.map((row) => ({
          jobCentre: row.id,
          lastPushId: row.last_push_id,
          lastPushAt: row.last_push_at,
        }));
      })(),
    );
  }

  publishNotice(input: HubNoticeInput, at: string): Promise<HubNotice> {
    const notice = HubNotice.parse({
      id: randomUUID(),
      ...noticeFrom(input),
      publishedAt: at,
      updatedAt: at,
      withdrawn: false,
    });
    return this.#driver.write(saveNotice(notice, true));
  }

  updateNotice(id: string, input: HubNoticeInput, at: string): Promise<HubNotice | null> {
    return this.#driver.write(
      (function* () {
        const found = yield* noticeById(id);
        if (!found) return null;
        const notice = HubNotice.parse({
          id,
          ...noticeFrom(input),
          publishedAt: found.publishedAt,
          updatedAt: at,
          withdrawn: false,
        });
        return yield* saveNotice(notice, false);
      })(),
    );
  }

  withdrawNotice(id: string, at: string): Promise<HubNotice | null> {
    return this.#driver.write(
      (function* () {
        const found = yield* noticeById(id);
        if (!found) return null;
        return yield* saveNotice({ ...found, updatedAt: at, withdrawn: true }, false);
      })(),
    );
  }

  notices(): Promise<HubNotice[]> {
    return this.#driver.read(
      (function* () {
        const rows = yield* all<NoticeRow>(
          'SELECT notice_json, change_seq FROM hub_notices ORDER BY change_seq DESC',
        );
        return rows.map((row) => HubNotice.parse(JSON.parse(row.notice_json)));
      })(),
    );
  }

  noticesSince(cursor: number): Promise<{ notices: HubNotice[]; cursor: number }> {
    return this.#driver.read(
      (function* () {
        const rows = yield* all<NoticeRow>(
          'SELECT notice_json, change_seq FROM hub_notices WHERE change_seq > ? ORDER BY change_seq',
          [cursor],
        );
        return {
          notices: rows.map((row) => HubNotice.parse(JSON.parse(row.notice_json))),
          cursor: rows.length > 0 ? Number(rows.at(-1)?.change_seq) : cursor,
        };
      })(),
    );
  }
}
