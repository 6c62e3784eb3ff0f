import { afterAll, describe, expect, it } from 'vitest';
import { HubFeed, HubPushResponse } from '../../collector/hub/protocol';
import { lastCompleteWeeks } from '../../collector/hub/weeks';
import type { RunningCollector } from '../../collector/server';
import { BACKENDS, postJson, removeTestData, startTestCollector, warnIfPostgresSkipped } from './helpers';
import {
  cell,
  getFeed,
  HUB_APP,
  HUB_SCREEN,
  JC_A,
  JC_B,
  JC_C,
  postPush,
  push,
  sharedNote,
  startTestHub,
} from './hub';

// The hub over HTTP (issue #19) on every available backend: a real collector in hub mode on a loopback
// port, pushes as job centres send them, and the hub's database read back through its store.

warnIfPostgresSkipped('hub over HTTP');
afterAll(removeTestData);

// Weeks well inside the feed's last 12 complete weeks of the test's clock (now).

const WEEKS = lastCompleteWeeks(new Date(), 12);
const W1 = WEEKS.at(-2) as string;
const W2 = WEEKS.at(-1) as string;
const RANGE = { from: WEEKS[0] as string, to: W2 };
const OTHER = '/akte/:id';

async function withHub(
  kind: (typeof BACKENDS)[number]['kind'],
  test: (hub: RunningCollector) => Promise<void>,
) {
  const hub = await startTestHub(kind);
  try {
    await test(hub);
  } finally {
    await hub.close();
  }
}

async function errorCode(response: Response): Promise<[number, string]> {
  const body = (await response.json()) as { error: { code: string } };
  return [response.status, body.error.code];
}

