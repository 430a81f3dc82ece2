// Is this commit-msg run part of `git commit --amend`? Git tells the hook nothing about it, so
// look for the `git commit --amend` process among our ancestors (Linux /proc). Elsewhere the
// answer is "no": the staged change is then compared with HEAD (see README).
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

/** `git [options] commit … --amend …` (git accepts unambiguous prefixes of long options). */
export function isAmendCommand(argv: readonly string[]): boolean {
  const [program, ...args] = argv;
  if (!program || !/^git(\.exe)?$/.test(basename(program))) return false;
  const commit = args.indexOf('commit');
  if (commit < 0) return false;
  for (const arg of args.slice(commit + 1)) {
    if (arg === '--') break;
    if (/^--ame(n|nd)?$/.test(arg)) return true;
  }
  return false;
}

/** The parent pid from /proc/PID/stat (`pid (comm) state ppid …`; comm may hold spaces or ')'). */
export function parentPid(stat: string): number | null {
  const close = stat.lastIndexOf(')');
  const fields = stat.slice(close + 2).split(' ');
  const ppid = Number(fields[1]);
  return Number.isInteger(ppid) && ppid > 0 ? ppid : null;
}

interface ProcReader {
  cmdline: (pid: number) => string[] | null;
  stat: (pid: number) => string | null;
}

const proc: ProcReader = {
  cmdline: (pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter((a, i, all) => a !== '' || i < all.length - 1);
    } catch {
      return null;
    }
  },
  stat: (pid) => {
    try {
      return readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      return null;
    }
  },
};

/** Whether an ancestor of `pid` (hook scripts, npx, husky…: a few levels) is `git commit --amend`. */
export function isAmending(pid: number = process.ppid, reader: ProcReader = proc): boolean {
  if (process.platform !== 'linux' && reader === proc) return false;
  for (let depth = 0, current: number | null = pid; depth < 8 && current !== null && current > 1; depth++) {
    const argv = reader.cmdline(current);
    if (argv === null) return false;
    if (isAmendCommand(argv)) return true;
    // Stop at the git that runs the hook: an outer git (e.g. rebase) does not amend.
    if (argv[0] && /^git(\.exe)?$/.test(basename(argv[0])) && argv.includes('commit')) return false;
    const stat = reader.stat(current);
    current = stat === null ? null : parentPid(stat);
  }
  return false;
}
