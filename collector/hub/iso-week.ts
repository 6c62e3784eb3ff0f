// ISO 8601 weeks on the Europe/Berlin calendar (protocol.ts `IsoWeek`): a note written on Monday 00:30
// in Berlin belongs to the new week although it is still Sunday in UTC.

const berlinDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Berlin',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The ISO week (`2026-W49`) of a calendar day given as UTC midnight of that day. */
function weekOfDay(day: Date): string {
  const date = new Date(day);
  // The Thursday of the same week decides its year (ISO 8601).
  const weekday = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((date.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${date.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** The ISO week an instant falls in, in Berlin. */
export function isoWeekOf(instant: Date): string {
  return weekOfDay(new Date(`${berlinDay.format(instant)}T00:00:00Z`));
}

/** The Monday (UTC midnight) of an ISO week. */
export function mondayOf(week: string): Date {
  const [year, number] = week.split('-W').map(Number) as [number, number];
  // 4 January is always in week 1.
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const monday = new Date(jan4);
  monday.setUTCDate(jan4.getUTCDate() - ((jan4.getUTCDay() || 7) - 1) + (number - 1) * 7);
  return monday;
}

/** The `count` complete ISO weeks before the one `now` falls in, oldest first. */
export function lastCompleteWeeks(now: Date, count: number): string[] {
  const monday = mondayOf(isoWeekOf(now));
  const weeks: string[] = [];
  for (let back = count; back >= 1; back--) {
    weeks.push(weekOfDay(new Date(monday.getTime() - back * 7 * 86_400_000)));
  }
  return weeks;
}
