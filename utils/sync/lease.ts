import { z } from 'zod';
import { getDb } from '../store/db';

/**
 * The send lease: at most one context (service worker, or an extension page that calls sync) sends at a
 * time. Stored in meta and taken in a readwrite transaction, which IndexedDB serialises, so two contexts
 * cannot both see it free. It carries an expiry instead of relying on release: a worker killed
 * mid-request never releases, and its records must go out again after the lease runs out (the
 * collector deduplicates by record id, so the resend is harmless).
 */
export const Lease = z.object({ owner: z.string(), until: z.number() });
export type Lease = z.infer<typeof Lease>;

/** Meta key of the lease; other readers (the outbox detail view) import it rather than repeat it. */
export const LEASE_KEY = 'sync:lease';

/**
 * Takes or extends the lease for `owner` until `until`, unless someone else holds an unexpired one.
 * Returns the lease that holds afterwards; it is ours when `lease.owner === owner`.
 */
export async function acquireLease(owner: string, until: number, now = Date.now()): Promise<Lease> {
  const db = await getDb();
  const tx = db.transaction('meta', 'readwrite');
  const current = Lease.safeParse(await tx.store.get(LEASE_KEY));
  if (current.success && current.data.owner !== owner && current.data.until > now) {
    await tx.done;
    return current.data;
  }
  const lease = { owner, until };
  await tx.store.put(lease, LEASE_KEY);
  await tx.done;
  return lease;
}

/** Gives the lease up if we still hold it (a lease taken over after expiry is left alone). */
export async function releaseLease(owner: string): Promise<void> {
  const db = await getDb();
  const tx = db.transaction('meta', 'readwrite');
  const current = Lease.safeParse(await tx.store.get(LEASE_KEY));
  if (current.success && current.data.owner === owner) await tx.store.delete(LEASE_KEY);
  await tx.done;
}

export async function readLease(): Promise<Lease | undefined> {
  const parsed = Lease.safeParse(await (await getDb()).get('meta', LEASE_KEY));
  return parsed.success ? parsed.data : undefined;
}
