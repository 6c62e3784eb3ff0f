import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../collector/config';
import { JobCentreDirectory, loadJobCentresFile, tokenSha256 } from '../../collector/hub/job-centres';
import { configProblems, makeTempDir, removeTempDirs, startTestCollector } from './helpers';
import { JC_A, JC_B } from './hub';

// The hub's job centres file (issue #19): checked with zod at start, a clear message naming the file
// and the first problem; tokens looked up by their SHA-256 only.

afterAll(removeTempDirs);

const entry = (centre: typeof JC_A) => ({
  id: centre.id,
  name: centre.name,
  tokenSha256: tokenSha256(centre.token),
});

async function fileWith(content: string): Promise<string> {
  const file = path.join(await makeTempDir(), 'job-centres.json');
  await writeFile(file, content);
  return file;
}

describe('the job centres file', () => {
  it('finds a job centre by its token, and no other', async () => {
    const directory = new JobCentreDirectory(
      loadJobCentresFile(await fileWith(JSON.stringify([entry(JC_A), entry(JC_B)]))),
    );
    expect(directory.size).toBe(2);
    expect(directory.byToken(JC_B.token)?.id).toBe(JC_B.id);
    expect(directory.byToken('guess')).toBeNull();
    expect(directory.byToken(null)).toBeNull();
  });

  it.each([
    ['not JSON', '{', /cannot read JSON/],
    ['an empty list', '[]', /expected at least one job centre/],
    [
      'a token instead of its hash',
      JSON.stringify([{ ...entry(JC_A), tokenSha256: JC_A.token }]),
      /\[0\]\.tokenSha256: expected the SHA-256/,
    ],
    [
      'an id with capitals',
      JSON.stringify([{ ...entry(JC_A), id: 'JC-Hannover' }]),
      /\[0\]\.id: job centre id/,
    ],
    [
      'an id twice',
      JSON.stringify([entry(JC_A), { ...entry(JC_B), id: JC_A.id }]),
      /\[1\]\.id: id used twice/,
    ],
    [
      'a token twice',
      JSON.stringify([entry(JC_A), { ...entry(JC_B), tokenSha256: entry(JC_A).tokenSha256 }]),
      /tokenSha256 used twice/,
    ],
    ['an unknown field', JSON.stringify([{ ...entry(JC_A), token: JC_A.token }]), /Unrecognized key/],
  ])('refuses %s with the file named', async (_, content, message) => {
    const file = await fileWith(content);
    const found = configProblems(() => loadJobCentresFile(file));
    expect(found).toEqual([expect.stringMatching(message)]);
    expect(found[0]?.startsWith(file)).toBe(true);
  });

  it('stops a hub from starting on a bad file', async () => {
    const file = await fileWith('[]');
    await expect(startTestCollector({ mode: 'hub', hubJobCentresFile: file })).rejects.toThrow(ConfigError);
  });
});
