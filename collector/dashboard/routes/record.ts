import { Hono } from 'hono';
import { z } from 'zod';
import { Text } from '../../../utils/schema/text';
import { OfficerStatus } from '../../../utils/schema/wire';
import { duplicateError, markDuplicate } from '../duplicates';
import { DashboardError } from '../errors';
import { detailPage } from '../views/detail';
import {
  type DashboardDeps,
  type DashboardEnv,
  isRecordId,
  noticeText,
  pageContext,
  parseOrThrow,
  recordIdParam,
  render,
  requireCsrf,
} from './context';

const StatusForm = z.object({
  status: OfficerStatus,
  reply: Text(2000),
});

/** One record: its page, its status and reply, and its duplicate mark. */
export function recordRoutes(deps: DashboardDeps): Hono<DashboardEnv> {
  const { store, dashboard, now } = deps;
  const app = new Hono<DashboardEnv>();

  app.get('/records/:id', async (c) => {
    const id = recordIdParam(c);
    const stored = id ? await store.getRecord(id) : null;
    if (!id || !stored) throw new DashboardError('record_not_found');
    const [links, audit] = await Promise.all([dashboard.duplicateLinks(id), dashboard.audit(id)]);
    return render(c, detailPage(pageContext(c, deps.assetUrls), stored, links, audit, noticeText(c)));
  });

  app.post('/records/:id/status', requireCsrf(deps), async (c) => {
    const id = recordIdParam(c);
    const form = parseOrThrow(StatusForm, {
      status: c.var.form.get('status'),
      reply: (c.var.form.get('reply') ?? '').replace(/\r\n/g, '\n').trim(),
    });
    const at = now().toISOString();
    // Through the Store, so the change gets its history row and the caseworkers' status cursor moves.
    const update = id
      ? await store.setStatus(id, { status: form.status, reply: form.reply || null }, at)
      : null;
    if (!id || !update) throw new DashboardError('record_not_found');
    await dashboard.addAudit(id, {
      at,
      officer: c.var.officer?.user ?? '',
      action: 'status',
      detail: form.status,
    });
    return c.redirect(`/dashboard/records/${id}?notice=saved`, 303);
  });

  app.post('/records/:id/duplicate', requireCsrf(deps), async (c) => {
    const id = recordIdParam(c);
    if (!id) throw new DashboardError('record_not_found');
    const of = (c.var.form.get('of') ?? '').trim().toLowerCase();
    const officer = c.var.officer?.user ?? '';
    const at = now().toISOString();
    if (of === '') {
      if (await dashboard.clearDuplicate(id, officer, at)) {
        await dashboard.addAudit(id, { at, officer, action: 'unduplicate', detail: null });
      }
      return c.redirect(`/dashboard/records/${id}?notice=unduplicate`, 303);
    }
    if (!isRecordId(of)) throw new DashboardError('duplicate_target_not_found');
    const result = await markDuplicate(dashboard, id, of, officer, at);
    if (result !== 'ok') throw duplicateError(result);
    return c.redirect(`/dashboard/records/${id}?notice=duplicate`, 303);
  });

  return app;
}
