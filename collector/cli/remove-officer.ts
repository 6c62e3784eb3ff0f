// Removes an officer account from the database and ends its sessions.
// `tsx collector/cli/remove-officer.ts --data-dir ./data --user a.mueller`
import { openOfficerStore, parseCommand, run, UsageError } from './common';

const USAGE = `Usage: tsx collector/cli/remove-officer.ts [--data-dir DIR | --database-url URL] --user NAME
  Exit codes: 0 removed, 1 no such account in the database, 2 usage error.
  Accounts in COLLECTOR_OFFICERS_FILE are removed by editing that file and restarting.`;

run(async () => {
  const { values } = parseCommand(process.argv.slice(2), { user: { type: 'string' } });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.user) throw new UsageError('--user is required');
  const { store, where } = await openOfficerStore(values);
  try {
    if (!(await store.removeOfficer(values.user))) {
      console.error(`no officer "${values.user}" in ${where}`);
      return 1;
    }
    console.log(`officer "${values.user}" removed (${where})`);
    return 0;
  } finally {
    await store.close();
  }
}, USAGE);
