import { afterAll, describe, expect, it } from 'vitest';
import { HubFeed } from '../../../collector/hub/protocol';
import { lastCompleteWeeks, mondayOf } from '../../../collector/hub/weeks';
import type { FeedbackRecord } from '../../../utils/schema/record';
import { OfficerClient, PASSWORD, startOn } from '../dashboard/officer';
import { BATCH, removeTestData } from '../helpers';
import { cell, getFeed, JC_A, JC_B, JC_C, postPush, push, screenNotes, startTestHub } from '../hub';

// Who sees whose figures (issue #19): a job centre sees its own figures beside the region's median,
// and the other job centres' figures only when the hub's operators switched them on
// (COLLECTOR_HUB_SHOW_JOB_CENTRES). Both values, from the hub's feed to the job centre's note page:
// A and C push to the hub directly, B is a real job centre's collector that pushes and reads the feed.

afterAll(removeTestData);

const APP = 'VerBIS';
const SCREEN = '/kunde/:id';
// Wednesday noon of the last complete week: inside the feed's compared weeks and the push's.
const WEEK = lastCompleteWeeks(new Date(), 1)[0] as string;
const CREATED = new Date(Date.parse(`${mondayOf(WEEK)}T11:00:00Z`) + 2 * 86_400_000);

function notes(n: number): FeedbackRecord[] {
  return screenNotes(n, SCREEN, CREATED);
}

describe.each([
  { show: false, name: 'a hub that does not show job centres' },
  { show: true, name: 'a hub with COLLECTOR_HUB_SHOW_JOB_CENTRES=1' },
])('a job centre of $name', ({ show }) => {
  it(
    show ? 'sees each job centre’s figures, its own marked' : 'sees only its own figures and the median',
    async () => {
      const hub = await startTestHub('sqlite', { hubShowJobCentres: show });
      const b = await startOn('sqlite', { shareMinNotes: 5, shareRetryMs: 100 });
      try {
        for (const [centre, figures] of [
          [JC_A, { notes: 11, minutesLost: 111 }],
          [JC_C, { notes: 7, minutesLost: 77 }],
        ] as const) {
          const sent = await postPush(
            hub,
            push(centre.id, [WEEK], {
              cells: [cell(centre.id, WEEK, { app: APP, screen: SCREEN, ...figures })],
            }),
            centre.token,
          );
          expect(sent.status).toBe(200);
        }
        const records = notes(6);
        await b.store.ingest(records, BATCH);
        await b.sharing.store.saveSettings(
          { enabled: true, hubUrl: hub.url, jobCentre: JC_B.id, token: JC_B.token },
          'anna',
          new Date().toISOString(),
        );
        await b.sharing.delivery.pushNow();
        // The feed is read after a complete push: B's comparison holds the screen once all three are in.
        await expect
          .poll(async () => (await b.sharing.store.feed())?.comparison.length ?? 0, { timeout: 15_000 })
          .toBe(1);

        // On the wire: the feed as the hub sends it to B.
        const feed = HubFeed.parse(await (await getFeed(hub, JC_B.token)).json());
        const mine = { app: APP, screen: SCREEN, jobCentresAffected: 3, ownNotes: 6, ownMinutesLost: 24 };
        if (show) {
          expect(feed.comparison).toEqual([
            expect.objectContaining({
              ...mine,
              jobCentres: [
                { jobCentre: JC_A.id, name: JC_A.name, notes: 11, minutesLost: 111 },
                { jobCentre: JC_C.id, name: JC_C.name, notes: 7, minutesLost: 77 },
                { jobCentre: JC_B.id, name: JC_B.name, notes: 6, minutesLost: 24 },
              ],
            }),
          ]);
        } else {
          expect(feed.comparison).toEqual([expect.objectContaining(mine)]);
          expect(feed.comparison[0]).not.toHaveProperty('jobCentres');
        }

        // On B's dashboard, beside the note: its own figures and the median always; the others' only if shown.
        const officer = new OfficerClient(b.url, { 'Accept-Language': 'de' });
        expect((await officer.signIn('anna', PASSWORD)).status).toBe(303);
        const page = await officer.page(`/dashboard/records/${(records[0] as FeedbackRecord).id}`);
        expect(page).toContain('Brennpunkt in 3 von 3 Jobcentern');
        expect(page).toMatch(/<tr><td>6<\/td><td>7<\/td><td>24<\/td><td>77<\/td><\/tr>/);
        if (show) {
          expect(page).toContain('Die Jobcenter einzeln');
          expect(page).toMatch(
            new RegExp(`<th scope="row">${JC_A.name}</th><td class="num">11</td><td class="num">111</td>`),
          );
          expect(page).toContain(`${JC_C.name}</th><td class="num">7</td><td class="num">77</td>`);
          expect(page).toContain(
            `<tr class="own"><th scope="row">${JC_B.name} <small>(eigenes)</small></th>`,
          );
        } else {
          expect(page).not.toContain('Die Jobcenter einzeln');
          expect(page).not.toContain(JC_A.name);
          expect(page).not.toContain('111');
        }
      } finally {
        await b.close();
        await hub.close();
      }
    },
  );
});
