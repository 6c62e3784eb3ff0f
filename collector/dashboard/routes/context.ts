import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { CollectorConfig } from '../../config';
import { describeFirstIssue } from '../../errors';
import type { HubServices } from '../../hub/api';
import type { IncidentServices } from '../../incidents';
import type { OfficerDirectory } from '../../officers';
import type { SharingServices } from '../../sharing/services';
import type { DashboardStore, OfficerSession } from '../../store/dashboard-types';
import type { IncidentSummary } from '../../store/incident-types';
import type { QuestionStore } from '../../store/question-types';
import type { Store } from '../../store/types';
import { DashboardError } from '../errors';
import { DATE_INVALID } from '../filters';
import type { Html } from '../html';
import type { Translator } from '../i18n';
import { isSameOrigin, localReturnPath, ownOrigin } from '../security';
import { type Sessions, type SigninThrottle, sameToken } from '../session';
import type { AssetUrls, PageContext } from '../views/layout';

// What every route module of the dashboard shares: the request's variables, the services built once
// per app (index.ts), and the small steps each handler repeats.

/** Variables the dashboard's middleware sets on every request. */
export interface DashboardEnv {
  Variables: {
    nonce: string;
    t: Translator;
    officer: OfficerSession | null;
    /** The form of a state change, read and checked by `requireCsrf`. */
    form: URLSearchParams;
    /** Open and known incidents for the banner (set for signed-in officers). */
    activeIncidents: IncidentSummary[];
  };
}

/** What the route modules are built on (index.ts makes it once per app). */
export interface DashboardDeps {
  store: Store;
  dashboard: DashboardStore;
  config: CollectorConfig;
  /** Incidents (issue #17); absent, the dashboard shows none. */
  incidents?: IncidentServices;
  /** Questions and change markers (issue #18); absent, their pages answer not found. */
  questions?: QuestionStore;
  /** Hub mode (issue #19): the hub's store and job centres; absent on a job centre's collector. */
  hub?: HubServices;
  /** Sharing with a hub (issue #19); absent, its pages answer not found. */
  sharing?: SharingServices;
  now: () => Date;
  /** Whether the public URL is https (cookies are then `Secure`). */
  https: boolean;
  officers: OfficerDirectory;
  sessions: Sessions;
  throttle: SigninThrottle;
  assetUrls: AssetUrls;
}

// Forms are small: a bulk action over a page of ids is ~25 KB.
const FORM_LIMIT = 256 * 1024;

const RecordId = z.uuid();

/** What every page's layout needs from the request. */
export function pageContext(c: Context<DashboardEnv>, assetUrls: AssetUrls): PageContext {
  const url = new URL(c.req.url);
  return {
    t: c.var.t,
    nonce: c.var.nonce,
    officer: c.var.officer ?? null,
    here: localReturnPath(url.pathname + url.search),
    assets: assetUrls,
    incidents: c.var.activeIncidents ?? [],
  };
}

/** Answers with a rendered page. */
export function render(c: Context<DashboardEnv>, body: Html, status: 200 | 401 | 429 = 200): Response {
  return c.html(body.value, status);
}

/** The text of the `?notice=` a redirect after a change carries, if any. */
export function noticeText(c: Context<DashboardEnv>): string | undefined {
  const t = c.var.t;
  switch (c.req.query('notice')) {
    case 'saved':
      return t.t('noticeSaved');
    case 'duplicate':
      return t.t('noticeDuplicate');
    case 'unduplicate':
      return t.t('noticeUnduplicate');
    case 'pushQueued':
      return t.t('noticePushQueued');
    case 'bulk':
      return t.t('noticeBulk', { n: Number(c.req.query('n')) || 0 });
    default:
      return undefined;
  }
}

/**
 * A service this collector may run without (incidents, questions, sharing): its pages are not found
 * when it is off, as if the dashboard had none.
 */
export function serviceOrNotFound<T>(service: T | undefined): T {
  if (!service) throw new DashboardError('not_found');
  return service;
}

/** `input` parsed by `schema`, or a `bad_request` page naming the first problem. */
export function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    // A mistyped day is the officer's to fix: say how, in their language, rather than "invalid input".
    if (result.error.issues[0]?.message === DATE_INVALID) throw new DashboardError('date_invalid');
    throw new DashboardError('bad_request', describeFirstIssue(result.error));
  }
  return result.data;
}

/** The `:id` of the path as stored (lower case, issue #14 item 7), or null when it is no record id. */
export function recordIdParam(c: Context<DashboardEnv>): string | null {
  const id = c.req.param('id')?.toLowerCase() ?? '';
  return RecordId.safeParse(id).success ? id : null;
}

/** Whether `value` has the shape of a record id. */
export function isRecordId(value: string): boolean {
  return RecordId.safeParse(value).success;
}

/** Reads an urlencoded form of at most FORM_LIMIT bytes. */
export async function readForm(c: Context): Promise<URLSearchParams> {
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

/** The client's address, for sign-in throttling. */
export function clientAddress(c: Context, trustProxy: boolean): string {
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

/**
 * Guards every state change: the request must come from our own pages (Origin) and carry the
 * session's synchronizer token. SameSite=Strict already keeps the cookie off cross-site requests;
 * this is the second lock, for same-site attackers and old browsers. Leaves the form in `c.var.form`.
 */
export function requireCsrf(deps: DashboardDeps): MiddlewareHandler<DashboardEnv> {
  return async (c, next) => {
    if (!isSameOrigin(c, ownOrigin(c, deps.config.publicUrl)))
      throw new DashboardError('csrf_origin_mismatch');
    const form = await readForm(c);
    const officer = c.var.officer;
    if (!officer || !sameToken(form.get('_csrf'), officer.csrfToken))
      throw new DashboardError('csrf_token_invalid');
    c.set('form', form);
    return next();
  };
}
