import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from './config';
import type { DashboardStore } from './store/dashboard-types';

// scrypt with N = 2^15, r = 8 (OWASP's recommended minimum): ~32 MiB and ~100 ms per check here.
const COST = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
// Node refuses above 32 MiB by default; 128·N·r is exactly 32 MiB, plus working room.
const maxmem = (N: number, r: number, p: number) => 128 * N * r * p + 16 * 1024 * 1024;

/** Officer user names: what people type, without spaces; compared as given. */
export const OfficerUser = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/,
    'letters, digits and . _ @ - (1–64, starting with a letter or digit)',
  );

/** A stored hash: `scrypt$N$r$p$<salt base64>$<key base64>`. */
export const PasswordHash = z
  .string()
  .regex(
    /^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/]+={0,2}\$[A-Za-z0-9+/]+={0,2}$/,
    'expected scrypt$N$r$p$salt$key',
  );

/** Shortest password the CLI accepts. */
export const PASSWORD_MIN_LENGTH = 12;

function derive(
  password: string,
  salt: Buffer,
  N: number,
  r: number,
  p: number,
  length: number,
): Promise<Buffer> {
  const options: ScryptOptions = { N, r, p, maxmem: maxmem(N, r, p) };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, length, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** Hashes a password for the officers file or the database (asynchronous: it takes ~100 ms of CPU). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, COST.N, COST.r, COST.p, KEY_LENGTH);
  return `scrypt$${COST.N}$${COST.r}$${COST.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Whether `password` matches `hash`; false for a malformed hash. Constant-time in the comparison. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  const parts = hash.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  // Bounds keep a hostile hash (in a file an attacker could edit) from pinning the CPU or memory.
  if (!(N >= 2 && N <= 2 ** 20 && (N & (N - 1)) === 0 && r >= 1 && r <= 32 && p >= 1 && p <= 16))
    return false;
  const salt = Buffer.from(parts[4] as string, 'base64');
  const expected = Buffer.from(parts[5] as string, 'base64');
  if (expected.length < 16) return false;
  const actual = await derive(password, salt, N, r, p, expected.length);
  return timingSafeEqual(actual, expected);
}

// Checked for unknown user names, so a wrong name costs as long as a wrong password and the timing
// does not reveal which officer accounts exist.
let dummyHash: Promise<string> | undefined;

/** The officers file: `{ "officers": [{ "user": "…", "passwordHash": "scrypt$…" }] }`. */
export const OfficersFile = z.strictObject({
  officers: z.array(z.strictObject({ user: OfficerUser, passwordHash: PasswordHash })).max(1000),
});

/** Reads and validates the officers file; problems are reported like any other configuration error. */
export function loadOfficersFile(file: string): Map<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError([
      `COLLECTOR_OFFICERS_FILE ${file}: cannot read JSON (${(error as Error).message})`,
    ]);
  }
  const result = OfficersFile.safeParse(parsed);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map(
        (issue) => `COLLECTOR_OFFICERS_FILE ${file}: ${issue.path.join('.') || '(top)'}: ${issue.message}`,
      ),
    );
  }
  const officers = new Map<string, string>();
  for (const officer of result.data.officers) {
    if (officers.has(officer.user)) {
      throw new ConfigError([`COLLECTOR_OFFICERS_FILE ${file}: officer "${officer.user}" is listed twice`]);
    }
    officers.set(officer.user, officer.passwordHash);
  }
  return officers;
}

/**
 * Officer accounts from two places: the officers file (read at start) and the database (added with
 * `collector/cli/add-officer.ts`). An account in the file wins over one of the same name in the database.
 */
export class OfficerDirectory {
  constructor(
    private readonly fromFile: ReadonlyMap<string, string>,
    private readonly store: DashboardStore,
  ) {}

  /** The user name when the password is right, else null; takes about as long either way. */
  async authenticate(user: string, password: string): Promise<string | null> {
    const hash = OfficerUser.safeParse(user).success
      ? (this.fromFile.get(user) ?? (await this.store.findOfficer(user))?.passwordHash)
      : undefined;
    if (hash === undefined) {
      dummyHash ??= hashPassword('no such officer');
      await verifyPassword(password, await dummyHash);
      return null;
    }
    return (await verifyPassword(password, hash)) ? user : null;
  }

  /** Whether the account still exists (a removed officer's session must stop working). */
  async exists(user: string): Promise<boolean> {
    return this.fromFile.has(user) || (await this.store.findOfficer(user)) !== null;
  }
}
