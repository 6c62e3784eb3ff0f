import { randomUUID } from 'node:crypto';
import {
  cellId,
  HUB_PROTOCOL_VERSION,
  type HubCell,
  type HubPush,
  sharedNoteId,
} from '../../collector/hub/protocol';

// Pushes as a job centre's collector sends them, for the hub's store and HTTP tests (issue #19).

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
