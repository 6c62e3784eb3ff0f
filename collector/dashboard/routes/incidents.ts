import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { Text } from '../../../utils/schema/text';
import type { IncidentServices } from '../../incidents';
import type { IncidentChangeResult } from '../../store/incident-types';
import { DashboardError } from '../errors';
import { incidentPage, incidentsPage } from '../views/incidents';
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

/** Incidents on the list page; older ones are in the hotspots page's history. */
const LIST_LIMIT = 200;

const IncidentId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

const StatusTextForm = z.object({ statusText: Text(500) });

/** The status text of a form: trimmed, line ends as \n; empty clears it. */
function statusTextOf(c: Context<DashboardEnv>): string | null {
  const form = parseOrThrow(StatusTextForm, {
    statusText: (c.var.form.get('statusText') ?? '').replace(/\r\n/g, '\n').trim(),
  });
  return form.statusText || null;
}

function incidentIdParam(c: Context<DashboardEnv>): string {
  const id = c.req.param('id') ?? '';
  if (!IncidentId.safeParse(id).success) throw new DashboardError('incident_not_found');
  return id;
}

/** The page after a change, or the error page saying why there was none. */
function afterChange(c: Context<DashboardEnv>, result: IncidentChangeResult, services: IncidentServices) {
  if (!result.ok)
    throw new DashboardError(result.reason === 'closed' ? 'incident_closed' : 'incident_not_found');
  // Confirming and closing may have queued notifications.
  services.notify();
  return c.redirect(`/dashboard/incidents/${result.incident.id}?notice=saved`, 303);
}

/** The incidents list and one incident with the officers' changes (issue #17). */
export function incidentRoutes(deps: DashboardDeps): Hono<DashboardEnv> {
  const { now } = deps;
  const app = new Hono<DashboardEnv>();
  const services = (): IncidentServices => serviceOrNotFound(deps.incidents);

  app.get('/incidents', async (c) => {
    const incidents = services();
    const list = await incidents.store.list({ limit: LIST_LIMIT });
    return render(c, incidentsPage(pageContext(c, deps.assetUrls), list, incidents.rule, now()));
  });

  app.get('/incidents/:id', async (c) => {
    const incident = await services().store.get(incidentIdParam(c));
    if (!incident) throw new DashboardError('incident_not_found');
    return render(c, incidentPage(pageContext(c, deps.assetUrls), incident, now(), noticeText(c)));
  });

  app.post('/incidents/:id/confirm', requireCsrf(deps), async (c) => {
    const incidents = services();
    const text = statusTextOf(c);
    const result = await incidents.store.confirm(
      incidentIdParam(c),
      text,
      now().toISOString(),
      incidents.channels,
    );
    return afterChange(c, result, incidents);
  });

  app.post('/incidents/:id/status-text', requireCsrf(deps), async (c) => {
    const incidents = services();
    const result = await incidents.store.setStatusText(
      incidentIdParam(c),
      statusTextOf(c),
      now().toISOString(),
    );
    return afterChange(c, result, incidents);
  });

  app.post('/incidents/:id/close', requireCsrf(deps), async (c) => {
    const incidents = services();
    const result = await incidents.store.close(incidentIdParam(c), now().toISOString(), incidents.channels);
    return afterChange(c, result, incidents);
  });

  return app;
}
