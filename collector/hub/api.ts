import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { bearerToken } from '../auth';
import { readJsonBody } from '../body';
import type { CollectorConfig } from '../config';
import { describeFirstIssue, HttpError } from '../errors';
import type { HubStore } from '../store/hub-types';
import type { HubJobCentre, JobCentreDirectory } from './job-centres';
import {
  cellId,
  HUB_PROTOCOL_VERSION,
  type HubFeed,
  HubPush,
  ownsId,
  SHARE_MIN_NOTES_FLOOR,
} from './protocol';
import { lastCompleteWeeks } from './weeks';

/** Where the hub's protocol lives on its origin (docs/hub.md). */
export const HUB_PATH = '/hub/v1';
/** The weeks the feed's comparison covers: the last this many complete ISO weeks. */
export const FEED_WEEKS = 12;
/**
 * Screens in the feed's comparison: the region's top ones, plus the asker's own costliest. Each needs
 * its medians over every job centre's rows (docs/hub.md, "Scale"), so the list stays short.
 */
const FEED_SCREENS = 30;
/** Pushes read or stored at once; more are answered 503 `too_busy` (a push rebuilds whole weeks). */
const PUSHES_AT_ONCE = 8;

/** What the hub's API is built on. */
export interface HubServices {
  store: HubStore;
  jobCentres: JobCentreDirectory;
}

type HubEnv = { Variables: { jobCentre: HubJobCentre } };

/** Refusal of a push that names another job centre or writes ids outside its own prefix. */
function checkOwnership(push: HubPush, jobCentre: string): void {
  if (push.jobCentre !== jobCentre) {
    throw new HttpError('wrong_job_centre', `this token belongs to ${jobCentre}, not ${push.jobCentre}`);
  }
  const ids = [
    ...push.cells.map((cell) => cell.id),
    ...push.notes.map((note) => note.id),
    ...push.markers.map((marker) => marker.id),
    ...push.questions.map((question) => question.id),
    ...push.withdrawn,
  ];
  const foreign = ids.find((id) => !ownsId(jobCentre, id));
  if (foreign !== undefined) {
    throw new HttpError('wrong_job_centre', `id ${foreign.slice(0, 100)} does not start with ${jobCentre}:`);
  }
}

/** Refusal of anything the k rule or the protocol's shape forbids, before anything is stored. */
function checkContent(push: HubPush): void {
  if (push.part > push.parts) throw new HttpError('invalid_push', `part ${push.part} of ${push.parts}`);
  // The hub's own floor too: a job centre configured below it (an old or altered collector) is refused.
  const k = Math.max(push.k, SHARE_MIN_NOTES_FLOOR);
  const small = push.cells.find((cell) => cell.notes < k);
  if (small)
    throw new HttpError(
      'below_k',
      `cell ${small.id.slice(0, 100)} has ${small.notes} notes, fewer than k = ${k}`,
    );
  const few = push.questions.find((question) => question.answers < k);
  if (few)
    throw new HttpError(
      'below_k',
      `question ${few.id.slice(0, 100)} has ${few.answers} answers, fewer than k = ${k}`,
    );
  // Deterministic ids are what make a re-send replace instead of add; a made-up id would add.
  const made = push.cells.find((cell) => cell.id !== cellId(push.jobCentre, cell.week, cell));
  if (made)
    throw new HttpError('invalid_push', `cell ${made.id.slice(0, 100)} is not the id of its week and key`);
  const ids = new Set<string>();
  for (const cell of push.cells) {
    if (ids.has(cell.id)) throw new HttpError('invalid_push', `cell ${cell.id.slice(0, 100)} twice`);
    ids.add(cell.id);
  }
}

/**
 * The hub's protocol (`POST /hub/v1/push`, `GET /hub/v1/feed`), mounted at HUB_PATH. Without hub
 * services (a job centre's own collector), every route answers 409 `not_a_hub`, so a job centre that
 * was given a collector's address instead of the hub's is told so plainly.
 */
export function hubApi(config: CollectorConfig, services: HubServices | undefined, now: () => Date): Hono {
  const app = new Hono<HubEnv>();
  if (!services) {
    app.all('*', () => {
      throw new HttpError('not_a_hub', 'this collector is not running as a hub (COLLECTOR_MODE=hub)');
    });
    return app as unknown as Hono;
  }
  const { store, jobCentres } = services;

  const requireJobCentre: MiddlewareHandler<HubEnv> = async (c, next) => {
    const token = bearerToken(c.req.header('authorization'));
    const centre = jobCentres.byToken(token);
    if (!centre) {
      throw new HttpError('unauthorized', token ? 'unknown job centre token' : 'missing bearer token', {
        'WWW-Authenticate': 'Bearer realm="mitsprache-hub"',
      });
    }
    c.set('jobCentre', centre);
    return next();
  };

  let pushing = 0;
  app.post('/push', requireJobCentre, async (c) => {
    if (pushing >= PUSHES_AT_ONCE) {
      throw new HttpError('too_busy', 'too many pushes at once, try again shortly', { 'Retry-After': '10' });
    }
    pushing++;
    try {
      const body = await readJsonBody(c.req.raw, config.hubBodyLimitBytes, config.bodyTimeoutMs);
      const parsed = HubPush.safeParse(body);
      if (!parsed.success) throw new HttpError('invalid_push', describeFirstIssue(parsed.error));
      checkOwnership(parsed.data, c.var.jobCentre.id);
      checkContent(parsed.data);
      return c.json(await store.push(parsed.data, now().toISOString()));
    } finally {
      pushing--;
    }
  });

  app.get('/feed', requireJobCentre, async (c: Context<HubEnv>) => {
    const since = c.req.query('since') ?? '0';
    if (!/^\d{1,15}$/.test(since))
      throw new HttpError('bad_cursor', 'since: expected the cursor of the last feed');
    const weeks = lastCompleteWeeks(now(), FEED_WEEKS);
    const range = { from: weeks[0] as string, to: weeks.at(-1) as string };
    const { notices, cursor } = await store.noticesSince(Number(since));
    const feed: HubFeed = {
      protocolVersion: HUB_PROTOCOL_VERSION,
      cursor: String(cursor),
      notices,
      weeks,
      // Other job centres' figures only where the hub's operators agreed to show them (docs/admin.md).
      comparison: await store.comparison(
        c.var.jobCentre.id,
        jobCentres.size,
        range,
        FEED_SCREENS,
        config.hubShowJobCentres
          ? { names: new Map(jobCentres.list().map((centre) => [centre.id, centre.name])) }
          : {},
      ),
    };
    return c.json(feed);
  });

  const methodNotAllowed = (allow: string) => () => {
    throw new HttpError('method_not_allowed', `use ${allow}`, { Allow: allow });
  };
  app.all('/push', methodNotAllowed('POST'));
  app.all('/feed', methodNotAllowed('GET'));
  return app as unknown as Hono;
}
