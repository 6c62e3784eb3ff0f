import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { HubNotice } from '../../hub/protocol';
import { lastCompleteWeeks } from '../../hub/weeks';
import type { HubNoticeInput, HubRange } from '../../store/hub-types';
import { BOM, csvLine } from '../csv';
import { DashboardError } from '../errors';
import {
  HUB_WEEK_CHOICES,
  type HubPeriod,
  hubNotesPage,
  hubNoticeEditPage,
  hubNoticesPage,
  hubPrintPage,
  hubRankingPage,
  hubScreenPage,
} from '../views/hub';
import {
  type DashboardDeps,
  type DashboardEnv,
  noticeText,
  pageContext,
  parseOrThrow,
  render,
  requireCsrf,
} from './context';

/** Screens the ranking, the CSV and the print report list. */
const RANKING_LIMIT = 100;
/** Shared notes a page lists. */
const NOTES_LIMIT = 500;
const DEFAULT_WEEKS = 12;

const PeriodParams = z.object({
  weeks: z.coerce
    .number()
    .refine((n) => (HUB_WEEK_CHOICES as readonly number[]).includes(n), 'weeks: 4, 12, 26 or 52')
    .default(DEFAULT_WEEKS),
  app: z
    .string()
    .max(100)
    .transform((value) => value.trim() || undefined)
    .optional(),
});

const ScreenParams = z.object({
  app: z.string().trim().min(1).max(100),
  screen: z.string().trim().min(1).max(1000),
});

// The notice as the hub stores it decides what a form may hold: same limits as on the wire.
const NoticeForm = HubNotice.pick({ kind: true, app: true, screen: true, text: true, fixedIn: true });

function period(c: Context<DashboardEnv>, now: Date): HubPeriod {
  const params = parseOrThrow(PeriodParams, c.req.query());
  const weeks = lastCompleteWeeks(now, params.weeks);
  return { weeks: params.weeks, app: params.app, from: weeks[0] as string, to: weeks.at(-1) as string };
}

function range(period: HubPeriod): HubRange {
  return { from: period.from, to: period.to, app: period.app };
}

function noticeInput(form: URLSearchParams): HubNoticeInput {
  const text = (name: string) => form.get(name)?.trim() || undefined;
  const input = parseOrThrow(NoticeForm, {
    kind: form.get('kind') ?? '',
    app: form.get('app') ?? '',
    screen: form.get('screen') ?? '',
    text: { de: form.get('text') ?? '', ...(text('textEn') ? { en: text('textEn') } : {}) },
    ...(text('fixedIn') ? { fixedIn: text('fixedIn') } : {}),
  });
  return input;
}

function noticeIdParam(c: Context<DashboardEnv>): string {
  const id = c.req.param('id')?.toLowerCase() ?? '';
  if (!z.uuid().safeParse(id).success) throw new DashboardError('notice_not_found');
  return id;
}

/**
 * The hub's dashboard (issue #19): ranking across job centres, a screen's trend and notes, shared notes,
 * CSV and print report, and the notices published back down. Mounted instead of a job centre's pages.
 */
