import { describe, expect, it } from 'vitest';
import { calendarDate, formatInstant } from './time.js';

describe('formatInstant', () => {
  const epoch = 1704075360; // 2024-01-01T02:16:00Z

  it('writes the local time of a +0300 tagger with its offset (as GTO writes created_at)', () => {
    expect(formatInstant({ time: epoch, tz: '+0300' })).toBe('2024-01-01T05:16:00+03:00');
    expect(formatInstant({ time: epoch, tz: '+0300' }, ' ')).toBe('2024-01-01 05:16:00+03:00');
  });

  it('handles negative and half-hour offsets across midnight', () => {
    expect(formatInstant({ time: epoch, tz: '-0530' })).toBe('2023-12-31T20:46:00-05:30');
    expect(formatInstant({ time: 1704067200, tz: '+0530' })).toBe('2024-01-01T05:30:00+05:30');
    expect(formatInstant({ time: 1704067200, tz: '-0001' })).toBe('2023-12-31T23:59:00-00:01');
  });

  it('writes UTC as +00:00', () => {
    expect(formatInstant({ time: 1704068280, tz: '+0000' })).toBe('2024-01-01T00:18:00+00:00');
    expect(formatInstant({ time: 1704068280, tz: '+0000' }, ' ')).toBe('2024-01-01 00:18:00+00:00');
    expect(formatInstant({ time: 0, tz: '+0000' })).toBe('1970-01-01T00:00:00+00:00');
  });

  it('the same instant in two zones reads differently but names the same moment', () => {
    const a = formatInstant({ time: epoch, tz: '+0300' });
    const b = formatInstant({ time: epoch, tz: '-0530' });
    expect(a).not.toBe(b);
    expect(Date.parse(a)).toBe(Date.parse(b));
    expect(Date.parse(a) / 1000).toBe(epoch);
  });

  it('falls back to UTC for an offset it cannot read', () => {
    expect(formatInstant({ time: epoch, tz: 'garbage' })).toBe('2024-01-01T02:16:00+00:00');
  });
});

describe('calendarDate', () => {
  it('writes what Date#toISOString writes, across the whole range Date holds', () => {
    let seed = 11;
    for (let i = 0; i < 3000; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      // Every day of years -1000 to 3000, then sparse days up to Date's limit (±100,000,000 days).
      const day = i < 2000 ? (seed % 1_460_000) - 719_000 : (seed % 200_000_000) - 100_000_000;
      expect(calendarDate(day), `day ${day}`).toBe(new Date(day * 86_400_000).toISOString().slice(0, -14));
    }
  });

  it('goes on past what Date holds, where toISOString throws', () => {
    expect(calendarDate(100_000_001)).toBe('+275760-09-14');
    // A commit dated @99999999999999 (git takes it): no RangeError for the command that shows it.
    expect(formatInstant({ time: 99_999_999_999_999, tz: '+0000' })).toMatch(/^\+3170843-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
  });
});
