// Files of a repository as the working tree, the index or any revision holds them, read with a
// fixed number of git calls however many files there are (ls-files / ls-tree, then one cat-file).
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { MAX_YAML_BYTES, worktreeMessages, type Diagnostic } from '@modelreg/core';
import { runGit, runGitSync, type GitContext } from './exec.js';
import { mapLimited } from './map-limited.js';

/** Where to read files from: the working tree, the index (what a commit would record), or a revision. */
export type FileSource = { kind: 'worktree' } | { kind: 'index' } | { kind: 'rev'; rev: string };

export interface RepoFile {
  /** Path from the repository root, with '/' separators. */
  path: string;
  content: Buffer;
}

/** Split NUL-terminated output; `ls-files --stage` / `ls-tree` lines are "<meta>\t<path>". */
export function parseZ(out: Buffer): string[] {
  const text = out.toString('utf8');
  const items = text.split('\0');
  if (items[items.length - 1] === '') items.pop();
  return items;
}

/** `<mode> <sha> <stage>\t<path>` (ls-files --stage) or `<mode> <type> <sha>\t<path>` (ls-tree) → path and blob sha. */
export function parseStageOrTreeLine(line: string): { path: string; sha: string } | null {
  const tab = line.indexOf('\t');
  if (tab < 0) return null;
  const [mode, second, third] = line.slice(0, tab).split(' ');
  // Directories (ls-tree without -r never happens here) and submodules hold no file of ours.
  if (mode === '160000' || second === 'tree' || second === 'commit') return null;
  const sha = second === 'blob' ? third : second;
  return sha ? { path: line.slice(tab + 1), sha } : null;
}

/**
 * Which files to read: git pathspecs (with magic such as `:(glob)**\/dvc.yaml`) for ls-files, and
 * the same rule as a predicate for `ls-tree`, which supports no pathspec magic.
 */
export interface FileSelection {
  pathspecs: string[];
  matches: (path: string) => boolean;
}

/** Files of the source that the selection names, with their blob ids (none for the worktree). */
export async function listFiles(ctx: GitContext, source: FileSource, selection: FileSelection): Promise<{ path: string; sha?: string }[]> {
  const { pathspecs } = selection;
  if (source.kind === 'worktree') return parseZ((await runGit(ctx, worktreeListing(pathspecs))).stdout).map((path) => ({ path }));
  const args =
    source.kind === 'index'
      ? ['ls-files', '-z', '--stage', '--', ...pathspecs]
      : ['ls-tree', '-r', '-z', '--full-tree', '--end-of-options', source.rev];
  const r = await runGit(ctx, args);
  return parseZ(r.stdout)
    .map(parseStageOrTreeLine)
    .filter((f): f is { path: string; sha: string } => f !== null && selection.matches(f.path));
}

/**
 * The working tree's files that `pathspecs` name: tracked, and untracked but not ignored (those
 * that exist now), as paths from its top even when run from a directory below (with `:(top)`
 * pathspecs, the same list as from the top).
 */
const worktreeListing = (pathspecs: string[]) => ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--deduplicate', '--full-name', '--', ...pathspecs];

/** As listFiles for the working tree, with this process waiting for git (see runGitSync). */
export function listWorktreeFilesSync(ctx: GitContext, pathspecs: string[]): string[] {
  return parseZ(runGitSync(ctx, worktreeListing(pathspecs)).stdout);
}

/** One answer of `git cat-file --batch`: the object asked for, or null when git says "missing". */
export interface CatFileAnswer {
  sha: string;
  type: string;
  content: Buffer;
}

/**
 * `git cat-file --batch` for `names` (object ids, or `REV:PATH`; none may hold a newline), one
 * call: the answers in the order asked, null for a name git says is missing.
 */
