import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { Text } from '../utils/schema/text';
import {
  BatchRequest,
  type BatchResponse,
  type CheckResponse,
  OfficerStatus,
  STATUS_QUESTIONS_MAX,
  StatusQuery,
  type StatusResponse,
  WIRE_SCHEMA_VERSION,
} from '../utils/schema/wire';
import { answerableIds } from './answers';
import { bearerToken, tokenMatcher } from './auth';
import { readJsonBody } from './body';
import type { CollectorConfig } from './config';
import { mountDashboard } from './dashboard';
import { cutOffAfter } from './deadline';
import { ClientAbortError, describeFirstIssue, errorResponse, HttpError } from './errors';
import { exportedRecordJson, exportStream, jsonArrayFormat, ndjsonFormat } from './export-stream';
import { HUB_PATH, type HubServices, hubApi } from './hub/api';
import { groupAfterIngest, type IncidentServices } from './incidents';
import { ingestBatch } from './ingest';
import { cors, securityHeaders } from './middleware';
import type { SharingServices } from './sharing/services';
import type { DashboardStore } from './store/dashboard-types';
import type { QuestionStore } from './store/question-types';
import { BadCursorError, type ExportRow, type Store, StoreUnavailableError } from './store/types';

/** The endpoint the extension is configured with, relative to the collector's origin. */
export const FEEDBACK_PATH = '/api/v1/feedback';
/** Base of the officer API (admin tokens only). */
export const ADMIN_PATH = '/api/v1/admin';
/** Reported by `/check` so "Test connection" can tell a collector from some other server. */
export const SERVICE_NAME = 'mitsprache-collector';
/** Wire schema versions this collector accepts. */
export const SUPPORTED_SCHEMA_VERSIONS: readonly number[] = [WIRE_SCHEMA_VERSION];

// Status queries (≤ 1000 ids) and officer edits are small; they need no operator-tunable limit.
const SMALL_BODY_LIMIT = 256 * 1024;

/** Body of `PUT /api/v1/admin/records/:id`. */
export const AdminStatusChange = z.strictObject({
  status: OfficerStatus,
  reply: Text(2000).nullable().optional(),
});

// A date alone means midnight UTC; everything is compared as ISO 8601 UTC text in the store.
const Instant = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()])
  .transform((value) => new Date(value).toISOString());

const ExportParams = z.object({
  format: z.enum(['ndjson', 'json']).default('ndjson'),
  from: Instant.optional(),
  to: Instant.optional(),
  by: z.enum(['received', 'created']).default('received'),
});

const RecordId = z.uuid();

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function exportLine(row: ExportRow): string {
  const { id, receivedAt, batchId, status, reply } = row;
  return exportedRecordJson({ id, receivedAt, batchId, status, reply }, row);
}

/**
 * The collector's HTTP API on a store; mounted by `startCollector`, usable directly with `app.request()`.
 * `incidents`: outage reports are grouped into incidents at ingest (issue #17); without, they are
 * stored like any note.
 */
