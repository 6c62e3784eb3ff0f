import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { Text } from '../../utils/schema/text';
import { ConfigError } from '../config';
import { describeFirstIssue } from '../errors';
import { HUB_JOB_CENTRES_MAX, JobCentreId } from './protocol';

// The job centres a hub accepts pushes from (COLLECTOR_HUB_JOB_CENTRES_FILE, docs/hub.md). Only the
// SHA-256 of each token is kept on the hub: a copy of the file or a backup does not let anyone push.

const TokenSha256 = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'expected the SHA-256 of the token as 64 lower-case hex digits');

/** One job centre: its id at the hub (the prefix of every id it sends), its name, its token's hash. */
export const HubJobCentre = z.strictObject({
  id: JobCentreId,
  name: Text(200).trim().min(1),
  tokenSha256: TokenSha256,
});
export type HubJobCentre = z.infer<typeof HubJobCentre>;

/** The file: a JSON list of job centres, ids and token hashes each used once. */
export const HubJobCentresFile = z
  .array(HubJobCentre)
  .min(1, 'expected at least one job centre')
  .max(HUB_JOB_CENTRES_MAX, `expected at most ${HUB_JOB_CENTRES_MAX} job centres`)
  .superRefine((list, ctx) => {
    for (const key of ['id', 'tokenSha256'] as const) {
      const seen = new Set<string>();
      list.forEach((entry, index) => {
        if (seen.has(entry[key])) {
          ctx.addIssue({ code: 'custom', path: [index, key], message: `${key} used twice` });
        }
        seen.add(entry[key]);
      });
    }
  });

/** The SHA-256 of a token as the file stores it. */
export function tokenSha256(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A new random token for a job centre (256 bits, URL-safe). */
export function newHubToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Reads and checks the job centres file; a ConfigError names the file and the first problem. */
export function loadJobCentresFile(file: string): HubJobCentre[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError([`${file}: cannot read JSON (${(error as Error).message})`]);
  }
  const result = HubJobCentresFile.safeParse(parsed);
  if (!result.success) throw new ConfigError([`${file}: ${describeFirstIssue(result.error)}`]);
  return result.data;
}

/** The job centres of a hub, looked up by a presented token. */
export class JobCentreDirectory {
  readonly #entries: { centre: HubJobCentre; hash: Buffer }[];

  constructor(centres: readonly HubJobCentre[]) {
    this.#entries = centres.map((centre) => ({ centre, hash: Buffer.from(centre.tokenSha256, 'hex') }));
  }

  /** How many job centres may push (the "of 25" in "in 14 of 25 job centres"). */
  get size(): number {
    return this.#entries.length;
  }

  /** Every job centre, in the file's order. */
  list(): readonly HubJobCentre[] {
    return this.#entries.map((entry) => entry.centre);
  }

  /** The job centre a token belongs to, or null; every entry is compared, in constant time each. */
  byToken(token: string | null): HubJobCentre | null {
    if (token === null) return null;
    const presented = createHash('sha256').update(token, 'utf8').digest();
    let found: HubJobCentre | null = null;
    for (const entry of this.#entries) {
      if (timingSafeEqual(entry.hash, presented)) found = entry.centre;
    }
    return found;
  }
}
