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
