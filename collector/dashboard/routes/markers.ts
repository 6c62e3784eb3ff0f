import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { MarkerId } from '../../../utils/schema/questions';
import { Text } from '../../../utils/schema/text';
import { MARKER_KINDS, type QuestionStore } from '../../store/question-types';
import { DashboardError } from '../errors';
import { parseDayInput } from '../format';
import { COMPARE_WEEKS, markerComparePage, markersPage } from '../views/markers';
import {
  type DashboardDeps,
  type DashboardEnv,
  noticeText,
  pageContext,
  parseOrThrow,
  render,
  requireCsrf,
  serviceOrNotFound,
} from './context';

/** Markers on the list page. */
const LIST_LIMIT = 500;
/** Weeks compared when the officer has not chosen. */
const DEFAULT_WEEKS = 4;

const MarkerForm = z.object({
  day: z.iso.date(),
  title: Text(200).trim().min(1),
  kind: z.enum(MARKER_KINDS),
  apps: z.array(Text(100).min(1)).min(1).max(50),
  screens: z.array(Text(1000).min(1)).max(50),
});

function lines(value: string | null): string[] {
  return (value ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

function markerIdParam(c: Context<DashboardEnv>): string {
  const id = c.req.param('id')?.toLowerCase() ?? '';
  if (!MarkerId.safeParse(id).success) throw new DashboardError('marker_not_found');
  return id;
}

/** Change markers (issue #18): list, enter one, and its before/after. */
export function markerRoutes(deps: DashboardDeps): Hono<DashboardEnv> {
  const { now } = deps;
  const app = new Hono<DashboardEnv>();
  const store = (): QuestionStore => serviceOrNotFound(deps.questions);

  app.get('/markers', async (c) => {
    const markers = await store().listMarkers(LIST_LIMIT);
    return render(c, markersPage(pageContext(c, deps.assetUrls), markers, noticeText(c)));
  });

  app.post('/markers', requireCsrf(deps), async (c) => {
    const form = c.var.form;
    const day = parseDayInput(form.get('day') ?? '');
    if (!day) throw new DashboardError('date_invalid');
    const input = parseOrThrow(MarkerForm, {
      day,
      title: form.get('title') ?? '',
      kind: form.get('kind') ?? '',
      apps: lines(form.get('apps')),
      screens: lines(form.get('screens')),
    });
    await store().createMarker(input, now().toISOString());
    return c.redirect('/dashboard/markers?notice=saved', 303);
  });

  app.get('/markers/:id', async (c) => {
    const requested = Number(c.req.query('weeks') ?? DEFAULT_WEEKS);
    const weeks = (COMPARE_WEEKS as readonly number[]).includes(requested) ? requested : DEFAULT_WEEKS;
    const comparison = await store().compareMarker(markerIdParam(c), weeks);
    if (!comparison) throw new DashboardError('marker_not_found');
    return render(c, markerComparePage(pageContext(c, deps.assetUrls), comparison));
  });

  return app;
}
