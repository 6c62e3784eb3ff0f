import { browser } from 'wxt/browser';
import { pendingCount } from '../store/queue';
import { getSyncState, isFailing } from './state';
import { unreadAnswerCount } from './status';

/** Badge colours: neutral (the extension's blue), failing (red), unread officer answers (green). */
export const BADGE_COLORS = {
  neutral: '#005ea8',
  failing: '#b00020',
  answers: '#1b7f3b',
} as const;

export interface BadgeInput {
  pending: number;
  unread: number;
  failing: boolean;
}

/**
 * Text and colour of the toolbar badge. The number is the records still waiting (or, when none wait,
 * the unread answers); the colour says what needs attention, failing before answers.
 */
export function badgeFor({ pending, unread, failing }: BadgeInput): { text: string; color: string } {
  const shown = pending > 0 ? pending : unread;
  const text = shown <= 0 ? '' : shown > 999 ? '999+' : String(shown);
  const color = failing ? BADGE_COLORS.failing : unread > 0 ? BADGE_COLORS.answers : BADGE_COLORS.neutral;
  return { text, color };
}

let painting: Promise<void> | undefined;
let dirty = false;

/**
 * Repaints the badge from the stores. Calls while a repaint runs are coalesced into one more repaint,
 * so a burst of new records costs two counts, not one per record.
 */
export function refreshBadge(): Promise<void> {
  if (painting) {
    dirty = true;
    return painting;
  }
  painting = (async () => {
    do {
      dirty = false;
      await paint();
    } while (dirty);
  })().finally(() => {
    painting = undefined;
  });
  return painting;
}

async function paint(): Promise<void> {
  try {
    const [pending, unread, state] = await Promise.all([pendingCount(), unreadAnswerCount(), getSyncState()]);
    const { text, color } = badgeFor({ pending, unread, failing: isFailing(state) });
    await Promise.all([
      browser.action.setBadgeText({ text }),
      browser.action.setBadgeBackgroundColor({ color }),
    ]);
  } catch {
    // The badge is a hint; a closed database during shutdown or a browser without badges must not
    // turn a sync pass into a failure.
  }
}
