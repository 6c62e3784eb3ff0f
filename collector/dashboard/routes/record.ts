import { Hono } from 'hono';
import { z } from 'zod';
import { Text } from '../../../utils/schema/text';
import { OfficerStatus } from '../../../utils/schema/wire';
import { hubForScreen } from '../../sharing/services';
import type { SqlSharingStore } from '../../store/sharing';
import { duplicateError, markDuplicate } from '../duplicates';
import { DashboardError } from '../errors';
import { detailPage } from '../views/detail';
import { hubScreenSection } from '../views/sharing';
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

/** How far back the detail page looks for notes of the same screen to offer as originals. */
export const SAME_SCREEN_WEEKS = 12;
/** At most this many of them (the UUID field remains for the rest). */
const SAME_SCREEN_LIMIT = 25;

/** Whether a note is shared, and whether sharing is on at all (the share form says both). */
async function shareState(
  store: SqlSharingStore,
  id: string,
): Promise<{ shared: boolean; enabled: boolean }> {
  const [shared, settings] = await Promise.all([store.isShared(id), store.settings()]);
  return { shared, enabled: settings?.enabled ?? false };
}

/** One record: its page, its status and reply, and its duplicate mark. */
export function recordRoutes(deps: DashboardDeps): Hono<DashboardEnv> {
  const { store, dashboard, now } = deps;
  const app = new Hono<DashboardEnv>();

  app.get('/records/:id', async (c) => {
    const id = recordIdParam(c);
    const stored = id ? await store.getRecord(id) : null;
    if (!id || !stored) throw new DashboardError('record_not_found');
    const since = new Date(now().getTime() - SAME_SCREEN_WEEKS * 7 * 86_400_000).toISOString();
    const { app, routeTemplate } = stored.record.context;
    const [links, audit, sameScreen, share, hub] = await Promise.all([
      dashboard.duplicateLinks(id),
      dashboard.audit(id),
      dashboard.sameScreenRecords(id, since, SAME_SCREEN_LIMIT),
      deps.sharing ? shareState(deps.sharing.store, id) : undefined,
      deps.sharing ? hubForScreen(deps.sharing, app, routeTemplate) : undefined,
    ]);
    return render(
      c,
      detailPage(
        pageContext(c, deps.assetUrls),
        stored,
        links,
        audit,
        noticeText(c),
        {
          weeks: SAME_SCREEN_WEEKS,
          records: sameScreen,
        },
        share,
        hub && hubScreenSection(c.var.t, hub.notices, hub.comparison, hub.feed, hub.jobCentre),
      ),
    );
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
    // The detail page offers the same screen's notes as `of` and a free id field (`ofId`) for the rest;
    // the id, when given, wins. A mark form sent with neither is a mistake, not a request to unmark.
    const typed = (c.var.form.get('ofId') ?? '').trim();
    const of = (typed || (c.var.form.get('of') ?? '')).trim().toLowerCase();
    if (of === '' && c.var.form.get('mark') === '1') throw new DashboardError('nothing_selected');
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