export async function catFileBatch(ctx: GitContext, names: readonly string[]): Promise<(CatFileAnswer | null)[]> {
  if (names.length === 0) return [];
  const r = await runGit(ctx, ['cat-file', '--batch'], { input: names.map((n) => `${n}\n`).join('') });
  const out = r.stdout;
  const answers: (CatFileAnswer | null)[] = [];
  let pos = 0;
  // Each answer is "<sha> <type> <size>\n<content>\n", or "<name> missing\n".
  while (answers.length < names.length) {
    const nl = out.indexOf(10, pos);
    if (nl < 0) break;
    const m = /^([0-9a-f]{40}|[0-9a-f]{64}) (\S+) (\d+)$/.exec(out.subarray(pos, nl).toString('utf8'));
    if (!m) {
      answers.push(null);
      pos = nl + 1;
      continue;
    }
    const size = Number(m[3]);
    answers.push({ sha: m[1] as string, type: m[2] as string, content: out.subarray(nl + 1, nl + 1 + size) });
    pos = nl + 1 + size + 1;
  }
  return answers;
}

/** Contents of many blobs with one `git cat-file --batch`. */
export async function readBlobs(ctx: GitContext, shas: string[]): Promise<Map<string, Buffer>> {
  const result = new Map<string, Buffer>();
  for (const answer of await catFileBatch(ctx, shas)) if (answer) result.set(answer.sha, answer.content);
  return result;
}

/**
 * The first `maxBytes` bytes of a file (all of it when smaller); null when it does not exist or
 * is a directory. A file that is not a regular one, such as a link to /dev/zero or a FIFO, never
 * blocks nor reads forever. A caller that allows N bytes asks for N + 1 to tell a file that is too
 * large.
 */
export function readFileCapped(path: string, maxBytes: number): Buffer | null {
  let fd: number;
  try {
    // Non-blocking: opening a FIFO would otherwise wait for a writer.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) return null;
    const buffer = Buffer.allocUnsafe(stat.isFile() ? Math.min(stat.size, maxBytes) : maxBytes);
    let filled = 0;
    while (filled < buffer.length) {
      let n: number;
      try {
        n = readSync(fd, buffer, filled, buffer.length - filled, null);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EAGAIN') break; // an empty FIFO
        throw e;
      }
      if (n === 0) break;
      filled += n;
    }
    return buffer.subarray(0, filled);
  } finally {
    closeSync(fd);
  }
}

/** Working-tree annotation files and configs are read up to one byte past their limit. */
export const WORKTREE_READ_LIMIT = MAX_YAML_BYTES + 1;

/**
 * For paths of the working tree at `root`: where each really is when that is inside the
 * repository; 'outside' when a symbolic link (the file, or a directory on its way) leads out of
 * it; null when it does not exist. Reads and existence checks go through here so a committed link
 * never reveals a file outside the repository.
 */
function worktreeResolver(root: string): (path: string) => string | 'outside' | null {
  const realRoot = realpathSync.native(root);
  const prefix = realRoot.endsWith(sep) ? realRoot : realRoot + sep;
  return (path) => {
    let real: string;
    try {
      real = realpathSync.native(join(root, path));
    } catch {
      return null;
    }
    return real === realRoot || real.startsWith(prefix) ? real : 'outside';
  };
}

/** Read the files `listFiles` listed in a source: one read (none for the working tree, read directly). */
export async function readListedFiles(
  ctx: GitContext,
  source: FileSource,
  listed: readonly { path: string; sha?: string }[],
): Promise<{ files: RepoFile[]; diagnostics: Diagnostic[] }> {
  if (source.kind === 'worktree') return readWorktreeFiles(ctx.cwd, listed.map((f) => f.path));
  const blobs = await readBlobs(ctx, listed.map((f) => f.sha as string));
  const files = listed.flatMap((f) => {
    const content = blobs.get(f.sha as string);
    return content ? [{ path: f.path, content }] : [];
  });
  return { files, diagnostics: [] };
}

/**
 * Working-tree files (annotation files, configs), each up to WORKTREE_READ_LIMIT; a file that a
 * link takes outside the repository is not read, and is a diagnostic instead.
 */