export function hubRoutes(deps: DashboardDeps): Hono<DashboardEnv> {
  const app = new Hono<DashboardEnv>();
  const services = deps.hub;
  if (!services) return app;
  const { store, jobCentres } = services;
  const centres = jobCentres.list().map(({ id, name }) => ({ id, name }));
  const names = new Map(centres.map((centre) => [centre.id, centre.name]));
  const hubPage = (c: Context<DashboardEnv>) => ({ ...pageContext(c, deps.assetUrls), hub: true });

  app.get('/', (c) => c.redirect('/dashboard/hub', 303));

  app.get('/hub', async (c) => {
    const chosen = period(c, deps.now());
    const [apps, ranking, receipts] = await Promise.all([
      store.apps(),
      store.ranking(range(chosen), RANKING_LIMIT),
      store.receipts(),
    ]);
    return render(c, hubRankingPage(hubPage(c), chosen, apps, ranking, jobCentres.size, receipts, centres));
  });

  app.get('/hub/screen', async (c) => {
    const chosen = period(c, deps.now());
    const screen = parseOrThrow(ScreenParams, c.req.query());
    const screenRange = { from: chosen.from, to: chosen.to, app: screen.app };
    const [hotspot, trend, notices, notes, figures] = await Promise.all([
      store.hotspot(screen.app, screen.screen, screenRange),
      store.trend(screen.app, screen.screen, screenRange),
      store.notices(),
      store.sharedNotes(screenRange, NOTES_LIMIT),
      // Individual job centres only where the hub's configuration allows it (docs/admin.md).
      deps.config.hubShowJobCentres ? store.jobCentreFigures(screen.app, screen.screen, screenRange) : null,
    ]);
    return render(
      c,
      hubScreenPage(
        hubPage(c),
        chosen,
        screen,
        { hotspot, total: jobCentres.size },
        trend,
        notices.filter(
          (notice) => notice.app === screen.app && notice.screen === screen.screen && !notice.withdrawn,
        ),
        notes.filter((note) => note.screen === screen.screen),
        figures?.map((one) => ({ ...one, name: names.get(one.jobCentre) ?? one.jobCentre })) ?? null,
      ),
    );
  });

  app.get('/hub/notes', async (c) => {
    const chosen = period(c, deps.now());
    const [apps, notes] = await Promise.all([store.apps(), store.sharedNotes(range(chosen), NOTES_LIMIT)]);
    return render(c, hubNotesPage(hubPage(c), chosen, apps, notes));
  });

  app.get('/hub/export.csv', async (c) => {
    const chosen = period(c, deps.now());
    const ranking = await store.ranking(range(chosen), RANKING_LIMIT);
    const t = c.var.t;
    // German Excel: `;` between cells, a BOM for the umlauts (csv.ts).
    const separator = ';';
    const lines = [
      csvLine(
        [
          t.t('hubRank'),
          t.t('app'),
          t.t('screen'),
          t.t('hubAffected'),
          t.t('hubJobCentre'),
          t.t('minutes'),
          t.t('hubNotes'),
        ],
        separator,
      ),
      ...ranking.map((hotspot, index) =>
        csvLine(
          [
            index + 1,
            hotspot.app,
            hotspot.screen,
            hotspot.jobCentres,
            jobCentres.size,
            hotspot.minutesLost,
            hotspot.notes,
          ],
          separator,
        ),
      ),
    ];
    return c.body(BOM + lines.join(''), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="mitsprache-hub-${chosen.from}-${chosen.to}.csv"`,
    });
  });

  app.get('/hub/print', async (c) => {
    const chosen = period(c, deps.now());
    const [ranking, notes] = await Promise.all([
      store.ranking(range(chosen), RANKING_LIMIT),
      store.sharedNotes(range(chosen), NOTES_LIMIT),
    ]);
    return render(c, hubPrintPage(hubPage(c), chosen, ranking, jobCentres.size, notes));
  });

  app.get('/hub/notices', async (c) => {
    const prefill = { app: c.req.query('app')?.slice(0, 100), screen: c.req.query('screen')?.slice(0, 1000) };
    return render(c, hubNoticesPage(hubPage(c), await store.notices(), prefill, noticeText(c)));
  });

  app.post('/hub/notices', requireCsrf(deps), async (c) => {
    await store.publishNotice(noticeInput(c.var.form), deps.now().toISOString());
    return c.redirect('/dashboard/hub/notices?notice=saved', 303);
  });

  app.get('/hub/notices/:id', async (c) => {
    const notice = (await store.notices()).find((one) => one.id === noticeIdParam(c));
    if (!notice) throw new DashboardError('notice_not_found');
    return render(c, hubNoticeEditPage(hubPage(c), notice));
  });

  app.post('/hub/notices/:id', requireCsrf(deps), async (c) => {
    const saved = await store.updateNotice(
      noticeIdParam(c),
      noticeInput(c.var.form),
      deps.now().toISOString(),
    );
    if (!saved) throw new DashboardError('notice_not_found');
    return c.redirect('/dashboard/hub/notices?notice=saved', 303);
  });

  app.post('/hub/notices/:id/withdraw', requireCsrf(deps), async (c) => {
    const withdrawn = await store.withdrawNotice(noticeIdParam(c), deps.now().toISOString());
    if (!withdrawn) throw new DashboardError('notice_not_found');
    return c.redirect('/dashboard/hub/notices?notice=saved', 303);
  });

  return app;
}
