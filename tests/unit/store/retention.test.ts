import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDb, getDb } from '../../../utils/store/db';
import { DAY_MS, isExpired, pruneSent } from '../../../utils/store/retention';
import { resetDb, seed } from '../../support/outbox';

beforeEach(resetDb);
afterEach(closeDb);

const NOW = Date.UTC(2026, 10, 25, 12);
const daysAgo = (days: number) => NOW - days * DAY_MS;
const remaining = async () => (await (await getDb()).getAll('records')).map((e) => e.record.note).sort();

describe('pruneSent', () => {
  it('deletes sent records older than the retention period and keeps pending and failed ones of any age', async () => {
    await seed([
      { createdAt: daysAgo(60), status: 'sent', sentAt: daysAgo(59), note: 'sent-59' },
      { createdAt: daysAgo(40), status: 'sent', sentAt: daysAgo(31), note: 'sent-31' },
      { createdAt: daysAgo(40), status: 'sent', sentAt: daysAgo(29), note: 'sent-29' },
      { createdAt: daysAgo(2), status: 'sent', sentAt: daysAgo(1), note: 'sent-1' },
      { createdAt: daysAgo(400), status: 'pending', note: 'pending-400' },
      { createdAt: daysAgo(400), status: 'failed', note: 'failed-400' },
    ]);
    expect(await pruneSent(30, NOW)).toBe(2);
    expect(await remaining()).toEqual(['failed-400', 'pending-400', 'sent-1', 'sent-29']);
    // Running it again changes nothing.
    expect(await pruneSent(30, NOW)).toBe(0);
  });

  it('counts from delivery, not creation: a record that waited long offline gets the full period', async () => {
    await seed([{ createdAt: daysAgo(100), status: 'sent', sentAt: daysAgo(3), note: 'late' }]);
    expect(await pruneSent(30, NOW)).toBe(0);
  });

  it('keeps a record whose answer is unread, and counts a later answer as activity', async () => {
    const officer = (days: number, read: boolean) => ({
      status: 'solved' as const,
      reply: 'Behoben.',
      updatedAt: new Date(daysAgo(days)).toISOString(),
      read,
    });
    await seed([
      {
        createdAt: daysAgo(90),
        status: 'sent',
        sentAt: daysAgo(89),
        note: 'unread',
        officer: officer(80, false),
      },
      {
        createdAt: daysAgo(90),
        status: 'sent',
        sentAt: daysAgo(89),
        note: 'fresh-answer',
        officer: officer(5, true),
      },
      {
        createdAt: daysAgo(90),
        status: 'sent',
        sentAt: daysAgo(89),
        note: 'old-answer',
        officer: officer(40, true),
      },
    ]);
    expect(await pruneSent(30, NOW)).toBe(1);
    expect(await remaining()).toEqual(['fresh-answer', 'unread']);
  });

  it('works through more records than one chunk, across chunk boundaries with equal times', async () => {
    const old = Array.from({ length: 1203 }, (_, i) => ({
      createdAt: daysAgo(50) + (i % 7),
      status: 'sent' as const,
      sentAt: daysAgo(45),
    }));
    const kept = Array.from({ length: 5 }, () => ({
      createdAt: daysAgo(50),
      status: 'sent' as const,
      sentAt: daysAgo(2),
    }));
    await seed([...old, ...kept]);
    expect(await pruneSent(30, NOW)).toBe(1203);
    expect(await (await getDb()).count('records')).toBe(5);
  });

  it('treats a nonsensical period as one day rather than deleting everything', async () => {
    await seed([{ createdAt: daysAgo(0.5), status: 'sent', sentAt: NOW - 1000, note: 'today' }]);
    expect(await pruneSent(0, NOW)).toBe(0);
    expect(await pruneSent(Number.NaN, NOW)).toBe(0);
  });
});

describe('isExpired', () => {
  it('never expires pending or failed records', async () => {
    const [pending, failed] = await seed([
      { createdAt: 0, status: 'pending' },
      { createdAt: 0, status: 'failed' },
    ]);
    expect(isExpired(pending as never, NOW)).toBe(false);
    expect(isExpired(failed as never, NOW)).toBe(false);
  });
});
