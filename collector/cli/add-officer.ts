// Adds an officer account for the dashboard to the collector's database; the password comes from
// standard input. `tsx collector/cli/add-officer.ts --data-dir ./data --user a.mueller [--replace]`
import { hashPassword, OfficerUser, PASSWORD_MIN_LENGTH } from '../officers';
import { openOfficerStore, parseCommand, readPassword, run, UsageError } from './common';

const USAGE = `Usage: tsx collector/cli/add-officer.ts [--data-dir DIR | --database-url URL] --user NAME [--replace]
  Reads the password (at least ${PASSWORD_MIN_LENGTH} characters) from standard input.
  --replace  set a new password for an existing account (ends its sessions)
  Exit codes: 0 added, 1 failed or the account exists (without --replace), 2 usage error.`;

run(async () => {
  const { values } = parseCommand(process.argv.slice(2), {
    user: { type: 'string' },
    replace: { type: 'boolean' },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const user = OfficerUser.safeParse(values.user);
  if (!user.success) throw new UsageError(`--user: ${user.error.issues[0]?.message ?? 'required'}`);
  const password = await readPassword(`Password for ${user.data}: `);
  if (password.length < PASSWORD_MIN_LENGTH) {
    throw new UsageError(`the password must have at least ${PASSWORD_MIN_LENGTH} characters`);
  }
  const passwordHash = await hashPassword(password);
  const { store, where } = await openOfficerStore(values);
  try {
    const changed = await store.putOfficer(
      { user: user.data, passwordHash },
      values.replace === true,
      new Date().toISOString(),
    );
    if (!changed) {
      console.error(`officer "${user.data}" exists in ${where}; use --replace to set a new password`);
      return 1;
    }
    console.log(`officer "${user.data}" ${values.replace ? 'saved' : 'added'} (${where})`);
    return 0;
  } finally {
    await store.close();
  }
}, USAGE);