describe.each(BACKENDS)('hub over HTTP on $name', (backend) => {
  describe.skipIf(!backend.enabled)('push and feed', () => {
    it('stores a push once, and a re-push replaces its weeks', async () => {
      await withHub(backend.kind, async (hub) => {
        const first = push(JC_A.id, [W1, W2], {
          cells: [
            cell(JC_A.id, W1),
            cell(JC_A.id, W2),
            cell(JC_A.id, W2, { screen: OTHER, minutesLost: 99 }),
          ],
          notes: [sharedNote(JC_A.id, 'record-1', W2)],
        });
        for (let attempt = 0; attempt < 2; attempt++) {
          const response = await postPush(hub, first, JC_A.token);
          expect(response.status).toBe(200);
          expect(HubPushResponse.parse(await response.json())).toEqual({
            pushId: first.pushId,
            part: 1,
            cells: 3,
            notes: 1,
            markers: 0,
            questions: 0,
          });
        }
        // Sent twice, stored once.
        expect(await hub.hub.ranking(RANGE, 10)).toEqual([
          expect.objectContaining({ screen: OTHER, jobCentres: 1, notes: 5, minutesLost: 99 }),
          expect.objectContaining({ screen: HUB_SCREEN, jobCentres: 1, notes: 10, minutesLost: 60 }),
        ]);

        // The next push of W2 lacks the other screen's cell: it disappears; W1 is not in the push, stays.
        const again = push(JC_A.id, [W2], { cells: [cell(JC_A.id, W2, { notes: 8, minutesLost: 40 })] });
        expect((await postPush(hub, again, JC_A.token)).status).toBe(200);
        expect(await hub.hub.ranking(RANGE, 10)).toEqual([
          expect.objectContaining({ screen: HUB_SCREEN, jobCentres: 1, notes: 13, minutesLost: 70 }),
        ]);
        expect(await hub.hub.receipts()).toEqual([
          { jobCentre: JC_A.id, lastPushId: again.pushId, lastPushAt: expect.any(String) },
        ]);
        expect(await hub.hub.sharedNotes(RANGE, 10)).toHaveLength(1);
      });
    });

    it('refuses a cell below k, a foreign job centre and unknown tokens, and stores nothing', async () => {
      await withHub(backend.kind, async (hub) => {
        const belowK = push(JC_A.id, [W2], {
          k: 5,
          cells: [cell(JC_A.id, W2), cell(JC_A.id, W2, { screen: OTHER, notes: 4 })],
        });
        expect(await errorCode(await postPush(hub, belowK, JC_A.token))).toEqual([400, 'below_k']);
        // Below the floor of 3 even when the sender's k says 3: the schema refuses it.
        const floor = push(JC_A.id, [W2], { k: 3, cells: [{ ...cell(JC_A.id, W2), notes: 2 }] });
        expect(await errorCode(await postPush(hub, floor, JC_A.token))).toEqual([400, 'invalid_push']);

        // JC_B's token writing JC_A's rows, as jobCentre or as ids.
        const asA = push(JC_A.id, [W2], { cells: [cell(JC_A.id, W2)] });
        expect(await errorCode(await postPush(hub, asA, JC_B.token))).toEqual([403, 'wrong_job_centre']);
        const foreignIds = push(JC_B.id, [W2], { cells: [cell(JC_A.id, W2)] });
        expect(await errorCode(await postPush(hub, foreignIds, JC_B.token))).toEqual([
          403,
          'wrong_job_centre',
        ]);
        const foreignWithdrawal = push(JC_B.id, [], { withdrawn: [sharedNote(JC_A.id, 'r', W2).id] });
        expect(await errorCode(await postPush(hub, foreignWithdrawal, JC_B.token))).toEqual([
          403,
          'wrong_job_centre',
        ]);

        expect(await errorCode(await postPush(hub, asA, 'not-a-token'))).toEqual([401, 'unauthorized']);
        expect(await errorCode(await postPush(hub, asA, null))).toEqual([401, 'unauthorized']);
        expect(await errorCode(await postPush(hub, { ...asA, extra: 1 }, JC_A.token))).toEqual([
          400,
          'invalid_push',
        ]);
        const tooLarge = await postPush(hub, { ...asA, padding: 'x'.repeat(9 * 1024 * 1024) }, JC_A.token);
        expect(await errorCode(tooLarge)).toEqual([413, 'too_large']);

        expect(await hub.hub.ranking(RANGE, 10)).toEqual([]);
        expect(await hub.hub.receipts()).toEqual([]);
      });
    });

    it('feeds each job centre only its own figures beside the region, and the notices', async () => {
      await withHub(backend.kind, async (hub) => {
        await postPush(
          hub,
          push(JC_A.id, [W2], { cells: [cell(JC_A.id, W2, { notes: 11, minutesLost: 111 })] }),
          JC_A.token,
        );
        await postPush(
          hub,
          push(JC_B.id, [W2], { cells: [cell(JC_B.id, W2, { notes: 7, minutesLost: 70 })] }),
          JC_B.token,
        );
        await postPush(
          hub,
          push(JC_C.id, [W2], {
            k: 3,
            cells: [cell(JC_C.id, W2, { notes: 3, minutesLost: 5 }), cell(JC_C.id, W2, { screen: OTHER })],
          }),
          JC_C.token,
        );
        await postPush(
          hub,
          push(JC_B.id, [W1], { cells: [cell(JC_B.id, W1, { screen: OTHER })] }),
          JC_B.token,
        );
        const notice = await hub.hub.publishNotice(
          { kind: 'workaround', app: HUB_APP, screen: HUB_SCREEN, text: { de: 'Erst Entwurf speichern.' } },
          new Date().toISOString(),
        );

        const response = await getFeed(hub, JC_B.token);
        expect(response.status).toBe(200);
        const text = await response.text();
        const feed = HubFeed.parse(JSON.parse(text));
        expect(feed.weeks).toEqual(WEEKS);
        expect(feed.notices).toEqual([notice]);
        expect(feed.comparison).toEqual([
          {
            app: HUB_APP,
            screen: HUB_SCREEN,
            jobCentresAffected: 3,
            jobCentresTotal: 3,
            ownNotes: 7,
            ownMinutesLost: 70,
            medianNotes: 7,
            medianMinutesLost: 70,
          },
        ]);
        // OTHER troubles two job centres: no median, which with one's own figure would give the other's.
        // Neither the other job centre's id nor its figures are anywhere in the answer.
        expect(text).not.toContain(JC_A.id);
        expect(text).not.toContain('111');

        const next = HubFeed.parse(await (await getFeed(hub, JC_B.token, feed.cursor)).json());
        expect(next.notices).toEqual([]);
        expect(await errorCode(await getFeed(hub, 'nope'))).toEqual([401, 'unauthorized']);
        expect(await errorCode(await getFeed(hub, JC_B.token, 'abc'))).toEqual([400, 'bad_cursor']);
      });
    });

    it('takes no browser feedback as a hub', async () => {
      await withHub(backend.kind, async (hub) => {
        expect(await errorCode(await postJson(hub.endpoint, { schemaVersion: 1, items: [] }))).toEqual([
          409,
          'hub_mode',
        ]);
      });
    });
  });
});

describe('a job centre’s own collector', () => {
  it('answers the hub protocol with not_a_hub', async () => {
    const collector = await startTestCollector();
    try {
      const pushed = await postJson(`${collector.url}/hub/v1/push`, {}, JC_A.token);
      expect(await errorCode(pushed)).toEqual([409, 'not_a_hub']);
      expect(await errorCode(await getFeed(collector, JC_A.token))).toEqual([409, 'not_a_hub']);
    } finally {
      await collector.close();
    }
  });
});
