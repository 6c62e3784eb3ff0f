import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CollectorConfigInput } from '../../collector/config';
import { tokenSha256 } from '../../collector/hub/job-centres';
import {
  cellId,
  HUB_PROTOCOL_VERSION,
  type HubCell,
  type HubPush,
  sharedNoteId,
} from '../../collector/hub/protocol';
import type { RunningCollector } from '../../collector/server';
import type { FeedbackRecord } from '../../utils/schema/record';
import { makeRecord } from '../support/records';
import { type BackendKind, backendConfig, makeTempDir, postJson, startTestCollector } from './helpers';

// Pushes as a job centre's collector sends them, for the hub's store and HTTP tests (issue #19).

/**
 * `n` notes on one screen of VerBIS at `createdAt` (slow, 4 minutes lost), as a job centre's browsers
 * send them: the sharing tests' raw material.
 */
export function screenNotes(
  n: number,
  route: string,
  createdAt: Date,
  overrides: Partial<FeedbackRecord> = {},
): FeedbackRecord[] {
  const base = makeRecord();
  return Array.from({ length: n }, () =>
    makeRecord({
      createdAt: createdAt.toISOString(),
      category: 'slow',
      minutesLost: 4,
      context: {
        ...base.context,
        app: 'VerBIS',
        routeTemplate: route,
        url: `https://verbis.example${route}`,
      },
      ...overrides,
    }),
  );
}

/** Two job centres with their tokens, as in a hub's job centres file. */
export const JC_A = {
  id: 'jc-hannover',
  name: 'Jobcenter Region Hannover',
  token: 'hub-token-hannover-0001',
};
export const JC_B = { id: 'jc-celle', name: 'Jobcenter Celle', token: 'hub-token-celle-0001' };
export const JC_C = { id: 'jc-goslar', name: 'Jobcenter Goslar', token: 'hub-token-goslar-0001' };

export const HUB_APP = 'Fachverfahren';
export const HUB_SCREEN = '/antrag/:id/bearbeiten';

/** A cell with its deterministic id. */
export function cell(
  jobCentre: string,
  week: string,
  fields: Partial<Omit<HubCell, 'id' | 'week'>> = {},
): HubCell {
  const key = {
    app: fields.app ?? HUB_APP,
    screen: fields.screen ?? HUB_SCREEN,
    category: fields.category ?? 'slow',
    impact: fields.impact ?? 'slows',
  };
  return {
    id: cellId(jobCentre, week, key),
    week,
    ...key,
    notes: fields.notes ?? 5,
    minutesLost: fields.minutesLost ?? 30,
  };
}

/** A one-part push of `jobCentre` covering `weeks`. */
export function push(jobCentre: string, weeks: string[], fields: Partial<HubPush> = {}): HubPush {
  return {
    protocolVersion: HUB_PROTOCOL_VERSION,
    jobCentre,
    pushId: randomUUID(),
    part: 1,
    parts: 1,
    sentAt: '2026-12-07T08:00:00.000+01:00',
    k: 5,
    weeks,
    cells: [],
    notes: [],
    markers: [],
    questions: [],
    withdrawn: [],
    ...fields,
  };
}

/** A shared note of `jobCentre` with its officer's workaround. */
export function sharedNote(
  jobCentre: string,
  recordId: string,
  week: string,
  text = 'Speichern dauert lange',
) {
  return {
    id: sharedNoteId(jobCentre, recordId),
    week,
    app: HUB_APP,
    screen: HUB_SCREEN,
    category: 'slow',
    impact: 'slows' as const,
    text,
    reply: 'Workaround: erst Entwurf speichern, dann absenden.',
  };
}

/** A hub on `kind` (a fresh database) that accepts JC_A, JC_B and JC_C, with officers if given. */
export async function startTestHub(
  kind: BackendKind,
  overrides: CollectorConfigInput = {},
): Promise<RunningCollector> {
  const dir = await makeTempDir();
  const file = path.join(dir, 'job-centres.json');
  await writeFile(
    file,
    JSON.stringify(
      [JC_A, JC_B, JC_C].map(({ id, name, token }) => ({ id, name, tokenSha256: tokenSha256(token) })),
    ),
  );
  return startTestCollector({
    ...(await backendConfig(kind)),
    dataDir: dir,
    mode: 'hub',
    hubJobCentresFile: file,
    ...overrides,
  });
}

/** POSTs a push to a hub with a job centre's token. */
export function postPush(hub: RunningCollector, body: unknown, token: string | null): Promise<Response> {
  return postJson(`${hub.url}/hub/v1/push`, body, token);
}

/** GETs a hub's feed with a job centre's token. */
export function getFeed(hub: RunningCollector, token: string, since = '0'): Promise<Response> {
  return fetch(`${hub.url}/hub/v1/feed?since=${since}`, { headers: { Authorization: `Bearer ${token}` } });
}
