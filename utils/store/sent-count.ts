/**
 * The number of sent records, kept in the `counters` store so the popup reads one key instead of
 * walking every sent record (0.5–2 s with 40,000, see countSent). Every transaction that moves a record
 * into or out of status `sent` adjusts it in the same transaction, so it is exact whenever it exists.
 *
 * Its own store, not `meta`: marking delivered records (deliveries.ts) writes in many small transactions while the
 * sender settles batches and holds the lease through `meta`; sharing that scope would make the
 * delivery path wait behind every marking chunk, which the journal exists to avoid.
 */

/** Key of the sent count in `counters`. */
export const SENT_KEY = 'sent';

/**
 * What `counters` holds under SENT_KEY while the count is unknown (never written, or found damaged):
 * how many changes writers saw meanwhile. A repair walk writes its result only if this did not move
 * during the walk, so a record sent or deleted mid-walk never leaves the count off for good.
 */
export interface UnknownCount {
  changes: number;
}

/** The stored count, or undefined when it is missing or not a plausible count. */
export function validCount(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

/** Changes seen since the count became unknown (0 when nothing is stored). */
export function unknownChanges(value: unknown): number {
  const changes = (value as Partial<UnknownCount> | null | undefined)?.changes;
  return typeof changes === 'number' && Number.isSafeInteger(changes) ? changes : 0;
}

/** The minimal store surface: idb's typed stores differ per transaction scope, this does not. */
export interface CounterStore {
  get(key: string): Promise<unknown>;
  put(value: unknown, key: string): Promise<unknown>;
}

/**
 * Adds `delta` (sent records gained, negative for lost) to the count, inside the caller's readwrite
 * transaction over `counters`. An unknown count stays unknown; the change is noted so a repair walk
 * running meanwhile discards its result.
 */
export async function adjustSent(store: CounterStore, delta: number): Promise<void> {
  if (delta === 0) return;
  const stored = await store.get(SENT_KEY);
  const count = validCount(stored);
  // Below zero means the count was wrong already: forget it, so the next read walks and repairs it.
  const next = count === undefined ? undefined : count + delta;
  if (next === undefined || next < 0) {
    await store.put({ changes: unknownChanges(stored) + 1 } satisfies UnknownCount, SENT_KEY);
    return;
  }
  await store.put(next, SENT_KEY);
}
