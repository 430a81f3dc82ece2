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

/** `2024-01-01T05:16:00+03:00` (as GTO writes `created_at`), or with a space for tables. */
export function formatInstant(i: Instant, separator: 'T' | ' ' = 'T'): string {
  const offset = offsetMinutes(i.tz);
  const local = new Date((i.time + offset * 60) * 1000).toISOString(); // shifted so UTC fields read as local
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${local.slice(0, 10)}${separator}${local.slice(11, 19)}${sign}${hh}:${mm}`;
}
