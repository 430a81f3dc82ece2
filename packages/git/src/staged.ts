// What a commit being made would record: the paths it changes, the state of the repository
// (merging?), and files as they were at its base. One git process per question.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { GitError, runGit, runGitText, type GitContext } from './exec.js';
import { catFileBatch, parseZ, type RepoFile, type RevisionFile } from './files.js';

export interface StagedChange {
  /** `A` added, `M` modified, `D` deleted, `T` type changed (renames are a `D` and an `A`). */
  status: string;
  path: string;
}

/** `git diff-index --name-status -z` output: status and path alternate as NUL-terminated items. */
export function parseNameStatusZ(out: Buffer): StagedChange[] {
  const items = parseZ(out);
  const changes: StagedChange[] = [];
  for (let i = 0; i + 1 < items.length; i += 2) changes.push({ status: items[i]!.charAt(0), path: items[i + 1]! });
  return changes;
}

/**
 * What `git commit` would record as changed against `base` (default HEAD). Renames are a deletion
 * plus an addition, so a moved model file is a deleted path to the integrity rules. When base
 * does not resolve (no commit yet, or amending the root commit) every staged path is added.
 */
export async function stagedChanges(ctx: GitContext, base = 'HEAD'): Promise<StagedChange[]> {
  const args = ['diff-index', '--cached', '-z', '--name-status', '--no-renames', '--ignore-submodules', '--end-of-options', base, '--'];
  const r = await runGit(ctx, args, { okExitCodes: [128] });
  if (r.exitCode === 0) return parseNameStatusZ(r.stdout);
  // Only "no such revision" is an answer; anything else (a broken index…) must surface.
  const check = await runGitText(ctx, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${base}^{commit}`], { okExitCodes: [1] });
  if (check.exitCode === 0) throw new GitError(args, r.exitCode, r.stderr);
  // Every path from the top, as diff-index names them, wherever this runs.
  return parseZ((await runGit(ctx, ['ls-files', '-z', '--cached', '--deduplicate', '--full-name', '--', ':(top)'])).stdout).map((path) => ({ status: 'A', path }));
}

/** The paths of `stagedChanges`. */
export async function readStagedPaths(ctx: GitContext, base = 'HEAD'): Promise<string[]> {
  return (await stagedChanges(ctx, base)).map((c) => c.path);
}

export interface CommitState {
  /** Absolute path of the (per-worktree) git directory. */
  gitDir: string;
  /** A merge is being concluded (`MERGE_HEAD` exists). */
  merging: boolean;
  /** `core.commentChar` as configured ('#' when unset; may be 'auto'). */
  commentChar: string;
}

/** git's `core.commentChar` ('#' when unset; may be 'auto'). */
export async function readCommentChar(ctx: GitContext): Promise<string> {
  const r = await runGitText(ctx, ['config', '--get', 'core.commentChar'], { okExitCodes: [1] });
  return (r.exitCode === 0 ? r.stdout.replace(/\n$/, '') : '') || '#';
}

/** Where the repository keeps its state, whether a merge is in progress, and its comment character. */
export async function readCommitState(ctx: GitContext): Promise<CommitState> {
  const [dir, commentChar] = await Promise.all([runGitText(ctx, ['rev-parse', '--absolute-git-dir']), readCommentChar(ctx)]);
  const gitDir = dir.stdout.trim();
  return { gitDir, merging: existsSync(join(gitDir, 'MERGE_HEAD')), commentChar };
}

/** Files as they are at `rev` (missing ones left out), with one `git cat-file --batch`. */
export async function readFilesAt(ctx: GitContext, rev: string, paths: string[]): Promise<RepoFile[]> {
  return readFilesAtEach(ctx, paths.map((path) => ({ rev, path })));
}

/** A file at the revision it was asked at. */
export interface FileAtRevision extends RevisionFile {
  rev: string;
}

/**
 * Files each at its own revision (`rev` '' is the index), missing ones left out, with one
 * `git cat-file --batch` however many revisions there are.
 */
export async function readFilesAtEach(ctx: GitContext, wanted: readonly { rev: string; path: string }[]): Promise<FileAtRevision[]> {
  const valid = wanted.filter((w) => !`${w.rev}${w.path}`.includes('\n') && !w.path.includes('\0'));
  const answers = await catFileBatch(ctx, valid.map((w) => `${w.rev}:${w.path}`));
  const files: FileAtRevision[] = [];
  answers.forEach((answer, i) => {
    const w = valid[i] as { rev: string; path: string };
    if (answer?.type === 'blob') files.push({ rev: w.rev, path: w.path, sha: answer.sha, content: answer.content });
  });
  return files;
}
