// Resolving revisions and reading files at a revision.
import { type GitContext, runGit } from './exec.js';

/** The full commit id `rev` names, or null when it names none. */
export async function resolveCommit(ctx: GitContext, rev: string): Promise<string | null> {
  const r = await runGit(ctx, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], { okCodes: [1, 128] });
  return r.exitCode === 0 ? r.stdout.trim() || null : null;
}

/** A file's content at a revision; null when it does not exist there. */
export async function readFileAtRevision(ctx: GitContext, rev: string, path: string): Promise<string | null> {
  const r = await runGit(ctx, ['cat-file', 'blob', `${rev}:${path}`], { okCodes: [1, 128] });
  return r.exitCode === 0 ? r.stdout : null;
}

/** Whether git accepts `refs/tags/<name>` as a ref name (`git check-ref-format`). */
export async function checkRefFormat(name: string): Promise<boolean> {
  const r = await runGit({ cwd: process.cwd() }, ['check-ref-format', `refs/tags/${name}`], { okCodes: [1] });
  return r.exitCode === 0;
}
