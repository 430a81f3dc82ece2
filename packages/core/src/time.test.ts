import { describe, expect, it } from 'vitest';
import { formatInstant } from './time.js';

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