export function createApp(
  store: Store,
  config: CollectorConfig,
  dashboard?: DashboardStore,
  incidents?: IncidentServices,
  questions?: QuestionStore,
  hub?: HubServices,
  sharing?: SharingServices,
): Hono {
  const app = new Hono();
  // First: the dashboard sets its own headers (a page CSP) instead of the API's ones below.
  if (dashboard) mountDashboard(app, { store, dashboard, config, incidents, questions, hub, sharing });
  const isIngestToken = tokenMatcher(config.ingestTokens);
  const isAdminToken = tokenMatcher(config.adminTokens);
  const anonymousIngest = config.allowAnonymous && config.ingestTokens.length === 0;
  const unauthorized = (token: string | null) =>
    new HttpError('unauthorized', token ? 'invalid token' : 'missing bearer token', {
      'WWW-Authenticate': 'Bearer realm="mitsprache"',
    });

  const requireIngest: MiddlewareHandler = async (c, next) => {
    const token = bearerToken(c.req.header('authorization'));
    if (anonymousIngest || isIngestToken(token)) return next();
    if (isAdminToken(token)) throw new HttpError('forbidden', 'admin tokens cannot send feedback');
    throw unauthorized(token);
  };
  const requireAdmin: MiddlewareHandler = async (c, next) => {
    const token = bearerToken(c.req.header('authorization'));
    if (isAdminToken(token)) return next();
    // Known token, wrong scope: 403, so a misconfigured client is told apart from a wrong secret.
    if (isIngestToken(token)) throw new HttpError('forbidden', 'ingest tokens cannot use the officer API');
    if (config.adminTokens.length === 0) {
      throw new HttpError('forbidden', 'the officer API is disabled: no admin token is configured');
    }
    throw unauthorized(token);
  };
  const methodNotAllowed =
    (allow: string) =>
    (c: Context): Response =>
      errorResponse(c, 'method_not_allowed', `use ${allow}`, { Allow: allow });

  app.use('*', securityHeaders());
  app.use('*', cors(config.corsOrigins, config.extensionIds));

  app.get('/healthz', async (c) => {
    try {
      await store.health();
    } catch (error) {
      console.error('collector: health check failed', error);
      return errorResponse(c, 'db_unavailable', 'database is not answering');
    }
    return c.json({ ok: true });
  });

  // The hub's protocol (issue #19); on a job centre's own collector it answers 409 not_a_hub.
  app.route(
    HUB_PATH,
    hubApi(config, config.mode === 'hub' ? hub : undefined, () => new Date()),
  );
  if (config.mode === 'hub') {
    // A hub takes aggregates from collectors, never notes from browsers: an extension pointed at it
    // is told so instead of having its notes stored where no officer of its job centre reads them.
    const refuse = () => {
      throw new HttpError(
        'hub_mode',
        'this collector runs as a hub: it receives aggregates from job centres, not feedback from browsers',
      );
    };
    app.all(FEEDBACK_PATH, refuse);
    app.all(`${FEEDBACK_PATH}/*`, refuse);
  }

  // Uploads being read or stored at once (issue #14, item 8): trickling uploads with a valid token
  // cannot pile up beyond this; the next sender is told to come back.
  let uploads = 0;
  const limitUploads: MiddlewareHandler = async (_c, next) => {
    if (uploads >= config.maxConcurrentUploads) {
      throw new HttpError('too_busy', 'too many uploads at once, try again shortly', { 'Retry-After': '5' });
    }
    uploads++;
    try {
      await next();
    } finally {
      uploads--;
    }
  };

  app.post(FEEDBACK_PATH, requireIngest, limitUploads, async (c) => {
    const receivedAt = new Date().toISOString();
    const body = await readJsonBody(c.req.raw, config.bodyLimitBytes, config.bodyTimeoutMs);
    // Checked before the shape: a future version may look different, and "upgrade the collector" is
    // the useful answer, not a list of shape errors.
    if (isObject(body) && typeof body.schemaVersion === 'number') {
      if (!SUPPORTED_SCHEMA_VERSIONS.includes(body.schemaVersion)) {
        throw new HttpError(
          'schema_version_unsupported',
          `schemaVersion ${body.schemaVersion} is not supported; supported versions: ${SUPPORTED_SCHEMA_VERSIONS.join(', ')}`,
        );
      }
    }
    const batch = BatchRequest.safeParse(body);
    if (!batch.success) throw new HttpError('bad_batch', describeFirstIssue(batch.error));
    const outcome = await ingestBatch(store, batch.data, receivedAt, questions);
    if (incidents) await groupAfterIngest(incidents, outcome.outageApps, receivedAt, () => new Date());
    const response: BatchResponse = { results: outcome.results };
    return c.json(response);
  });
  app.all(FEEDBACK_PATH, methodNotAllowed('POST'));

  app.get(`${FEEDBACK_PATH}/check`, requireIngest, (c) => {
    const response: z.infer<typeof CheckResponse> = {
      ok: true,
      schemaVersions: [...SUPPORTED_SCHEMA_VERSIONS],
      service: SERVICE_NAME,
    };
    return c.json(response);
  });
  app.all(`${FEEDBACK_PATH}/check`, methodNotAllowed('GET'));

  app.post(`${FEEDBACK_PATH}/status`, requireIngest, async (c) => {
    const query = StatusQuery.safeParse(await readJsonBody(c.req.raw, SMALL_BODY_LIMIT));
    if (!query.success) throw new HttpError('bad_request', describeFirstIssue(query.error));
    try {
      const ids = await answerableIds(store, query.data.ids, query.data.secrets ?? {});
      const response: StatusResponse = await store.statusSince(ids, query.data.since);
      // Questions ride along only when asked for (issue #18): the reply to an older extension, which
      // names no applications, stays exactly as it was.
      if (questions && query.data.apps) {
        response.questions = await questions.deliverable(
          query.data.apps,
          new Date().toISOString(),
          STATUS_QUESTIONS_MAX,
        );
      }
      return c.json(response);
    } catch (error) {
      if (error instanceof BadCursorError) throw new HttpError('bad_cursor', error.message);
      throw error;
    }
  });
  app.all(`${FEEDBACK_PATH}/status`, methodNotAllowed('POST'));

  app.get(`${ADMIN_PATH}/records/:id`, requireAdmin, async (c) => {
    // Ids are stored in lower case (issue #14, item 7).
    const id = c.req.param('id').toLowerCase();
    const record = RecordId.safeParse(id).success ? await store.getRecord(id) : null;
    if (!record) throw new HttpError('record_not_found', `no record with id ${id.slice(0, 100)}`);
    return c.json(record);
  });
  app.put(`${ADMIN_PATH}/records/:id`, requireAdmin, async (c) => {
    // Ids are stored in lower case (issue #14, item 7).
    const id = c.req.param('id').toLowerCase();
    const change = AdminStatusChange.safeParse(await readJsonBody(c.req.raw, SMALL_BODY_LIMIT));
    if (!change.success) throw new HttpError('bad_request', describeFirstIssue(change.error));
    const update = RecordId.safeParse(id).success ? await store.setStatus(id, change.data) : null;
    if (!update) throw new HttpError('record_not_found', `no record with id ${id.slice(0, 100)}`);
    return c.json(update);
  });
  app.all(`${ADMIN_PATH}/records/:id`, methodNotAllowed('GET, PUT'));

  app.get(`${ADMIN_PATH}/export`, requireAdmin, async (c) => {
    const params = ExportParams.safeParse(c.req.query());
    if (!params.success) throw new HttpError('bad_request', describeFirstIssue(params.error));
    const { format, from, to, by } = params.data;
    const rows = store.exportStream({ from, to, by });
    const stream = await exportStream(
      rows,
      format === 'json' ? jsonArrayFormat(exportLine) : ndjsonFormat(exportLine),
    );
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    cutOffAfter(c, config.exportDeadlineMs, 'export');
    return c.body(stream, 200, {
      'Content-Type':
        format === 'json' ? 'application/json; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
      'Content-Disposition': `attachment; filename="mitsprache-export-${stamp}.${format}"`,
    });
  });
  app.all(`${ADMIN_PATH}/export`, methodNotAllowed('GET'));

  app.notFound((c) =>
    errorResponse(c, 'not_found', `no route for ${c.req.method} ${c.req.path.slice(0, 200)}`),
  );
  app.onError((error, c) => {
    if (error instanceof HttpError) return errorResponse(c, error.code, error.message, error.headers);
    if (error instanceof ClientAbortError) {
      console.error(`collector: ${c.req.method} ${c.req.path.slice(0, 200)}: ${error.message}`);
      return errorResponse(c, 'bad_request', error.message);
    }
    console.error('collector: request failed', error);
    // SQLite errors (busy, disk full, I/O) are worth retrying later; say so instead of a bare 500.
    const code: unknown = 'code' in error ? error.code : undefined;
    if ((typeof code === 'string' && code.startsWith('SQLITE_')) || error instanceof StoreUnavailableError) {
      return errorResponse(c, 'db_unavailable', 'database unavailable, try again later', {
        'Retry-After': '30',
      });
    }
    return errorResponse(c, 'internal_error', 'internal error');
  });

  return app;
}
