import { describe, expect, it } from 'vitest';
import { compareMetric, formatChange } from './metrics.js';

describe('compareMetric / formatChange', () => {
  it.each([
    ['0.91', '0.89', 0.02, '+0.02'],
    ['0.9', '0.91', -0.01, '-0.01'],
    ['0.910', '0.9', 0.01, '+0.010'],
    ['12', '12.0', 0, '0.0'],
    ['-3', '2', -5, '-5'],
    ['.5', '0.25', 0.25, '+0.25'],
  ])('%s vs %s', (value, previous, change, text) => {
    const m = compareMetric('k', value, previous);
    expect(m).toEqual({ key: 'k', value, previous, change });
    expect(formatChange(m)).toBe(text);
  });

  it('has no change without a previous value or for non-numbers', () => {
    expect(compareMetric('k', '1', null)).toEqual({ key: 'k', value: '1', previous: null, change: null });
    expect(compareMetric('k', '91%', '90%').change).toBeNull();
    expect(compareMetric('k', '1e-3', '0.001').change).toBeNull();
    expect(formatChange(compareMetric('k', 'high', 'low'))).toBe('');
  });
});
