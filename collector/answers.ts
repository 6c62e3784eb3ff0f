import { timingSafeEqual } from 'node:crypto';
import { answerHash } from './store/record-row';
import type { Store } from './store/types';

/**
 * Which of the asked ids the caller may hear officer answers about (issue #14, item 5). The ingest
 * token is shared by every installation and record ids show in the dashboard and in vendor exports,
 * so an id alone proves nothing: a record stored with an answer secret is answered only to whoever
 * presents that secret — the installation that made it. Records stored without one (sent by
 * extensions before record version 2) are answered on the id, as before. Ids the collector does not
 * hold pass through; there is nothing to answer about them.
 */
export async function answerableIds(
  store: Pick<Store, 'answerHashes'>,
  ids: readonly string[],
  secrets: Readonly<Record<string, string>>,
): Promise<string[]> {
  const hashes = await store.answerHashes(ids);
  return ids.filter((id) => {
    const stored = hashes.get(id);
    if (stored === undefined || stored === null) return true;
    const secret = secrets[id];
    return secret !== undefined && sameHex(answerHash(secret), stored);
  });
}

function sameHex(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}
