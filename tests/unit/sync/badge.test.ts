import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { closeDb } from '../../../utils/store/db';
import { addRecord } from '../../../utils/store/records';
import { BADGE_COLORS, badgeFor, refreshBadge } from '../../../utils/sync/badge';
import { INITIAL_SYNC_STATE, isFailing, saveSyncState } from '../../../utils/sync/state';
import { resetDb, testRecord } from '../../support/sync';

beforeEach(resetDb);
afterEach(closeDb);

const { neutral, failing, answers } = BADGE_COLORS;

describe('badgeFor', () => {
  it.each([
    [{ pending: 0, unread: 0, failing: false }, '', neutral],
    [{ pending: 3, unread: 0, failing: false }, '3', neutral],
    [{ pending: 999, unread: 0, failing: false }, '999', neutral],
    [{ pending: 1000, unread: 0, failing: false }, '999+', neutral],
    [{ pending: 3, unread: 0, failing: true }, '3', failing],
    [{ pending: 3, unread: 2, failing: false }, '3', answers],
    [{ pending: 0, unread: 2, failing: false }, '2', answers],
    [{ pending: 3, unread: 2, failing: true }, '3', failing],
  ])('%o → %s %s', (input, text, color) => {
    expect(badgeFor(input)).toEqual({ text, color });
  });
});

describe('isFailing', () => {
  it.each([
    ['idle', 0, false],
    ['ok', 0, false],
    ['no_endpoint', 0, false],
    ['failing', 1, true],
    ['unauthorized', 1, true],
    ['insecure', 0, true],
    ['offline', 2, false],
    ['offline', 3, true],
  ] as const)('%s after %i failures → %s', (lastResult, consecutiveFailures, expected) => {
    expect(isFailing({ lastResult, consecutiveFailures })).toBe(expected);
  });
});

describe('refreshBadge', () => {
  it('shows the pending count, red while unauthorized', async () => {
    await addRecord(testRecord());
    await addRecord(testRecord());
    await saveSyncState({ ...INITIAL_SYNC_STATE, lastResult: 'unauthorized', consecutiveFailures: 1 });
    await refreshBadge();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('2');
    expect(await fakeBrowser.action.getBadgeBackgroundColor({})).toEqual([0xb0, 0x00, 0x20, 255]);
  });

  it('coalesces overlapping calls and ends with the latest numbers', async () => {
    const first = refreshBadge();
    await addRecord(testRecord());
    const second = refreshBadge();
    await Promise.all([first, second]);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');
  });
});
