/** Officers work in German offices: dates are shown and entered in this zone. */
export const DISPLAY_TIME_ZONE = 'Europe/Berlin';

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: DISPLAY_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function zoned(instant: Date): Record<'year' | 'month' | 'day' | 'hour' | 'minute', string> {
  const out = { year: '', month: '', day: '', hour: '', minute: '' };
  for (const part of parts.formatToParts(instant)) {
    if (part.type in out) out[part.type as keyof typeof out] = part.value;
  }
  return out;
}

/** `dd.mm.yyyy hh:mm` in German local time, the format German Excel reads as a date. */
export function formatDateTime(iso: string): string {
  const p = zoned(new Date(iso));
  return `${p.day}.${p.month}.${p.year} ${p.hour}:${p.minute}`;
}

/** `dd.mm.yyyy` in German local time. */
export function formatDate(iso: string): string {
  return formatDateTime(iso).slice(0, 10);
}

/** Offset of the display zone from UTC at an instant, in minutes (60 in winter, 120 in summer). */
function offsetMinutes(instant: Date): number {
  const p = zoned(instant);
  const asUtc = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute);
  return Math.round((asUtc - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000);
}

/**
 * The UTC instant of local midnight at the start of a `YYYY-MM-DD` date, as ISO text: officers pick
 * days on their calendar, records are stored in UTC.
 */
export function localMidnightUtc(date: string): string {
  const guess = new Date(`${date}T00:00:00.000Z`);
  // The offset at the guessed instant is right except within hours of a DST switch, which never falls on midnight here.
  return new Date(guess.getTime() - offsetMinutes(guess) * 60_000).toISOString();
}

/**
 * A day as officers type it, `d.m.yyyy` (leading zeros optional), or as links and older bookmarks
 * carry it, `yyyy-mm-dd`; returned as `yyyy-mm-dd`, or null when it is neither or no calendar day.
 * Text fields rather than `<input type=date>`: Chromium shows a date input in the browser's locale
 * (mm/dd/yyyy with an English profile) whatever language the page is in (issue #16 item 7).
 */
export function parseDayInput(text: string): string | null {
  const trimmed = text.trim();
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(trimmed);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  const [year, month, day] = german
    ? [Number(german[3]), Number(german[2]), Number(german[1])]
    : iso
      ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
      : [0, 0, 0];
  if (!year) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null;
  return date.toISOString().slice(0, 10);
}

/** A `yyyy-mm-dd` day as `dd.mm.yyyy`, the way the date fields show it. */
export function dayInputValue(day: string | undefined): string {
  if (!day) return '';
  const [year, month, date] = day.split('-');
  return `${date}.${month}.${year}`;
}
