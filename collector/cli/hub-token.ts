// Makes a job centre's hub token: prints the token (hand it to the job centre's officer, once) and the
// entry for COLLECTOR_HUB_JOB_CENTRES_FILE, which holds only the token's SHA-256 (docs/hub.md).
// `tsx collector/cli/hub-token.ts jc-region-hannover "Jobcenter Region Hannover"`
import { HubJobCentre, newHubToken, tokenSha256 } from '../hub/job-centres';
import { run, UsageError } from './common';

const USAGE = 'Usage: tsx collector/cli/hub-token.ts <job-centre-id> "<name>"';

run(async () => {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  if (args.length !== 2) throw new UsageError('expected a job centre id and a name');
  const token = newHubToken();
  const entry = HubJobCentre.safeParse({ id: args[0], name: args[1], tokenSha256: tokenSha256(token) });
  if (!entry.success) throw new UsageError(entry.error.issues[0]?.message ?? 'invalid');
  console.log(`Token for the job centre (shown once): ${token}`);
  console.log(`Entry for the job centres file: ${JSON.stringify(entry.data)}`);
  return 0;
}, USAGE);
