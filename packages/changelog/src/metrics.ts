// Metrics of a version compared with the previous version's: the change when both are numbers,
// rounded to the precision the values were written with (0.91 − 0.89 is 0.02, not 0.0200000001).
import type { MetricEntry } from './model.js';

const NUMBER = /^[-+]?(?:\d+(?:\.(\d*))?|\.(\d+))$/;

function decimals(value: string): number | null {
  const m = NUMBER.exec(value);
  if (!m) return null;
  return (m[1] ?? m[2] ?? '').length;
}

export function compareMetric(key: string, value: string, previous: string | null): MetricEntry {
  if (previous === null) return { key, value, previous, change: null };
  const a = decimals(value);
  const b = decimals(previous);
  if (a === null || b === null) return { key, value, previous, change: null };
  const places = Math.min(Math.max(a, b), 20);
  const change = Number((Number(value) - Number(previous)).toFixed(places));
  return { key, value, previous, change: change === 0 ? 0 : change };
}

/** `+0.02`, `-1`, `0`, with as many decimals as the values have; '' when there is no change to show. */
export function formatChange(m: MetricEntry): string {
  if (m.change === null || m.previous === null) return '';
  const places = Math.min(Math.max(decimals(m.value) ?? 0, decimals(m.previous) ?? 0), 20);
  const text = Math.abs(m.change).toFixed(places);
  if (m.change === 0) return text;
  return m.change > 0 ? `+${text}` : `-${text}`;
}
