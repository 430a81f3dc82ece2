import { describe, expect, it } from 'vitest';
import { renderTable } from './table.js';

describe('renderTable', () => {
  it('pads each column to its widest cell or header + 2, as tabulate does', () => {
    expect(renderTable(['name', 'latest'], [['Team/Model_A-1', 'v0.0.1'], ['m', '-']], 'grid')).toBe(
      [
        '╒════════════════╤══════════╕',
        '│ name           │ latest   │',
        '╞════════════════╪══════════╡',
        '│ Team/Model_A-1 │ v0.0.1   │',
        '│ m              │ -        │',
        '╘════════════════╧══════════╛',
        '',
      ].join('\n'),
    );
  });

  it('never truncates a long version', () => {
    const version = 'v1.2.3-rc.1+build.2026.11.26.very.long.metadata';
    expect(renderTable(['version'], [[version]], 'plain')).toBe(`version\n${version}\n`);
  });

  it('plain tables separate columns with two spaces and carry no trailing blanks', () => {
    expect(renderTable(['a', 'b'], [['x', '']], 'plain')).toBe('a    b\nx\n');
  });
});
