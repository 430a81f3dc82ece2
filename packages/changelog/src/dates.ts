// ISO 8601 instants with the offset they were made in, exactly as core's `formatInstant` writes
// them, for tens of thousands of commits: the date part is computed once per day, the offset
// once per zone.

import { calendarDate } from '@modelreg/core';

const zones = new Map<string, { seconds: number; suffix: string }>();
const days = new Map<number, string>();

function zone(tz: string): { seconds: number; suffix: string } {
  let z = zones.get(tz);
  if (!z) {
    const m = /^([+-])(\d\d)(\d\d)$/.exec(tz);
    const minutes = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
    const abs = Math.abs(minutes);
    const suffix = `${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
    z = { seconds: minutes * 60, suffix };
    zones.set(tz, z);
  }
  return z;
}

const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/** `2025-03-05T13:00:00+01:00` for epoch seconds `time` in zone `tz` (`+0100`). */
export function isoInstant(time: number, tz: string): string {
  const z = zone(tz);
  const local = time + z.seconds;
  const day = Math.floor(local / 86400);
  let date = days.get(day);
  if (date === undefined) {
    date = calendarDate(day);
    days.set(day, date);
  }
  const s = local - day * 86400;
  return `${date}T${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}${z.suffix}`;
}
