import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HubPush,
  SHARE_MIN_NOTES_FLOOR,
  sharedNoteId,
  WHOLE_APPLICATION,
} from '../../../collector/hub/protocol';
import { planPush, splitPush, summarise } from '../../../collector/sharing/push';
import { loadLexiconFromDisk } from '../../../utils/redact/lexicon-node';
import type { FeedbackRecord } from '../../../utils/schema/record';
import { makeRecord } from '../../support/records';
import { BACKENDS, BATCH, removeTestData, warnIfPostgresSkipped, withFreshInstance } from '../helpers';
import { answerItem, questionSettings } from '../questions';

/** The id of the n-th record made above (the list is never shorter). */
const idAt = (records: readonly { id: string }[], n: number) => records[n]?.id as string;

// The job centre's sharing store (issue #19) on every available backend, and the push planned from it:
// settings, counts by hour without duplicates, shared notes re-redacted, the pending push resumed part
// by part, withdrawals done once a push is through, the hub's feed.

warnIfPostgresSkipped('sharing store');
beforeAll(() => loadLexiconFromDisk());
afterAll(removeTestData);

const JC = 'jc-test-mitte';
const NOW = new Date('2026-12-09T10:00:00Z');
const AT = NOW.toISOString();

function note(createdAt: string, route: string, overrides: Partial<FeedbackRecord> = {}): FeedbackRecord {
  const base = makeRecord();
  return makeRecord({
    createdAt,
    minutesLost: 3,
    context: { ...base.context, app: 'VerBIS', routeTemplate: route, url: `https://verbis.example${route}` },
    ...overrides,
  });
}

