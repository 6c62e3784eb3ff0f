import { describe, expect, it } from 'vitest';
import { cellId, HubPush, PUSH_CELLS_MAX, PUSH_NOTES_MAX } from '../../../collector/hub/protocol';
import { type PushPlan, splitPush, summarise } from '../../../collector/sharing/push';

// Splitting a plan into requests under the protocol's limits (docs/hub.md, "Delivery").

const JC = 'jc-test';
const PUSH_ID = '8f0c7a52-1d59-4f0e-9a4c-2b0f4c1e9d11';
const SENT_AT = '2026-12-09T10:00:00.000Z';

function plan(cells: number, withdrawn: number): PushPlan {
  return {
    jobCentre: JC,
    k: 5,
    weeks: ['2026-W49', '2026-W50'],
    cells: Array.from({ length: cells }, (_, index) => {
      const key = { app: 'VerBIS', screen: `/s/${index}`, category: 'slow', impact: 'slows' as const };
      return { id: cellId(JC, '2026-W49', key), week: '2026-W49', ...key, notes: 5, minutesLost: 0 };
    }),
    notes: [],
    markers: [],
    questions: [],
    withdrawn: Array.from(
      { length: withdrawn },
      (_, index) => `${JC}:note:${String(index).padStart(32, '0')}`,
    ),
    suppressed: { mergedCells: 0, mergedNotes: 0, droppedCells: 0, droppedNotes: 0 },
  };
}

describe('splitPush', () => {
  it('sends an empty plan as one part, so the hub still replaces the weeks (cells that fell below k go)', () => {
    const parts = splitPush(plan(0, 0), PUSH_ID, SENT_AT);
    expect(parts).toEqual([
      {
        protocolVersion: 1,
        jobCentre: JC,
        pushId: PUSH_ID,
        part: 1,
        parts: 1,
        sentAt: SENT_AT,
        k: 5,
        weeks: ['2026-W49', '2026-W50'],
        cells: [],
        notes: [],
        markers: [],
        questions: [],
        withdrawn: [],
      },
    ]);
  });

  it('splits under the limits, each part valid, same push id and weeks, nothing lost or repeated', () => {
    const whole = plan(PUSH_CELLS_MAX * 2 + 1, PUSH_NOTES_MAX + 1);
    const parts = splitPush(whole, PUSH_ID, SENT_AT);
    expect(parts.map((part) => [part.part, part.parts, part.cells.length, part.withdrawn.length])).toEqual([
      [1, 3, PUSH_CELLS_MAX, PUSH_NOTES_MAX],
      [2, 3, PUSH_CELLS_MAX, 1],
      [3, 3, 1, 0],
    ]);
    for (const part of parts) {
      expect(HubPush.parse(part)).toEqual(part);
      expect(part).toMatchObject({ pushId: PUSH_ID, weeks: whole.weeks });
    }
    expect(parts.flatMap((part) => part.cells)).toEqual(whole.cells);
    expect(parts.flatMap((part) => part.withdrawn)).toEqual(whole.withdrawn);
    expect(summarise(whole)).toMatchObject({ cells: whole.cells.length, withdrawn: PUSH_NOTES_MAX + 1 });
  });
});
