import { Hono } from 'hono';
import { z } from 'zod';
import { Text } from '../../../utils/schema/text';
import { OfficerStatus } from '../../../utils/schema/wire';
import { hubForScreen } from '../../sharing/services';
import { duplicateError, markDuplicate } from '../duplicates';
import { DashboardError } from '../errors';
import { FilterParams, toRecordFilter, toRecordSort } from '../filters';
import { localReturnPath } from '../security';
import { inboxPage, PAGE_SIZE } from '../views/inbox';
import { hubScreenSection } from '../views/sharing';
import {
  type DashboardDeps,
  type DashboardEnv,
  noticeText,
  pageContext,
  parseOrThrow,
  render,
  requireCsrf,
} from './context';

const BULK_MAX = 500;

const BulkForm = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('status'),
    ids: z.array(z.uuid()).max(BULK_MAX),
    status: OfficerStatus,
    reply: Text(2000),
  }),
  z.object({
    action: z.literal('duplicate'),
    ids: z.array(z.uuid()).max(BULK_MAX),
    of: z.union([z.uuid(), z.literal('')]),
  }),
]);

/** The inbox: the filtered, sorted list of records, and its bulk actions on the selected rows. */
export function inboxRoutes(deps: DashboardDeps): Hono<DashboardEnv> {
  const { store, dashboard, now } = deps;
  const app = new Hono<DashboardEnv>();

  app.get('/', async (c) => {
    const params = parseOrThrow(FilterParams, c.req.query());
    const filter = toRecordFilter(params);
    const sort = toRecordSort(params);
    const pageNumber = params.page ?? 1;
    // Filtered to one screen: the hub's notices for it beside the job centre's own notes.
    const screen =
      deps.sharing && params.app && params.route ? { app: params.app, route: params.route } : null;
    const [options, result, hub] = await Promise.all([
      dashboard.filterOptions(),
      dashboard.listRecords(filter, sort, (pageNumber - 1) * PAGE_SIZE, PAGE_SIZE),
      screen && deps.sharing ? hubForScreen(deps.sharing, screen.app, screen.route) : undefined,
    ]);
    return render(
      c,
      inboxPage(
        pageContext(c, deps.assetUrls),
        params,
        options,
        result,
        noticeText(c),
        hub && hubScreenSection(c.var.t, hub.notices, hub.comparison, hub.feed, hub.jobCentre),
      ),
    );
  });

  app.post('/bulk', requireCsrf(deps), async (c) => {
    const raw = c.var.form;
    const form = parseOrThrow(BulkForm, {
      action: raw.get('action'),
      ids: [...new Set(raw.getAll('ids'))],
      status: raw.get('status') ?? undefined,
      reply: (raw.get('reply') ?? '').replace(/\r\n/g, '\n').trim(),
      of: (raw.get('of') ?? '').trim().toLowerCase(),
    });
    if (form.ids.length === 0) throw new DashboardError('nothing_selected');
    const officer = c.var.officer?.user ?? '';
    const at = now().toISOString();
    let changed = 0;
    if (form.action === 'status') {
      // An empty reply keeps each record's own reply: a bulk change must not wipe individual answers.
      const input = { status: form.status, ...(form.reply ? { reply: form.reply } : {}) };
      for (const id of form.ids) {
        if (!(await store.setStatus(id, input, at))) continue;
        await dashboard.addAudit(id, { at, officer, action: 'status', detail: form.status });
        changed++;
      }
    } else {
      const original = form.of || (form.ids[0] as string);
      for (const id of form.ids) {
        if (id === original) continue;
        const result = await markDuplicate(dashboard, id, original, officer, at);
        if (result === 'target_not_found') throw duplicateError(result);
        if (result === 'ok') changed++;
      }
    }
    const back = new URL(localReturnPath(raw.get('back')), 'http://x');
    back.searchParams.set('notice', 'bulk');
    back.searchParams.set('n', String(changed));
    return c.redirect(back.pathname + back.search, 303);
  });

  return app;
}
