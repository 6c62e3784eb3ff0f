// The officers' dashboard on a large SQLite database: inbox pages and the hotspot ranking, over HTTP.
// Run: npx tsx scripts/bench/dashboard.ts [records=1000000] [dataParent=os.tmpdir()]
// (or MITSPRACHE_BENCH_DASHBOARD_RECORDS for `npm run bench`). Target: p95 ≤ 200 ms per page.
// The records are generated and written straight into the database (not HTTP), then taken into the
// search index and the hotspot weeks by the dashboard store's catch-up, as the running collector does
// in the background. The database is deleted afterwards unless MITSPRACHE_BENCH_KEEP=1.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { hashPassword } from '../../collector/officers';
import { startCollector } from '../../collector/server';
import { SqliteDashboardStore } from '../../collector/store/sqlite/dashboard-store';
import { SQLITE_FILE_NAME } from '../../collector/store/sqlite/database';
import {
  DEFAULT_CATEGORY_IDS,
  type FeedbackRecord,
  type Impact,
  newAnswerSecret,
  RECORD_SCHEMA_VERSION,
} from '../../utils/schema/record';
import { type Figure, isMain, printFigures, summary } from './support';

const TARGET_MS = 200;
const RUNS = 30;
const WARMUP = 3;
const CHUNK = 50_000;
const PASSWORD = 'bench password 123';
// The data ends in the week of 2026-11-23; "this week" of the ranking is that week.
const LAST_DAY = Date.UTC(2026, 10, 27, 16);
const WEEKS = 52;

/** Small seeded PRNG (mulberry32): the same data on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Index in [0, n) with a Zipf-like skew: a few screens get most of the feedback, as in real life. */
function skewed(rand: () => number, n: number): number {
  return Math.min(n - 1, Math.floor(n * rand() ** 2.2));
}

const APPS = [
  'Leistungsverfahren',
  'E-Akte',
  'Vermittlung',
  'Kasse',
  'Terminplanung',
  'Postkorb',
  'Statistik',
  'Portal',
  'Bildung',
  'Reha',
  'Inkasso',
  'Beratung',
];
const ROUTE_WORDS = [
  'akte',
  'leistungen',
  'bescheid',
  'vermerk',
  'termin',
  'suche',
  'druck',
  'zahlung',
  'antrag',
  'profil',
  'kontakt',
  'unterlagen',
  'eingliederung',
  'massnahme',
  'sanktion',
  'anhoerung',
  'fristen',
  'postfach',
  'bericht',
  'export',
];
const SYLLABLES = [
  'be',
  'scheid',
  'dru',
  'cken',
  'spei',
  'chern',
  'feld',
  'frist',
  'ter',
  'min',
  'ak',
  'te',
  'lang',
  'sam',
  'feh',
  'ler',
  'kon',
  'to',
  'ver',
  'merk',
  'zahl',
  'ung',
  'an',
  'trag',
  'mas',
  'ke',
];
const UNITS = Array.from({ length: 60 }, (_, i) => `Team ${100 + i}`);
const IMPACTS: Impact[] = ['minor', 'slows', 'blocks'];

function vocabulary(rand: () => number, size: number): string[] {
  const words = new Set<string>();
  while (words.size < size) {
    const n = 2 + Math.floor(rand() * 3);
    words.add(Array.from({ length: n }, () => SYLLABLES[Math.floor(rand() * SYLLABLES.length)]).join(''));
  }
  return [...words];
}