export function readWorktreeFiles(root: string, paths: readonly string[]): { files: RepoFile[]; diagnostics: Diagnostic[] } {
  const files: RepoFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const resolveInWorktree = worktreeResolver(root);
  for (const path of paths) {
    const where = resolveInWorktree(path);
    if (where === 'outside') {
      diagnostics.push({ code: 'file-outside-repository', severity: 'error', file: path, message: worktreeMessages.outside, hint: worktreeMessages.outsideHint });
      continue;
    }
    if (where === null) continue;
    // Small files, often a thousand of them: plain synchronous reads are the fastest way.
    try {
      const content = readFileCapped(where, WORKTREE_READ_LIMIT);
      if (content) files.push({ path, content });
    } catch {
      // not readable (permission denied…): left out, as git would not read it either
    }
  }
  return { files, diagnostics };
}

/** A file at a revision, with its blob id: the same id at two revisions is the same content. */
export interface RevisionFile extends RepoFile {
  sha: string;
}

/**
 * The selected files at each of many revisions: one `ls-tree` per revision (four at a time),
 * then one `cat-file --batch` for the distinct blobs of all of them, so a file unchanged across
 * revisions is read once.
 */
export async function readFilesAtRevisions(ctx: GitContext, revs: readonly string[], selection: FileSelection): Promise<Map<string, RevisionFile[]>> {
  const listings = await mapLimited(revs, 4, (rev) => listFiles(ctx, { kind: 'rev', rev }, selection));
  const blobs = await readBlobs(ctx, [...new Set(listings.flat().map((f) => f.sha as string))]);
  const result = new Map<string, RevisionFile[]>();
  revs.forEach((rev, i) => {
    const files = (listings[i] ?? []).flatMap(({ path, sha }) => {
      const content = blobs.get(sha as string);
      return content ? [{ path, sha: sha as string, content }] : [];
    });
    result.set(rev, files);
  });
  return result;
}

/**
 * Which of `paths` exist (as a file or a directory) in the source: one git call for the index or
 * a revision (`ls-files` / `ls-tree` limited to those paths), plain stat calls for the working tree.
 */
export async function existingPaths(ctx: GitContext, source: FileSource, paths: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  if (paths.length === 0) return found;
  const literal = paths.map((p) => `:(literal)${p}`);
  let listed: string[];
  if (source.kind === 'worktree') {
    // Thousands of paths: synchronous checks beat a promise per path by an order of magnitude.
    const resolveInWorktree = worktreeResolver(ctx.cwd);
    for (const p of paths) if (existsInWorktree(ctx.cwd, p, resolveInWorktree)) found.add(p);
    return found;
  } else if (source.kind === 'index') {
    listed = parseZ((await runGit(ctx, ['ls-files', '-z', '--', ...literal])).stdout);
  } else {
    // ls-tree takes no pathspec magic; its paths are literal already.
    listed = parseZ((await runGit(ctx, ['ls-tree', '-r', '-z', '--name-only', '--full-tree', '--end-of-options', source.rev, '--', ...paths])).stdout);
  }
  const wanted = new Set(paths.map((p) => p.replace(/\/+$/, '')));
  for (const file of listed) {
    // A file itself, or any file below a directory path.
    for (let p = file; p; p = p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '') {
      if (wanted.has(p)) found.add(p);
    }
  }
  for (const p of paths) if (found.has(p.replace(/\/+$/, ''))) found.add(p);
  return found;
}

/**
 * Whether a working-tree path exists as the repository sees it: the directories on its way must
 * stay inside (git keeps no path beyond a link), and a link itself exists, wherever it points,
 * without being followed out of the repository.
 */
function existsInWorktree(root: string, path: string, resolveInWorktree: (path: string) => string | 'outside' | null): boolean {
  const file = path.replace(/\/+$/, '');
  const stat = lstatSync(join(root, file), { throwIfNoEntry: false });
  if (!stat) return false;
  if (resolveInWorktree(dirname(file)) === 'outside') return false;
  return stat.isSymbolicLink() || resolveInWorktree(file) !== null;
}
