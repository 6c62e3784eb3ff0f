import { getConnInfo } from '@hono/node-server/conninfo';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { Text } from '../../utils/schema/text';
import { OfficerStatus } from '../../utils/schema/wire';
import type { CollectorConfig } from '../config';
import { cutOffAfter } from '../deadline';
import { describeFirstIssue, HttpError } from '../errors';
import { loadOfficersFile, OfficerDirectory } from '../officers';
import { addDays, trendWeeks, weekOf } from '../store/dashboard-sql';
import type { DashboardStore, HotspotQuery, OfficerSession } from '../store/dashboard-types';
import type { Store } from '../store/types';
import { assetUrls, loadAssets } from './assets';
import { BOM, CSV_SEPARATORS, csvHeader, csvLine, csvRow } from './csv';
import { FilterParams, HotspotParams, hotspotDefaults, toRecordFilter, toRecordSort } from './filters';
import type { Html } from './html';
import {
  DASHBOARD_ERRORS,
  type DashboardErrorCode,
  LANG_COOKIE,
  negotiateLang,
  type Translator,
  translator,
} from './i18n';
import { dashboardHeaders, isSameOrigin, localReturnPath, ownOrigin } from './security';
import { Sessions, SigninThrottle, sameToken } from './session';
import { detailPage } from './views/detail';
import { errorPage } from './views/error';
import { hotspotsPage, printPage } from './views/hotspots';
import { inboxPage, PAGE_SIZE } from './views/inbox';
import type { PageContext } from './views/layout';
import { signinPage } from './views/signin';

/** Where the dashboard lives on the collector's origin. */
export const DASHBOARD_PATH = '/dashboard';

/** What the dashboard is built on. */
export interface DashboardOptions {
  store: Store;
  dashboard: DashboardStore;
  config: CollectorConfig;
  /** Clock, for tests. */
  now?: () => Date;
}

interface Env {
  Variables: {
    nonce: string;
    t: Translator;
    officer: OfficerSession | null;
    form: URLSearchParams;
  };
}

/** Thrown in a dashboard handler; rendered as an HTML error page with the code's status. */
export class DashboardError extends Error {
  constructor(
    readonly code: DashboardErrorCode,
    readonly detail?: string,
  ) {
    super(detail ?? code);
    this.name = 'DashboardError';
  }
}

// Forms are small: a bulk action over a page of ids is ~25 KB.
const FORM_LIMIT = 256 * 1024;
const BULK_MAX = 500;
const HOTSPOT_LIMIT = 20;
const EXPORT_ROWS_PER_CHUNK = 200;

const RecordId = z.uuid();

async function readForm(c: Context): Promise<URLSearchParams> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/x-www-form-urlencoded\b/i.test(type))
    throw new DashboardError('unsupported_media_type');
  const declared = Number(c.req.header('content-length') ?? '0');
  if (declared > FORM_LIMIT) throw new DashboardError('too_large');
  const reader = c.req.raw.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > FORM_LIMIT) {
      await reader.cancel();
      throw new DashboardError('too_large');
    }
    chunks.push(value);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    // The proxy appends the address it saw; earlier entries are whatever the client claimed.
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (!result.success) throw new DashboardError('bad_request', describeFirstIssue(result.error));
  return result.data;
}

