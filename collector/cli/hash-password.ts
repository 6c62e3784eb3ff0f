// Prints the scrypt hash of a password read from standard input, for COLLECTOR_OFFICERS_FILE.
// `tsx collector/cli/hash-password.ts` then paste the line into { "officers": [{ "user", "passwordHash" }] }.
import { hashPassword, PASSWORD_MIN_LENGTH } from '../officers';
import { readPassword, run, UsageError } from './common';

const USAGE = `Usage: tsx collector/cli/hash-password.ts  (password on standard input, at least ${PASSWORD_MIN_LENGTH} characters)`;

run(async () => {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const password = await readPassword('Password: ');
  if (password.length < PASSWORD_MIN_LENGTH) {
    throw new UsageError(`the password must have at least ${PASSWORD_MIN_LENGTH} characters`);
  }
  console.log(await hashPassword(password));
  return 0;
}, USAGE);
