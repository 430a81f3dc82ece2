import { afterEach, describe, expect, it, vi } from 'vitest';
import { progress } from './registries.js';

describe('progress', () => {
  afterEach(() => vi.useRealTimers());
  const stderr = (isTTY: boolean) => {
    const lines: string[] = [];
    return { lines, io: { stderr: { isTTY, write: (s: string) => lines.push(s) } } };
  };
  const source = { name: 'churn', location: 'https://example.com/churn.git' };

  it('on a terminal, a line for a remote slower than a second, none for a quick one', () => {
    vi.useFakeTimers();
    const slow = stderr(true);
    const doneSlow = progress(slow.io, {}, source);
    vi.advanceTimersByTime(999);
    expect(slow.lines).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(slow.lines).toEqual(['modelreg: reading churn (https://example.com/churn.git)…\n']);
    doneSlow();
    const quick = stderr(true);
    progress(quick.io, {}, source)();
    vi.advanceTimersByTime(5000);
    expect(quick.lines).toEqual([]);
  });

  it('nothing when stderr is not a terminal, or with --json', () => {
    vi.useFakeTimers();
    const piped = stderr(false);
    progress(piped.io, {}, source);
    const json = stderr(true);
    progress(json.io, { json: true }, source);
    vi.advanceTimersByTime(5000);
    expect([...piped.lines, ...json.lines]).toEqual([]);
  });
});
