import type { Reporter } from '../../utils/schema/record';
import type { Settings } from '../../utils/schema/settings';
import { getDb } from '../../utils/store/db';

const PSEUDONYM_KEY = 'reporter:pseudonym';

/**
 * Who reported, as the organisation configured it. Default: nobody. The pseudonym is a random
 * install id (not derived from anything about the user) created the first time it is needed.
 */
export async function currentReporter(
  settings: Pick<Settings, 'reporterMode' | 'unitLabel'>,
): Promise<Reporter> {
  if (settings.reporterMode === 'unit' && settings.unitLabel)
    return { mode: 'unit', unit: settings.unitLabel };
  if (settings.reporterMode === 'pseudonym') {
    const db = await getDb();
    let pseudonym = await db.get('meta', PSEUDONYM_KEY);
    if (typeof pseudonym !== 'string') {
      pseudonym = crypto.randomUUID().replaceAll('-', '');
      await db.put('meta', pseudonym, PSEUDONYM_KEY);
    }
    return { mode: 'pseudonym', pseudonym: pseudonym as string };
  }
  return { mode: 'none' };
}
