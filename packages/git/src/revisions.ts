// Questions about one repository: where it is, what a revision names, what a file held at a revision.
import { resolve } from 'node:path';
import { GitError, runGit, runGitText, type GitContext } from './exec.js';

/** Full sha of `rev^{commit}`, or null when rev does not name a commit. */
export async function resolveCommit(ctx: GitContext, rev: string): Promise<string | null> {
  if (rev === '' || rev.includes('\0')) return null;
  // --end-of-options: a rev such as "--help" is a (non-resolving) name, never an option.
  const r = await runGitText(ctx, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], {
    okExitCodes: [1],
  });
  return r.exitCode === 0 ? r.stdout.trim() || null : null;
}

/** `git rev-parse --is-bare-repository --is-inside-work-tree --absolute-git-dir --show-cdup` output, parsed. */
export function parseRevParseRepo(stdout: string): { bare: boolean; insideWorkTree: boolean; gitDir: string; cdup: string } {
  const [bare, inside, gitDir = '', cdup = ''] = stdout.split('\n');
  return { bare: bare === 'true', insideWorkTree: inside === 'true', gitDir, cdup };
}

/**
 * The repository containing ctx.cwd: its top-level directory, or the git directory when there is
 * no working tree (a bare repository, or cwd inside .git). null when cwd is in no repository.
 * One git call: every command starts here, so it is on every command's critical path.
 */
export async function isInsideRepo(ctx: GitContext): Promise<{ root: string; bare: boolean } | null> {
  // English messages so "not a git repository" can be told apart from real failures
  // (e.g. "dubious ownership"), which must surface.
  const env = { ...(ctx.env ?? process.env), LC_ALL: 'C' };
  let probe;
  try {
    probe = await runGitText({ cwd: ctx.cwd, env }, ['rev-parse', '--is-bare-repository', '--is-inside-work-tree', '--absolute-git-dir', '--show-cdup']);
  } catch (e) {
    if (e instanceof GitError && e.exitCode === 128 && /not a git repository/i.test(e.stderr)) return null;
    throw e;
  }
  const info = parseRevParseRepo(probe.stdout);
  if (!info.insideWorkTree) return { root: info.gitDir, bare: info.bare };
  return { root: resolve(ctx.cwd, info.cdup), bare: false };
}

/**
 * One `git cat-file --batch` answer: "<sha> <type> <size>\n<content>\n", or "<name> missing\n" /
 * "<name> ambiguous\n". Returns null for the latter.
 */
export function parseCatFileBatch(out: Buffer): { sha: string; type: string; content: Buffer } | null {
  const nl = out.indexOf(10);
  if (nl < 0) return null;
  const header = out.subarray(0, nl).toString('utf8');
  const m = /^([0-9a-f]{40,64}) (\S+) (\d+)$/.exec(header);
  if (!m) return null;
  const size = Number(m[3]);
  return { sha: m[1] as string, type: m[2] as string, content: out.subarray(nl + 1, nl + 1 + size) };
}

/**
 * The text of PATH (from the repository root) at REV, like `git show REV:PATH`; null when the
 * revision or the path does not exist or names a directory. `cat-file --batch` says "missing" in
 * its output instead of failing, so real errors (not a repository…) still throw.
 */
export async function readFileAtRevision(ctx: GitContext, rev: string, path: string): Promise<string | null> {
  const spec = `${rev}:${path}`;
  // --batch reads one name per line.
  if (spec.includes('\n') || spec.includes('\0')) return null;
  const r = await runGit(ctx, ['cat-file', '--batch'], { input: `${spec}\n` });
  const obj = parseCatFileBatch(r.stdout);
  return obj && obj.type === 'blob' ? obj.content.toString('utf8') : null;
}
