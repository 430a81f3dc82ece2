// Questions about one repository: where it is, and what a revision names.
import { resolve } from 'node:path';
import { GitError, runGitSync, runGitText, type GitContext } from './exec.js';

/** Full sha of `rev^{commit}`, or null when rev does not name a commit. */
export async function resolveCommit(ctx: GitContext, rev: string): Promise<string | null> {
  if (rev === '' || rev.includes('\0')) return null;
  // --end-of-options: a rev such as "--help" is a (non-resolving) name, never an option.
  const r = await runGitText(ctx, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], {
    okExitCodes: [1],
  });
  return r.exitCode === 0 ? r.stdout.trim() || null : null;
}

// What the probe asks; --show-cdup prints nothing outside a working tree, so it comes last.
// The common directory (where a worktree's refs live) absolute, --show-cdup relative again.
const PROBE = [
  'rev-parse',
  '--is-bare-repository',
  '--is-inside-work-tree',
  '--is-shallow-repository',
  '--absolute-git-dir',
  '--path-format=absolute',
  '--git-common-dir',
  '--path-format=relative',
  '--show-cdup',
];

/** `git rev-parse` output for PROBE, parsed. */
export function parseRevParseRepo(stdout: string): { bare: boolean; insideWorkTree: boolean; shallow: boolean; gitDir: string; commonDir: string; cdup: string } {
  const [bare, inside, shallow, gitDir = '', commonDir = '', cdup = ''] = stdout.split('\n');
  return { bare: bare === 'true', insideWorkTree: inside === 'true', shallow: shallow === 'true', gitDir, commonDir, cdup };
}

/**
 * The repository containing ctx.cwd: its top-level directory, or the git directory when there is
 * no working tree (a bare repository, or cwd inside .git), and whether it is a shallow clone
 * (history before its boundary commits is missing). null when cwd is in no repository.
 * One git call: every command starts here, so it is on every command's critical path. Nothing
 * else can start before it answers but what was started before the call (which runs meanwhile),
 * so git runs while this process waits, without the streams and events of a spawn.
 */
export async function isInsideRepo(ctx: GitContext): Promise<{ root: string; bare: boolean; shallow: boolean; gitDir: string; commonDir: string } | null> {
  // English messages so "not a git repository" can be told apart from real failures
  // (e.g. "dubious ownership"), which must surface.
  const env = { ...(ctx.env ?? process.env), LC_ALL: 'C' };
  let probe;
  try {
    probe = runGitSync({ cwd: ctx.cwd, env }, PROBE).stdout.toString('utf8');
  } catch (e) {
    if (e instanceof GitError && e.exitCode === 128 && /not a git repository/i.test(e.stderr)) return null;
    throw e;
  }
  const info = parseRevParseRepo(probe);
  if (!info.insideWorkTree) return { root: info.gitDir, bare: info.bare, shallow: info.shallow, gitDir: info.gitDir, commonDir: info.commonDir };
  return { root: resolve(ctx.cwd, info.cdup), bare: false, shallow: info.shallow, gitDir: info.gitDir, commonDir: info.commonDir };
}
