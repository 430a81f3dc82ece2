import { describe, expect, it } from 'vitest';
import { isAmendCommand, isAmending, parentPid } from './amend.js';

describe('amend detection', () => {
  it('recognises git commit --amend however git is called', () => {
    expect(isAmendCommand(['git', 'commit', '--amend'])).toBe(true);
    expect(isAmendCommand(['/usr/bin/git', '-c', 'x=y', 'commit', '-a', '--amen', '-m', 'x'])).toBe(true);
    expect(isAmendCommand(['git', 'commit', '-m', '--amend'])).toBe(true);
    expect(isAmendCommand(['git', 'commit', '-m', 'x'])).toBe(false);
    expect(isAmendCommand(['node', 'commit', '--amend'])).toBe(false);
    expect(isAmendCommand(['git', 'commit', '--', '--amend'])).toBe(false);
  });

  it('reads the parent pid from /proc/PID/stat, even with odd command names', () => {
    expect(parentPid('123 (sh) S 45 123 123 0')).toBe(45);
    expect(parentPid('123 (a) b) S 46 1')).toBe(46);
  });

  it('walks up to the git that runs the hook', () => {
    const tree: Record<number, { argv: string[]; ppid: number }> = {
      10: { argv: ['node', 'modelreg.js', 'hook', 'commit-msg'], ppid: 9 },
      9: { argv: ['sh', '.git/hooks/commit-msg'], ppid: 8 },
      8: { argv: ['git', 'commit', '--amend', '--no-edit'], ppid: 7 },
      7: { argv: ['git', 'rebase', '-i'], ppid: 1 },
    };
    const reader = {
      cmdline: (pid: number) => tree[pid]?.argv ?? null,
      stat: (pid: number) => (tree[pid] ? `${pid} (x) S ${tree[pid].ppid}` : null),
    };
    expect(isAmending(10, reader)).toBe(true);
    tree[8] = { argv: ['git', 'commit', '-m', 'x'], ppid: 7 };
    tree[7] = { argv: ['git', 'commit', '--amend'], ppid: 1 };
    expect(isAmending(10, reader)).toBe(false);
  });
});