describe.each(BACKENDS)('sharing store on $name', (backend) => {
  describe.skipIf(!backend.enabled)('SqlSharingStore', () => {
    it('keeps sharing off until saved; a token is needed once, then kept; saving cancels a pending push', async () => {
      await withFreshInstance(backend.kind, async ({ sharing }) => {
        expect(await sharing.settings()).toBeNull();
        const input = { enabled: true, hubUrl: 'https://hub.example', jobCentre: JC };
        expect(await sharing.saveSettings(input, 'anna', AT)).toBe(false);
        expect(await sharing.saveSettings({ ...input, token: 'hub-token-0123456789' }, 'anna', AT)).toBe(
          true,
        );
        await sharing.createPush(
          { pushId: crypto.randomUUID(), reason: 'schedule', parts: [{}], summary: summary() },
          AT,
        );
        expect(
          await sharing.saveSettings({ ...input, enabled: false }, 'ben', '2026-12-09T11:00:00.000Z'),
        ).toBe(true);
        expect(await sharing.settings()).toEqual({
          ...input,
          enabled: false,
          token: 'hub-token-0123456789',
          updatedAt: '2026-12-09T11:00:00.000Z',
          updatedBy: 'ben',
        });
        expect(await sharing.pendingPush()).toBeNull();
        expect((await sharing.pushes(10))[0]).toMatchObject({
          state: 'cancelled',
          lastError: 'settings_changed',
        });
      });
    });

    it('counts notes per UTC hour and key, without the ones marked as duplicates', async () => {
      await withFreshInstance(backend.kind, async ({ store, dashboard, sharing }) => {
        const a = note('2026-12-01T09:10:00.000Z', '/kunde/:id');
        const b = note('2026-12-01T09:50:00.000Z', '/kunde/:id');
        const c = note('2026-12-01T10:05:00.000Z', '/kunde/:id');
        await store.ingest([a, b, c], BATCH);
        expect((await dashboard.markDuplicate(b.id, a.id, 'anna', AT)).valueOf()).toBe('ok');
        const rows = await sharing.hourCounts('2026-12-01T00:00:00.000Z', '2026-12-02T00:00:00.000Z');
        expect(rows.sort((x, y) => x.hour.localeCompare(y.hour))).toEqual([
          expect.objectContaining({
            hour: '2026-12-01T09',
            app: 'VerBIS',
            routeTemplate: '/kunde/:id',
            notes: 1,
            minutesLost: 3,
          }),
          expect.objectContaining({ hour: '2026-12-01T10', notes: 1 }),
        ]);
      });
    });

    it('plans a push: cells under k, shared notes redacted once more with their reply, withdrawals', async () => {
      await withFreshInstance(backend.kind, async ({ store, sharing, questions }) => {
        const big = Array.from({ length: 6 }, () => note('2026-12-01T09:00:00.000Z', '/kunde/:id'));
        const small = Array.from({ length: 2 }, () => note('2026-12-02T09:00:00.000Z', '/akte/:id'));
        const alone = note('2026-12-02T09:00:00.000Z', '/einzeln', { category: 'error' });
        const old = note('2026-01-05T09:00:00.000Z', '/kunde/:id');
        await store.ingest([...big, ...small, alone, old], BATCH);
        // A reply an officer wrote: never through the first line; the export must mask it.
        await store.setStatus(
          idAt(big, 0),
          {
            status: 'solved',
            reply: 'Rückruf bei der Hotline: 0511 123456 oder hotline.mueller@example.org',
          },
          AT,
        );
        expect(await sharing.share(idAt(big, 0), 'anna', AT)).toBe(true);
        expect(await sharing.share(idAt(small, 0), 'anna', AT)).toBe(true);
        expect(await sharing.share(crypto.randomUUID(), 'anna', AT)).toBe(false);
        expect(await sharing.unshare(idAt(small, 0), AT)).toBe(true);
        expect(await sharing.isShared(idAt(big, 0))).toBe(true);
        expect(await sharing.isShared(idAt(small, 0))).toBe(false);

        const plan = await planPush(
          { sharing, questions },
          { jobCentre: JC, k: 5, questionsMinAnswers: 5 },
          NOW,
        );
        expect(plan.weeks).toHaveLength(9);
        expect(plan.cells.map((cell) => [cell.week, cell.screen, cell.notes, cell.minutesLost])).toEqual([
          ['2026-W49', '/kunde/:id', 6, 18],
        ]);
        // The two /akte notes and the lone error are below k even as a whole application: dropped.
        expect(plan.suppressed).toEqual({ mergedCells: 0, mergedNotes: 0, droppedCells: 2, droppedNotes: 3 });
        expect(plan.notes).toEqual([
          {
            id: sharedNoteId(JC, idAt(big, 0)),
            week: '2026-W49',
            app: 'VerBIS',
            screen: '/kunde/:id',
            category: big[0]?.category,
            impact: big[0]?.impact,
            text: big[0]?.note,
            reply: expect.stringContaining('[TELEFON]'),
          },
        ]);
        expect(plan.notes[0]?.reply).not.toMatch(/123456|example\.org/);
        expect(plan.withdrawn).toEqual([sharedNoteId(JC, idAt(small, 0))]);
        for (const part of splitPush(plan, crypto.randomUUID(), AT))
          expect(HubPush.parse(part)).toEqual(part);

        // Once a push is through, the withdrawal is done and leaves the next plan.
        const pushId = crypto.randomUUID();
        await sharing.createPush(
          { pushId, reason: 'officer', parts: splitPush(plan, pushId, AT), summary: summarise(plan) },
          AT,
        );
        await sharing.finishPush(pushId, 'sent', null, '2026-12-09T10:01:00.000Z');
        expect(await sharing.withdrawnNotes()).toEqual([]);
      });
    });

    it('merges small screens into the whole application when together they reach k', async () => {
      await withFreshInstance(backend.kind, async ({ store, sharing }) => {
        const notes = [
          ...Array.from({ length: 3 }, () => note('2026-12-01T09:00:00.000Z', '/a')),
          ...Array.from({ length: 2 }, () => note('2026-12-01T09:00:00.000Z', '/b')),
        ];
        await store.ingest(notes, BATCH);
        const plan = await planPush(
          { sharing },
          { jobCentre: JC, k: SHARE_MIN_NOTES_FLOOR + 2, questionsMinAnswers: 5 },
          NOW,
        );
        expect(plan.cells.map((cell) => [cell.screen, cell.notes])).toEqual([[WHOLE_APPLICATION, 5]]);
      });
    });

    it('sends markers of the covered weeks, and question results only from the larger k', async () => {
      await withFreshInstance(backend.kind, async ({ sharing, questions }) => {
        const marker = await questions.createMarker(
          {
            day: '2026-12-01',
            title: 'Release 24.3',
            kind: 'law',
            apps: ['VerBIS'],
            screens: ['/kunde/:id'],
          },
          AT,
        );
        await questions.createMarker(
          { day: '2025-01-01', title: 'Alt', kind: 'release', apps: ['VerBIS'], screens: [] },
          AT,
        );
        const question = await questions.create(questionSettings({ markerId: marker.id }), AT);
        await questions.activate(question.id, AT);
        const answer = (value: number) => ({
          answer: answerItem(question.id, { kind: 'scale', value }),
          caught: 0,
        });
        await questions.ingestAnswers([3, 4, 4, 5, 5, 5].map(answer), AT);

        const planWith = (k: number, questionsMinAnswers: number) =>
          planPush({ sharing, questions }, { jobCentre: JC, k, questionsMinAnswers }, NOW);
        const plan = await planWith(5, 5);
        expect(plan.markers).toEqual([
          {
            id: `${JC}:marker:${marker.id}`,
            date: '2026-12-01',
            title: 'Release 24.3',
            kind: 'legal',
            apps: ['VerBIS'],
            screens: ['/kunde/:id'],
          },
        ]);
        expect(plan.questions).toEqual([
          expect.objectContaining({
            id: `${JC}:question:${question.id}`,
            answers: 6,
            distribution: { '3': 1, '4': 2, '5': 3 },
            markerId: `${JC}:marker:${marker.id}`,
          }),
        ]);
        // Six answers: below the sharing k of 7, or below the questions' own k of 7 — nothing leaves.
        expect((await planWith(7, 5)).questions).toEqual([]);
        expect((await planWith(5, 7)).questions).toEqual([]);
      });
    });

    it('keeps a pending push part by part until it is sent or refused, newest first in the log', async () => {
      await withFreshInstance(backend.kind, async ({ sharing }) => {
        const pushId = crypto.randomUUID();
        await sharing.createPush(
          { pushId, reason: 'schedule', parts: [{ n: 1 }, { n: 2 }], summary: summary() },
          AT,
        );
        expect(await sharing.pendingPush()).toMatchObject({
          push: { pushId, state: 'pending', parts: 2, partsSent: 0, attempts: 0, nextAttemptAt: AT },
          parts: [{ n: 1 }, { n: 2 }],
        });
        await sharing.partSent(pushId, 1);
        await sharing.retryLater(pushId, 'unreachable: ECONNREFUSED', '2026-12-09T10:05:00.000Z');
        expect((await sharing.pendingPush())?.push).toMatchObject({
          partsSent: 1,
          attempts: 1,
          lastError: 'unreachable: ECONNREFUSED',
          nextAttemptAt: '2026-12-09T10:05:00.000Z',
        });
        expect(await sharing.dueNow('2026-12-09T10:01:00.000Z')).toBe(pushId);
        expect((await sharing.pendingPush())?.push.nextAttemptAt).toBe('2026-12-09T10:01:00.000Z');
        await sharing.finishPush(pushId, 'refused', 'wrong_job_centre (403)', '2026-12-09T10:02:00.000Z');
        expect(await sharing.pendingPush()).toBeNull();
        expect(await sharing.dueNow(AT)).toBeNull();
        expect(await sharing.pushes(10)).toEqual([
          expect.objectContaining({
            pushId,
            state: 'refused',
            lastError: 'wrong_job_centre (403)',
            partsSent: 1,
          }),
        ]);
        expect(await sharing.lastPushAt()).toBe(AT);
      });
    });

    it('takes in the feed: notices by id, withdrawn ones removed, the comparison replaced', async () => {
      await withFreshInstance(backend.kind, async ({ sharing }) => {
        const notice = {
          id: crypto.randomUUID(),
          kind: 'workaround' as const,
          app: 'VerBIS',
          screen: '/kunde/:id',
          text: { de: 'Zweimal speichern.' },
          publishedAt: AT,
          updatedAt: AT,
          withdrawn: false,
        };
        const whole = { ...notice, id: crypto.randomUUID(), kind: 'known-issue' as const, screen: '*' };
        const comparison = [
          {
            app: 'VerBIS',
            screen: '/kunde/:id',
            jobCentresAffected: 3,
            jobCentresTotal: 4,
            ownNotes: 6,
            ownMinutesLost: 18,
            medianNotes: 5,
            medianMinutesLost: 12.5,
          },
        ];
        await sharing.saveFeed(
          { protocolVersion: 1, cursor: '7', notices: [notice, whole], weeks: ['2026-W49'], comparison },
          AT,
        );
        expect(await sharing.notices('VerBIS', '/kunde/:id')).toHaveLength(2);
        expect(await sharing.notices('VerBIS', '/other')).toEqual([whole]);
        expect(await sharing.feed()).toEqual({ cursor: '7', weeks: ['2026-W49'], comparison, fetchedAt: AT });
        await sharing.saveFeed(
          {
            protocolVersion: 1,
            cursor: '8',
            notices: [{ ...notice, withdrawn: true }],
            weeks: [],
            comparison: [],
          },
          AT,
        );
        expect(await sharing.notices('VerBIS', '/kunde/:id')).toEqual([whole]);
        expect((await sharing.feed())?.cursor).toBe('8');
      });
    });
  });
});

function summary() {
  return { weeks: [], cells: 0, notes: 0, markers: 0, questions: 0, withdrawn: 0 };
}
