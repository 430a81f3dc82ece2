// `modelreg changelog` spends most of its time on one `git log`. bin.ts starts that log before the
// command's code has loaded and its arguments are parsed (~20 ms here), and the command takes it
// over (takeEarlyLog) where it would start the same log itself. A command line that might read
// another repository (`-r`), print help, or that this check does not know, gets none.
import { anchoredEnv, type SpooledGit } from '@modelreg/git/exec';
import { startSummaryLog } from '@modelreg/git/log-args';

// Options of `changelog` that leave its log as it is; a value that looks like an option (`-o -r`) fails the check too.
const PLAIN = /^(?:-|-o|--offline|--(?:format|output|from|to)(?:=.*)?)$/;

let early: SpooledGit | null = null;

/** Start the log `changelog` will read, when `argv` is a changelog of the repository here. */
export function startEarlyLog(argv: readonly string[], io: { cwd: string; env: NodeJS.ProcessEnv }): void {
  if (argv[0] !== 'changelog' || !argv.slice(1).every((arg) => !arg.startsWith('-') || PLAIN.test(arg))) return;
  early = startSummaryLog({ cwd: io.cwd, env: anchoredEnv(io.env, io.cwd) }, { head: true, tags: true });
  // Not taken (a usage error, a registry list from the config): git stops with modelreg.
  process.once('exit', () => early?.cancel());
}

/** The log startEarlyLog started, once; null if there is none. */
export function takeEarlyLog(): SpooledGit | null {
  const taken = early;
  early = null;
  return taken;
}
