// Tagger times are an epoch second plus the tagger's own UTC offset (as git stores them).

export interface Instant {
  /** Seconds since the epoch. */
  time: number;
  /** The offset the tagger was in, `+HHMM` / `-HHMM`. */
  tz: string;
}

function offsetMinutes(tz: string): number {
  const m = /^([+-])(\d\d)(\d\d)$/.exec(tz);
  if (!m) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -minutes : minutes;
}

/**
 * The calendar date `day` days after 1970-01-01 (proleptic Gregorian), as `toISOString` writes it:
 * `2025-03-05`, or with a signed six-digit year outside 0–9999 (`+275760-09-13`). Arithmetic
 * only: a commit or tag dated past what `Date` holds (year 275760) must not stop a command.
 */
export function calendarDate(day: number): string {
  // Howard Hinnant's days-to-civil, in 400-year eras of 146,097 days starting on March 1st.
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const year = y >= 0 && y <= 9999 ? String(y).padStart(4, '0') : `${y < 0 ? '-' : '+'}${String(Math.abs(y)).padStart(6, '0')}`;
  return `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** `2024-01-01T05:16:00+03:00` (as GTO writes `created_at`), or with a space for tables. */
export function formatInstant(i: Instant, separator: 'T' | ' ' = 'T'): string {
  const offset = offsetMinutes(i.tz);
  const local = i.time + offset * 60; // shifted so UTC fields read as local
  const day = Math.floor(local / 86400);
  const s = local - day * 86400;
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${calendarDate(day)}${separator}${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}