function makeGenerator(seed: number) {
  const rand = random(seed);
  const words = vocabulary(rand, 2000);
  const routes = APPS.map((_, a) =>
    Array.from(
      { length: 40 },
      (_, r) =>
        `/${ROUTE_WORDS[(a + r) % ROUTE_WORDS.length]}/:id/${ROUTE_WORDS[(r * 7 + a) % ROUTE_WORDS.length]}${r}`,
    ),
  );
  return {
    words,
    next(): FeedbackRecord {
      const app = skewed(rand, APPS.length);
      const route = routes[app]?.[skewed(rand, 40)] as string;
      const created = new Date(LAST_DAY - Math.floor(rand() * WEEKS * 7 * 86_400_000));
      const note = Array.from(
        { length: 6 + Math.floor(rand() * 14) },
        () => words[skewed(rand, words.length)],
      ).join(' ');
      return {
        schemaVersion: RECORD_SCHEMA_VERSION,
        id: randomUUID(),
        createdAt: created.toISOString(),
        note: `${note[0]?.toUpperCase()}${note.slice(1)}.`,
        category: DEFAULT_CATEGORY_IDS[skewed(rand, DEFAULT_CATEGORY_IDS.length)] as string,
        impact: IMPACTS[Math.floor(rand() * 3)] as Impact,
        duringAppointment: rand() < 0.4,
        minutesLost: rand() < 0.2 ? null : Math.floor(rand() * 60),
        context: {
          app: APPS[app] as string,
          url: `https://${app}.jobcenter.example${route}`,
          routeTemplate: route,
          title: `${APPS[app]} – ${route}`,
          screen: { name: route.split('/').at(-1) ?? route },
          frame: { path: 'top' },
          viewport: { width: 1600, height: 900 },
          screenSize: { width: 1920, height: 1080, pixelRatio: 1 },
          browser: { name: 'chrome', version: '131.0' },
          uiLanguage: 'de',
          extensionVersion: '0.1.0',
          sinceLoadMs: Math.floor(rand() * 600_000),
        },
        reporter: { mode: 'unit', unit: UNITS[skewed(rand, UNITS.length)] as string },
        redaction: { counts: { name: Math.floor(rand() * 3) } },
        answerSecret: newAnswerSecret(),
      };
    },
  };
}

async function timed(runs: number, work: () => Promise<void>): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    samples.push(performance.now() - start);
  }
  return samples;
}

