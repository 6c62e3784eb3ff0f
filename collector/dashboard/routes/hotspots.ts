import { Hono } from 'hono';
import { addDays, trendWeeks, weekOf } from '../../store/dashboard-sql';
import type { HotspotQuery } from '../../store/dashboard-types';
import type { ChangeMarker } from '../../store/question-types';
import { HotspotParams, hotspotDefaults } from '../filters';
import { hotspotsPage, printPage } from '../views/hotspots';
import { incidentHistory } from '../views/incidents';
import { hubHotspotsSection } from '../views/sharing';
import { type DashboardDeps, type DashboardEnv, pageContext, parseOrThrow, render } from './context';

const HOTSPOT_LIMIT = 20;
/** The incident history (issue #17) reaches back a year, the span of talks with an IT provider. */
const INCIDENT_HISTORY_DAYS = 365;
const INCIDENTS_PER_APP = 20;
/** Change markers looked at for the trend; the trend spans at most 26 weeks. */
const MARKERS_LOOKED_AT = 500;
/** The hub's notices looked at beside the ranking (issue #19); a region publishes a few dozen. */
const NOTICES_LOOKED_AT = 1000;

/** The change markers of the application filtered for (all without one); the view keeps the trend's weeks. */
async function trendMarkers(deps: DashboardDeps, app: string | undefined): Promise<ChangeMarker[]> {
  if (!deps.questions) return [];
  const markers = await deps.questions.listMarkers(MARKERS_LOOKED_AT);
  return app ? markers.filter((marker) => marker.apps.includes(app)) : markers;
}

/** The store's question for the hotspot view's parameters, and the first week of the period. */
function hotspotQuery(params: HotspotParams, now: Date): { query: HotspotQuery; fromWeek: string | null } {
  const { weeks, metric } = hotspotDefaults(params);
  const reference = params.asOf ? new Date(`${params.asOf}T12:00:00.000Z`) : now;
  const thisWeek = weekOf(reference);
  const fromWeek = weeks > 0 ? addDays(thisWeek, -7 * (weeks - 1)) : null;
  return {
    fromWeek,
    query: {
      fromWeek: fromWeek ?? undefined,
      toWeek: addDays(thisWeek, 7),
      thisWeek,
      metric,
      limit: HOTSPOT_LIMIT,
      filter: {
        app: params.app,
        category: params.category,
        impact: params.impact,
        duringAppointment: params.appt === undefined ? undefined : params.appt === 'yes',
        unit: params.unit,
      },
    },
  };
}

/** The hotspot report: where caseworkers lose time, on screen and as a page to print. */
export function hotspotRoutes(deps: DashboardDeps): Hono<DashboardEnv> {
  const { dashboard, now } = deps;
  const app = new Hono<DashboardEnv>();

  app.get('/hotspots', async (c) => {
    const params = parseOrThrow(HotspotParams, c.req.query());
    const { query, fromWeek } = hotspotQuery(params, now());
    const at = now();
    const since = new Date(at.getTime() - INCIDENT_HISTORY_DAYS * 86_400_000).toISOString();
    const [options, report, leaks, history, markers, notices, feed] = await Promise.all([
      dashboard.filterOptions(),
      dashboard.hotspots(query),
      dashboard.leaks(trendWeeks(query)),
      deps.incidents?.store.history(since, INCIDENTS_PER_APP),
      trendMarkers(deps, params.app),
      deps.sharing?.store.allNotices(NOTICES_LOOKED_AT),
      deps.sharing?.store.feed(),
    ]);
    const period = { fromWeek, thisWeek: query.thisWeek };
    const page = pageContext(c, deps.assetUrls);
    const incidents = history ? incidentHistory(page, history, at) : undefined;
    const hub = notices ? hubHotspotsSection(page.t, report.hotspots, notices, feed ?? null) : undefined;
    return render(c, hotspotsPage(page, params, options, report, period, leaks, incidents, markers, hub));
  });

  app.get('/hotspots/print', async (c) => {
    const params = parseOrThrow(HotspotParams, c.req.query());
    const { query, fromWeek } = hotspotQuery(params, now());
    const [report, leaks, markers] = await Promise.all([
      dashboard.hotspots(query),
      dashboard.leaks(trendWeeks(query)),
      trendMarkers(deps, params.app),
    ]);
    const period = { fromWeek, thisWeek: query.thisWeek };
    return render(c, printPage(pageContext(c, deps.assetUrls), params, report, period, leaks, markers));
  });

  return app;
}
