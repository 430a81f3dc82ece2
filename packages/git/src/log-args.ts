// What `git log` runs with, apart from the parsers of its output: `modelreg changelog` starts its
// log (startSummaryLog) before the code that reads it has loaded, so this module loads nothing
// but the process runner.
import { startSpool, type GitContext, type SpooledGit } from './exec.js';

// A user's config must not change what we parse: signatures, colours and re-encoding are off.
export const FIXED_LOG_OPTIONS = ['--no-show-signature', '--no-color', '--encoding=UTF-8', '--date=raw', '-z'];

// Into a pipe git flushes after every commit: 20,000 commits are 20,000 small reads for Node,
// which cost twice git's own time. GIT_FLUSH=0 makes git buffer its output fully.
export function buffered(ctx: GitContext): { env: NodeJS.ProcessEnv } {
  return { env: { ...(ctx.env ?? process.env), GIT_FLUSH: '0' } };
}

/**
 * Like LOG_FORMAT, with the subject and the trailers git parsed instead of the raw message: git
 * applies its own trailer rules (those of `git interpret-trailers --parse --no-divider`), and
 * prints a third of the bytes of `%B` for typical messages.
 */
export const SUMMARY_FORMAT = '%H%x00%P%x00%an%x00%ae%x00%ad%x00%s%x00%(trailers:unfold,only)';

// Trailers are split on ':' alone, whatever `trailer.separators` the user configured.
const SUMMARY_OPTIONS = ['-c', 'trailer.separators=:'];

export interface ReadLogOptions {
  /** Revisions as `git log` takes them (`SHA`, `^SHA`, `A..B`); read through stdin, so any number. */
  revisions?: string[];
  /** Also HEAD, when it names a commit (nothing on an unborn branch). */
  head?: boolean;
  /** Also every tag (`--tags`; tags of trees and blobs are skipped). */
  tags?: boolean;
}

export interface RevisionArgs {
  args: string[];
  input: string;
}

/** The revisions of `opts` as git log's arguments and input, leaving out `excludeTags`; null for none. */
export function revisionArgs(opts: ReadLogOptions, excludeTags: string[] = []): RevisionArgs | null {
  const revisions = opts.revisions ?? [];
  if (revisions.length === 0 && !opts.head && !opts.tags) return null;
  const tags = opts.tags ? [...excludeTags.map((name) => `--exclude=${name}`), '--tags'] : [];
  return {
    // `--ignore-missing` lets HEAD of an empty repository name nothing instead of failing.
    args: [...tags, ...(opts.head ? ['--ignore-missing', 'HEAD'] : []), '--stdin'],
    input: revisions.map((r) => `${r}\n`).join(''),
  };
}

/** The `git log` whose records are SUMMARY_FORMAT's, over `revs`. */
export function summaryLogArgs(revs: RevisionArgs): string[] {
  return [...SUMMARY_OPTIONS, 'log', ...FIXED_LOG_OPTIONS, `--format=${SUMMARY_FORMAT}`, ...revs.args];
}

/**
 * That log over `opts`, started now into a spool for `streamLogRecords` to read later; null when
 * there are no revisions or no spool.
 */
export function startSummaryLog(ctx: GitContext, opts: ReadLogOptions): SpooledGit | null {
  const revs = revisionArgs(opts);
  return revs && startSpool(ctx, summaryLogArgs(revs), { ...buffered(ctx), input: revs.input });
}