/** Loads `total` records, then times dashboard pages over HTTP against the collector on that file. */
export async function benchDashboard(
  total = Number(process.env.MITSPRACHE_BENCH_DASHBOARD_RECORDS ?? 1_000_000),
  dataParent = tmpdir(),
): Promise<Figure[]> {
  const dataDir = await mkdtemp(path.join(dataParent, 'mitsprache-dashboard-bench-'));
  const file = path.join(dataDir, SQLITE_FILE_NAME);
  const figures: Figure[] = [];
  try {
    const generator = makeGenerator(20261125);
    // The dashboard store creates the collector's tables and its own; rows then go in through its
    // connection in large transactions, with a big page cache and without fsync: a bulk load, not the
    // ingest path (collector-ingest.ts measures that). The columns are the ones SqliteStore writes.
    const dashboard = new SqliteDashboardStore(file);
    const db = dashboard.database;
    db.pragma('cache_size = -1048576');
    db.pragma('synchronous = OFF');
    const insert = db.prepare<unknown[]>(`
      INSERT INTO records (id, received_at, batch_id, created_at, app, route_template, screen_name, category,
                           impact, during_appointment, minutes_lost, unit, note, record_json)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const load = db.transaction((rows: readonly FeedbackRecord[], batchId: string, receivedAt: string) => {
      for (const r of rows) {
        insert.run(
          r.id,
          receivedAt,
          batchId,
          new Date(r.createdAt).toISOString(),
          r.context.app,
          r.context.routeTemplate,
          r.context.screen.name,
          r.category,
          r.impact,
          r.duringAppointment ? 1 : 0,
          r.minutesLost,
          r.reporter.mode === 'unit' ? r.reporter.unit : null,
          r.note,
          JSON.stringify(r),
        );
      }
    });
    const loadStart = performance.now();
    for (let done = 0; done < total; done += CHUNK) {
      const chunk = Array.from({ length: Math.min(CHUNK, total - done) }, () => generator.next());
      load(chunk, randomUUID(), new Date().toISOString());
      if (done % 200_000 === 0 && done > 0) process.stderr.write(`  ${done.toLocaleString('en')} records…\n`);
    }
    const loadSeconds = (performance.now() - loadStart) / 1000;
    // What the collector's background catch-up does every two seconds, here for the whole load at once.
    const catchUpStart = performance.now();
    dashboard.catchUp();
    const catchUpSeconds = (performance.now() - catchUpStart) / 1000;
    // What the collector's hourly `PRAGMA optimize` leaves behind: statistics for the query planner.
    db.pragma('analysis_limit = 1000');
    db.pragma('optimize = 0x10002');
    await dashboard.putOfficer(
      { user: 'bench', passwordHash: await hashPassword(PASSWORD) },
      true,
      new Date().toISOString(),
    );
    await dashboard.close();
    figures.push({
      name: 'bulk load (one connection)',
      value: total / loadSeconds,
      unit: 'records/s',
      note: `${total.toLocaleString('en')} records in ${loadSeconds.toFixed(0)} s`,
    });
    figures.push({
      name: 'catch-up (search index + hotspot weeks)',
      value: total / catchUpSeconds,
      unit: 'records/s',
      note: `${catchUpSeconds.toFixed(1)} s for all`,
    });

    const collector = await startCollector({ port: 0, dataDir, ingestTokens: ['bench-ingest-token'] });
    try {
      const cookies = new Map<string, string>();
      const get = async (pathname: string, init: RequestInit = {}) => {
        const headers = new Headers(init.headers);
        headers.set('Cookie', [...cookies].map(([k, v]) => `${k}=${v}`).join('; '));
        const response = await fetch(`${collector.url}${pathname}`, { redirect: 'manual', ...init, headers });
        for (const c of response.headers.getSetCookie()) {
          const [pair = ''] = c.split(';');
          const i = pair.indexOf('=');
          cookies.set(pair.slice(0, i), pair.slice(i + 1));
        }
        return response;
      };
      const signin = await (await get('/dashboard/signin')).text();
      const csrf = /name="_csrf" value="([^"]+)"/.exec(signin)?.[1] ?? '';
      const signed = await get('/dashboard/signin', {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: collector.url },
        body: new URLSearchParams({ _csrf: csrf, user: 'bench', password: PASSWORD, next: '/dashboard' }),
      });
      if (signed.status !== 303) throw new Error(`sign-in failed: ${signed.status}`);

      // A word of middling frequency: neither in every note nor in none.
      const word = generator.words[40] as string;
      const pages: [string, string][] = [
        ['inbox, first page (newest first)', '/dashboard'],
        [
          'inbox, filtered (app + category + status new)',
          `/dashboard?app=${encodeURIComponent('E-Akte')}&category=slow&status=new`,
        ],
        [
          'inbox, filtered (app + screen + impact, page 3)',
          `/dashboard?app=Vermittlung&route=${encodeURIComponent('/eingliederung/:id/termin1')}&impact=blocks&page=3`,
        ],
        [`inbox, search "${word}"`, `/dashboard?q=${encodeURIComponent(word)}`],
        ['hotspot ranking (12 weeks, weighted)', '/dashboard/hotspots?asOf=2026-11-27'],
        [
          'hotspot ranking (all time, by minutes)',
          '/dashboard/hotspots?asOf=2026-11-27&weeks=0&metric=minutes',
        ],
        [
          'hotspot ranking, unit filter (from records)',
          `/dashboard/hotspots?asOf=2026-11-27&unit=${encodeURIComponent('Team 105')}`,
        ],
      ];
      for (const [name, pathname] of pages) {
        let status = 0;
        const samples = await timed(RUNS, async () => {
          const response = await get(pathname);
          await response.text();
          status = response.status;
        });
        if (status !== 200) throw new Error(`${pathname} answered ${status}`);
        const s = summary(samples);
        figures.push({ name: `${name} p50`, value: s.median, unit: 'ms' });
        figures.push({
          name: `${name} p95`,
          value: s.p95,
          unit: 'ms',
          target: { max: TARGET_MS },
          note: `${s.n} runs over HTTP`,
        });
      }
    } finally {
      await collector.close();
    }
  } finally {
    if (process.env.MITSPRACHE_BENCH_KEEP === '1') console.error(`kept ${dataDir}`);
    else await rm(dataDir, { recursive: true, force: true });
  }
  return figures;
}

if (isMain(import.meta.url)) {
  const total = process.argv[2] ? Number(process.argv[2]) : undefined;
  benchDashboard(total, process.argv[3]).then(
    (figures) => printFigures('Dashboard on SQLite (inbox and hotspots over HTTP)', figures),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
