import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tokenSha256 } from '../../collector/hub/job-centres';
import { HubFeed } from '../../collector/hub/protocol';
import {
  BACKENDS,
  freshPostgresUrl,
  makeTempDir,
  postJson,
  removeTestData,
  warnIfPostgresSkipped,
} from './helpers';
import { cell, JC_A, JC_B, push } from './hub';
import { startCollectorProcess } from './process';

// The hub as operators run it (issue #19): `collector/main.ts` in its own process, configured by the
// environment alone, on each available database; a job centre pushes and reads its feed over loopback.

warnIfPostgresSkipped('hub process');
afterAll(removeTestData);

describe.each(BACKENDS)('collector/main.ts as a hub on $name', (backend) => {
  it.skipIf(!backend.enabled)(
    'serves pushes and the feed, refuses a foreign job centre, stops on SIGTERM',
    async () => {
      const dataDir = await makeTempDir();
      const centresFile = path.join(dataDir, 'job-centres.json');
      await writeFile(
        centresFile,
        JSON.stringify(
          [JC_A, JC_B].map(({ id, name, token }) => ({ id, name, tokenSha256: tokenSha256(token) })),
        ),
      );
      const hub = await startCollectorProcess({
        COLLECTOR_MODE: 'hub',
        COLLECTOR_HUB_JOB_CENTRES_FILE: centresFile,
        COLLECTOR_PORT: '0',
        COLLECTOR_DATA_DIR: dataDir,
        ...(backend.kind === 'postgres' ? { DATABASE_URL: await freshPostgresUrl() } : {}),
      });
      const url = hub.url;
      try {
        const week = '2026-W49';
        const mine = push(JC_A.id, [week], { cells: [cell(JC_A.id, week)] });
        expect((await postJson(`${url}/hub/v1/push`, mine, JC_A.token)).status).toBe(200);
        const foreign = await postJson(`${url}/hub/v1/push`, mine, JC_B.token);
        expect(foreign.status).toBe(403);
        const feed = await fetch(`${url}/hub/v1/feed?since=0`, {
          headers: { Authorization: `Bearer ${JC_A.token}` },
        });
        expect(feed.status).toBe(200);
        expect(HubFeed.safeParse(await feed.json()).success).toBe(true);
        const browser = await postJson(
          `${url}/api/v1/feedback`,
          { schemaVersion: 1, items: [] },
          'any-token',
        );
        expect(browser.status).toBe(409);
      } finally {
        hub.child.kill('SIGTERM');
      }
      expect(await hub.exited).toBe(0);
    },
  );
});