/** The dashboard as a Hono app, routes relative to `/dashboard`. */
export function createDashboardApp(options: DashboardOptions): Hono<Env> {
  const { store, dashboard, config } = options;
  const now = options.now ?? (() => new Date());
  const https = config.publicUrl?.startsWith('https:') ?? false;
  const officers = new OfficerDirectory(
    config.officersFile ? loadOfficersFile(config.officersFile) : new Map(),
    dashboard,
  );
  const sessions = new Sessions(dashboard, https, now);
  const throttle = new SigninThrottle(dashboard, now);
  const assets = loadAssets();
  const urls = assetUrls(assets);
  const app = new Hono<Env>();

  const page = (c: Context<Env>): PageContext => {
    const url = new URL(c.req.url);
    return {
      t: c.var.t,
      nonce: c.var.nonce,
      officer: c.var.officer ?? null,
      here: localReturnPath(url.pathname + url.search),
      assets: urls,
    };
  };
  const render = (c: Context<Env>, body: Html, status: 200 | 401 | 429 = 200) => c.html(body.value, status);
  const notice = (c: Context<Env>): string | undefined => {
    const t = c.var.t;
    switch (c.req.query('notice')) {
      case 'saved':
        return t.t('noticeSaved');
      case 'duplicate':
        return t.t('noticeDuplicate');
      case 'unduplicate':
        return t.t('noticeUnduplicate');
      case 'bulk':
        return t.t('noticeBulk', { n: Number(c.req.query('n')) || 0 });
      default:
        return undefined;
    }
  };

  app.use('*', dashboardHeaders({ https }));
  app.use('*', async (c, next) => {
    c.set('t', translator(negotiateLang(getCookie(c, LANG_COOKIE), c.req.header('accept-language'))));
    c.set('officer', null);
    await next();
    c.res.headers.append('Vary', 'Accept-Language, Cookie');
  });

  app.onError((error, c) => {
    let code: DashboardErrorCode = 'internal_error';
    let detail: string | undefined;
    if (error instanceof DashboardError) {
      code = error.code;
      detail = error.detail;
    } else if (error instanceof HttpError && error.code in DASHBOARD_ERRORS) {
      code = error.code as DashboardErrorCode;
    } else {
      const dbCode: unknown = 'code' in error ? error.code : undefined;
      // SQLite (SQLITE_BUSY …) and PostgreSQL connection errors: worth retrying, not a bug.
      if (typeof dbCode === 'string' && (dbCode.startsWith('SQLITE_') || /^(08|53|57)/.test(dbCode))) {
        code = 'db_unavailable';
      }
      if (code === 'internal_error' || code === 'db_unavailable')
        console.error('dashboard: request failed', error);
    }
    const status = DASHBOARD_ERRORS[code].status;
    const headers: Record<string, string> = code === 'db_unavailable' ? { 'Retry-After': '30' } : {};
    if (code === 'signin_rate_limited') headers['Retry-After'] = '60';
    return c.html(errorPage(page(c), code, detail).value, status, headers);
  });

  // --- Routes without a session: assets for the sign-in page, language switch, sign-in. ---

  const serveAsset = (requireSession: boolean): MiddlewareHandler<Env> => {
    return async (c, next) => {
      const asset = assets.get(c.req.param('name') ?? '');
      if (!asset || asset.public !== !requireSession) return next();
      return c.body(asset.body, 200, {
        'Content-Type': asset.type,
        // The URL carries the content hash, so a changed file gets a new URL.
        'Cache-Control': 'private, max-age=31536000, immutable',
      });
    };
  };
  app.get('/assets/:name', serveAsset(false));

  app.get('/lang', (c) => {
    const lang = c.req.query('to') === 'en' ? 'en' : 'de';
    setCookie(c, LANG_COOKIE, lang, {
      path: '/',
      httpOnly: true,
      secure: https,
      sameSite: 'Strict',
      maxAge: 365 * 24 * 60 * 60,
    });
    return c.redirect(localReturnPath(c.req.query('back')), 303);
  });

  app.get('/signin', async (c) => {
    const existing = await sessions.current(c);
    const next = localReturnPath(c.req.query('next'));
    if (existing) return c.redirect(next, 303);
    return render(c, signinPage(page(c), { csrf: sessions.signinToken(c), next }));
  });

  app.post('/signin', async (c) => {
    if (!isSameOrigin(c, ownOrigin(c, config.publicUrl))) throw new DashboardError('csrf_origin_mismatch');
    const form = await readForm(c);
    const next = localReturnPath(form.get('next'));
    if (!sessions.checkSigninToken(c, form.get('_csrf') ?? undefined))
      throw new DashboardError('csrf_token_invalid');
    const user = (form.get('user') ?? '').trim().slice(0, 64);
    const password = (form.get('password') ?? '').slice(0, 1024);
    const ip = clientAddress(c, config.trustProxy ?? false);
    const again = (error: DashboardErrorCode, status: 401 | 429) => {
      const body = signinPage(page(c), { csrf: sessions.signinToken(c), next, user, error });
      if (status === 429) c.header('Retry-After', '60');
      return render(c, body, status);
    };
    // Counted before the password is checked, so a blocked attacker learns nothing from further
    // guesses, and a burst of parallel guesses cannot slip past the count (session.ts).
    const attempt = await throttle.begin(ip, user);
    if (!attempt) return again('signin_rate_limited', 429);
    const officer = await officers.authenticate(user, password);
    if (!officer) return again('signin_failed', 401);
    await attempt.succeeded();
    await sessions.start(c, officer);
    return c.redirect(next, 303);
  });

  // --- Everything below needs a signed-in officer. ---

  app.use('*', async (c, next) => {
    const session = await sessions.current(c);
    if (session && (await officers.exists(session.user))) {
      c.set('officer', session);
      return next();
    }
    if (c.req.method === 'GET' || c.req.method === 'HEAD') {
      const url = new URL(c.req.url);
      const target = localReturnPath(url.pathname + url.search);
      return c.redirect(`/dashboard/signin?next=${encodeURIComponent(target)}`, 303);
    }
    throw new DashboardError('session_required');
  });

  // Every state change: the request must come from our own pages (Origin) and carry the session's
  // synchronizer token. SameSite=Strict already keeps the cookie off cross-site requests; this is
  // the second lock, for same-site attackers and old browsers.
  const csrf: MiddlewareHandler<Env> = async (c, next) => {
    if (!isSameOrigin(c, ownOrigin(c, config.publicUrl))) throw new DashboardError('csrf_origin_mismatch');
    const form = await readForm(c);
    const officer = c.var.officer;
    if (!officer || !sameToken(form.get('_csrf'), officer.csrfToken))
      throw new DashboardError('csrf_token_invalid');
    c.set('form', form);
    return next();
  };

  app.get('/assets/:name', serveAsset(true));

  app.post('/signout', csrf, async (c) => {
    await sessions.end(c);
    return c.redirect('/dashboard/signin', 303);
  });

  app.get('/', async (c) => {
    const params = parseOrThrow(FilterParams, c.req.query());
    const filter = toRecordFilter(params);
    const sort = toRecordSort(params);
    const pageNumber = params.page ?? 1;
    const [options, result] = await Promise.all([
      dashboard.filterOptions(),
      dashboard.listRecords(filter, sort, (pageNumber - 1) * PAGE_SIZE, PAGE_SIZE),
    ]);
    return render(c, inboxPage(page(c), params, options, result, notice(c)));
  });

  app.get('/records/:id', async (c) => {
    // Ids are stored in lower case (issue #14, item 7).
    const id = c.req.param('id').toLowerCase();
    const stored = RecordId.safeParse(id).success ? await store.getRecord(id) : null;
    if (!stored) throw new DashboardError('record_not_found');
    const [links, audit] = await Promise.all([dashboard.duplicateLinks(id), dashboard.audit(id)]);
    return render(c, detailPage(page(c), stored, links, audit, notice(c)));
  });

  const StatusForm = z.object({
    status: OfficerStatus,
    reply: Text(2000),
  });

  app.post('/records/:id/status', csrf, async (c) => {
    // Ids are stored in lower case (issue #14, item 7).
    const id = c.req.param('id').toLowerCase();
    const form = parseOrThrow(StatusForm, {
      status: c.var.form.get('status'),
      reply: (c.var.form.get('reply') ?? '').replace(/\r\n/g, '\n').trim(),
    });
    const at = now().toISOString();
    // Through the Store, so the change gets its history row and the caseworkers' status cursor moves.
    const update = RecordId.safeParse(id).success
      ? await store.setStatus(id, { status: form.status, reply: form.reply || null }, at)
      : null;
    if (!update) throw new DashboardError('record_not_found');
    await dashboard.addAudit(id, {
      at,
      officer: c.var.officer?.user ?? '',
      action: 'status',
      detail: form.status,
    });
    return c.redirect(`/dashboard/records/${id}?notice=saved`, 303);
  });

  const markDuplicate = async (id: string, of: string, officer: string, at: string) => {
    const result = await dashboard.markDuplicate(id, of, officer, at);
    if (result === 'ok') await dashboard.addAudit(id, { at, officer, action: 'duplicate', detail: of });
    return result;
  };
  const duplicateError = (result: Exclude<Awaited<ReturnType<DashboardStore['markDuplicate']>>, 'ok'>) =>
    new DashboardError(
      result === 'self'
        ? 'duplicate_self'
        : result === 'cycle'
          ? 'duplicate_cycle'
          : result === 'target_not_found'
            ? 'duplicate_target_not_found'
            : 'record_not_found',
    );

  app.post('/records/:id/duplicate', csrf, async (c) => {
    // Ids are stored in lower case (issue #14, item 7).
    const id = c.req.param('id').toLowerCase();
    if (!RecordId.safeParse(id).success) throw new DashboardError('record_not_found');
    const of = (c.var.form.get('of') ?? '').trim().toLowerCase();
    const officer = c.var.officer?.user ?? '';
    const at = now().toISOString();
    if (of === '') {
      if (await dashboard.clearDuplicate(id, officer, at)) {
        await dashboard.addAudit(id, { at, officer, action: 'unduplicate', detail: null });
      }
      return c.redirect(`/dashboard/records/${id}?notice=unduplicate`, 303);
    }
    if (!RecordId.safeParse(of).success) throw new DashboardError('duplicate_target_not_found');
    const result = await markDuplicate(id, of, officer, at);
    if (result !== 'ok') throw duplicateError(result);
    return c.redirect(`/dashboard/records/${id}?notice=duplicate`, 303);
  });

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

  app.post('/bulk', csrf, async (c) => {
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
        const result = await markDuplicate(id, original, officer, at);
        if (result === 'target_not_found') throw duplicateError(result);
        if (result === 'ok') changed++;
      }
    }
    const back = new URL(localReturnPath(raw.get('back')), 'http://x');
    back.searchParams.set('notice', 'bulk');
    back.searchParams.set('n', String(changed));
    return c.redirect(back.pathname + back.search, 303);
  });

  const hotspotQuery = (params: HotspotParams): { query: HotspotQuery; fromWeek: string | null } => {
    const { weeks, metric } = hotspotDefaults(params);
    const reference = params.asOf ? new Date(`${params.asOf}T12:00:00.000Z`) : now();
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
  };

  app.get('/hotspots', async (c) => {
    const params = parseOrThrow(HotspotParams, c.req.query());
    const { query, fromWeek } = hotspotQuery(params);
    const [options, report, leaks] = await Promise.all([
      dashboard.filterOptions(),
      dashboard.hotspots(query),
      dashboard.leaks(trendWeeks(query)),
    ]);
    return render(
      c,
      hotspotsPage(page(c), params, options, report, { fromWeek, thisWeek: query.thisWeek }, leaks),
    );
  });

  app.get('/hotspots/print', async (c) => {
    const params = parseOrThrow(HotspotParams, c.req.query());
    const { query, fromWeek } = hotspotQuery(params);
    const [report, leaks] = await Promise.all([
      dashboard.hotspots(query),
      dashboard.leaks(trendWeeks(query)),
    ]);
    return render(c, printPage(page(c), params, report, { fromWeek, thisWeek: query.thisWeek }, leaks));
  });

  const ExportParams = z.object({
    format: z.enum(['csv', 'json', 'ndjson']).default('csv'),
    sep: z.enum(['semicolon', 'comma']).optional(),
  });

  app.get('/export', async (c) => {
    const query = c.req.query();
    const { format, sep } = parseOrThrow(ExportParams, {
      format: query.format || undefined,
      sep: query.sep || undefined,
    });
    const params = parseOrThrow(FilterParams, { ...query, format: undefined, sep: undefined });
    const t = c.var.t;
    const separator = CSV_SEPARATORS[sep ?? (t.lang === 'de' ? 'semicolon' : 'comma')];
    const rows = dashboard.exportRecords(toRecordFilter(params), toRecordSort(params));
    // The first row is read before answering, so a database failure is still an error page.
    let next = await rows.next();
    const encoder = new TextEncoder();
    let count = 0;
    const line = (row: Parameters<typeof csvRow>[0]): string => {
      if (format === 'csv') return csvLine(csvRow(row, t), separator);
      const head = JSON.stringify({
        id: row.id,
        receivedAt: row.receivedAt,
        batchId: row.batchId,
        status: row.status,
        reply: row.reply,
        duplicateOf: row.duplicateOf,
      });
      // The stored JSON texts are spliced in as they are, without parsing and re-serialising.
      const object = `${head.slice(0, -1)},"caughtByCollector":${row.caughtJson},"record":${row.recordJson}}`;
      return format === 'json' ? `${count === 0 ? '\n' : ',\n'}${object}` : `${object}\n`;
    };
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const parts: string[] = [];
        if (count === 0) {
          if (format === 'csv') parts.push(BOM, csvLine(csvHeader(t), separator));
          if (format === 'json') parts.push('[');
        }
        for (let i = 0; i < EXPORT_ROWS_PER_CHUNK && !next.done; i++) {
          parts.push(line(next.value));
          count++;
          next = await rows.next();
        }
        if (next.done && format === 'json') parts.push(count === 0 ? ']\n' : '\n]\n');
        // An empty export still sends its header (and BOM) on the first pull.
        if (count === 0 && parts.length === 0) parts.push('');
        controller.enqueue(encoder.encode(parts.join('')));
        if (next.done) controller.close();
      },
      async cancel() {
        await rows.return?.();
      },
    });
    const stamp = now().toISOString().slice(0, 16).replace(/[:T]/g, '-');
    cutOffAfter(c, config.exportDeadlineMs, 'dashboard download');
    const types = {
      csv: 'text/csv; charset=utf-8; header=present',
      json: 'application/json; charset=utf-8',
      ndjson: 'application/x-ndjson; charset=utf-8',
    } as const;
    return c.body(stream, 200, {
      'Content-Type': types[format],
      'Content-Disposition': `attachment; filename="mitsprache-${stamp}.${format}"`,
    });
  });

  app.all('*', () => {
    throw new DashboardError('not_found');
  });

  return app;
}

/**
 * Mounts the officers' dashboard under `/dashboard`. Call it before the collector's own middleware:
 * its routes then answer without passing through the API's headers (whose CSP forbids everything a
 * page needs), and set their own.
 */
export function mountDashboard(app: Hono, options: DashboardOptions): void {
  app.route(DASHBOARD_PATH, createDashboardApp(options) as unknown as Hono);
}
