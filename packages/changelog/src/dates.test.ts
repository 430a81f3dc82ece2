import { describe, expect, it } from 'vitest';
import { formatInstant } from '@modelreg/core';
import { isoInstant } from './dates.js';

describe('isoInstant', () => {
  it('writes what formatInstant writes', () => {
    const zones = ['+0000', '+0100', '-0500', '+0530', '-0930', '+1400', '-1200', 'bogus'];
    let seed = 3;
    for (let i = 0; i < 2000; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      const time = (seed % 4_000_000_000) - 500_000_000;
      const tz = zones[i % zones.length] as string;
      expect(isoInstant(time, tz), `${time} ${tz}`).toBe(formatInstant({ time, tz }));
    }
  });

  it('crosses midnight and the epoch with the offset', () => {
    expect(isoInstant(0, '-0100')).toBe('1969-12-31T23:00:00-01:00');
    expect(isoInstant(1741219199, '+0000')).toBe('2025-03-05T23:59:59+00:00');
    expect(isoInstant(1741219199, '+0001')).toBe('2025-03-06T00:00:59+00:01');
  });

  it('writes dates past what Date holds instead of throwing', () => {
    expect(isoInstant(99_999_999_999_999, '+0200')).toBe(formatInstant({ time: 99_999_999_999_999, tz: '+0200' }));
  });
});
