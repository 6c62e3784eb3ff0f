import type { IsoWeek } from './protocol';

// ISO weeks on the Europe/Berlin calendar (issue #19, protocol.ts `IsoWeek`): a note made on Monday 00:30
// in Berlin belongs to the new week although it is still Sunday in UTC. Berlin's offset from UTC is always
// whole hours, so the UTC hour of a moment fixes its Berlin week — the store groups by UTC hour for that
// reason. One module for both ends of the protocol, so a collector's push and the hub's feed and
// dashboard never disagree on which week a moment is in.

const TIME_ZONE = 'Europe/Berlin';
const DAY_MS = 86_400_000;

/**
 * Complete ISO weeks before the current one that every push covers again. Eight: a note waits in an
 * outbox for days at most, an officer marks duplicates within a few weeks, and re-sending these weeks
 * makes the hub follow both (see docs/hub.md, "Delivery").
 */
export const COMPLETE_WEEKS_COVERED = 8;

const berlinDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  hourCycle: 'h23',
});

/** The Berlin calendar day (YYYY-MM-DD) and hour of an instant. */
function berlinParts(at: Date): { day: string; hour: number } {
  const parts = Object.fromEntries(berlinDate.formatToParts(at).map((part) => [part.type, part.value]));
  return { day: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
}

/** The ISO week of a calendar day (YYYY-MM-DD), computed on UTC dates to avoid any local clock. */
export function isoWeekOfDay(day: string): IsoWeek {
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  // The Thursday of the same week decides the year (ISO 8601).
  const thursday = new Date(date.getTime() + (3 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  const firstMonday = firstThursday.getTime() - ((firstThursday.getUTCDay() + 6) % 7) * DAY_MS;
  const week = Math.floor((thursday.getTime() - firstMonday) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The Berlin ISO week of an instant (ISO 8601 text or Date). */
export function berlinWeek(at: string | Date): IsoWeek {
  return isoWeekOfDay(berlinParts(typeof at === 'string' ? new Date(at) : at).day);
}

/** The Monday (YYYY-MM-DD) that starts an ISO week. */
export function mondayOf(week: IsoWeek): string {
  const [year, number] = week.split('-W').map(Number) as [number, number];
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  const firstMonday = firstThursday.getTime() - ((firstThursday.getUTCDay() + 6) % 7) * DAY_MS;
  return new Date(firstMonday + (number - 1) * 7 * DAY_MS).toISOString().slice(0, 10);
}

/** The UTC instant of midnight starting a Berlin calendar day (+01:00 in winter, +02:00 in summer). */
export function berlinMidnight(day: string): Date {
  for (const offsetHours of [1, 2]) {
    const candidate = new Date(Date.parse(`${day}T00:00:00Z`) - offsetHours * 3_600_000);
    const parts = berlinParts(candidate);
    if (parts.day === day && parts.hour === 0) return candidate;
  }
  throw new Error(`no Berlin midnight found for ${day}`);
}

/** The weeks a push made at `now` covers, oldest first: COMPLETE_WEEKS_COVERED complete ones and the current. */
export function coveredWeeks(now: Date, complete = COMPLETE_WEEKS_COVERED): IsoWeek[] {
  const current = mondayOf(berlinWeek(now));
  const weeks: IsoWeek[] = [];
  for (let back = complete; back >= 0; back -= 1) {
    const monday = new Date(Date.parse(`${current}T00:00:00Z`) - back * 7 * DAY_MS);
    weeks.push(isoWeekOfDay(monday.toISOString().slice(0, 10)));
  }
  return weeks;
}

/** The `count` complete ISO weeks before the one `now` falls in, oldest first (the hub's feed and dashboard). */
export function lastCompleteWeeks(now: Date, count: number): IsoWeek[] {
  return coveredWeeks(now, count).slice(0, -1);
}

/** The UTC window [from, to) of a run of consecutive weeks, oldest first. */
export function weeksWindow(weeks: readonly IsoWeek[]): { from: string; to: string } {
  const first = weeks[0];
  const last = weeks.at(-1);
  if (!first || !last) throw new Error('no weeks');
  const after = new Date(Date.parse(`${mondayOf(last)}T00:00:00Z`) + 7 * DAY_MS).toISOString().slice(0, 10);
  return {
    from: berlinMidnight(mondayOf(first)).toISOString(),
    to: berlinMidnight(after).toISOString(),
  };
}
