import { Hono } from 'hono';
import { z } from 'zod';
import { isLoopbackHost } from '../../config';
import { JobCentreId } from '../../hub/protocol';
import type { SharingServices } from '../../sharing/services';
import { DashboardError } from '../errors';
import { sharingPage } from '../views/sharing';
import {
  type DashboardDeps,
  type DashboardEnv,
  noticeText,
  pageContext,
  recordIdParam,
  render,
  requireCsrf,
  serviceOrNotFound,
} from './context';

/** Pushes the log lists. */
const LOG_LIMIT = 50;

// https for a hub elsewhere; plain http only to this machine (a test hub, an SSH tunnel): the token
// travels in every request.
const HubUrl = z.string().refine((value) => {
  try {
    const url = new URL(value);
    if (url.username || url.password || url.search || url.hash) return false;
    return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
  } catch {
    return false;
  }
});
// As the collector's own tokens (config.ts): printable ASCII without space or comma; long enough to guess at.
const HubToken = z.string().regex(/^[\x21-\x2b\x2d-\x7e]{16,500}$/);

/**
 * "Teilen mit dem Hub" (issue #19): settings, the preview of the next push and the log, "Jetzt
 * senden", and the share mark on a note. Every signed-in officer may use them: the dashboard has no
 * roles, and the officers are the job centre's digitalisation officers, who decide what is shared.
 */
export function sharingRoutes(deps: DashboardDeps): Hono<DashboardEnv> {
  const { now } = deps;
  const app = new Hono<DashboardEnv>();
  const sharing = (): SharingServices => serviceOrNotFound(deps.sharing);

  app.get('/sharing', async (c) => {
    const { store, delivery } = sharing();
    const settings = await store.settings();
    const [plan, pushes] = await Promise.all([
      settings ? delivery.preview(settings) : Promise.resolve(null),
      store.pushes(LOG_LIMIT),
    ]);
    return render(
      c,
      sharingPage(
        pageContext(c, deps.assetUrls),
        { settings, k: deps.config.shareMinNotes, plan, pushes },
        noticeText(c),
      ),
    );
  });

  app.post('/sharing/settings', requireCsrf(deps), async (c) => {
    const { store } = sharing();
    const form = c.var.form;
    const hubUrl = (form.get('hubUrl') ?? '').trim().replace(/\/+$/, '');
    const jobCentre = (form.get('jobCentre') ?? '').trim();
    const token = (form.get('token') ?? '').trim();
    if (!HubUrl.safeParse(hubUrl).success) throw new DashboardError('sharing_hub_url_invalid');
    if (!JobCentreId.safeParse(jobCentre).success) throw new DashboardError('sharing_job_centre_invalid');
    if (token && !HubToken.safeParse(token).success) throw new DashboardError('sharing_token_required');
    const saved = await store.saveSettings(
      { enabled: form.get('enabled') === '1', hubUrl, jobCentre, ...(token ? { token } : {}) },
      c.var.officer?.user ?? '',
      now().toISOString(),
    );
    if (!saved) throw new DashboardError('sharing_token_required');
    sharing().delivery.kick();
    return c.redirect('/dashboard/sharing?notice=saved', 303);
  });

  app.post('/sharing/push', requireCsrf(deps), async (c) => {
    if (!(await sharing().delivery.pushNow())) throw new DashboardError('sharing_off');
    return c.redirect('/dashboard/sharing?notice=pushQueued', 303);
  });

  app.post('/records/:id/share', requireCsrf(deps), async (c) => {
    const { store } = sharing();
    const id = recordIdParam(c);
    if (!id) throw new DashboardError('record_not_found');
    const at = now().toISOString();
    const officer = c.var.officer?.user ?? '';
    if (c.var.form.get('share') === '1') {
      if (!(await store.share(id, officer, at))) throw new DashboardError('record_not_found');
      await deps.dashboard.addAudit(id, { at, officer, action: 'share', detail: null });
    } else if (await store.unshare(id, at)) {
      await deps.dashboard.addAudit(id, { at, officer, action: 'unshare', detail: null });
    }
    return c.redirect(`/dashboard/records/${id}?notice=saved`, 303);
  });

  return app;
}
