// Commits with their raw messages (for trailers) in one `git log`, and the files a set of paths
// saw changed in one more. NUL-separated: a commit message cannot contain NUL, so messages of
// any shape (CRLF, trailers, empty) come back byte for byte.
import { GitError, runGitText, spoolGit, type GitContext, type SpooledGit } from './exec.js';
import { FIXED_LOG_OPTIONS, SUMMARY_FORMAT, buffered, revisionArgs, summaryLogArgs, type ReadLogOptions, type RevisionArgs } from './log-args.js';
import { tagRefs } from './tags.js';
import { OBJECT_ID } from './object-id.js';
import type { CommitInfo } from './parse-refs.js';

export { SUMMARY_FORMAT, type ReadLogOptions };

export interface LogCommit {
  sha: string;
  /** Parent ids in order (none for a root commit). */
  parents: string[];
  author: string;
  authorEmail: string;
  /** Author date, epoch seconds. */
  authorTime: number;
  /** Author offset as git stores it, e.g. "+0300". */
  authorTz: string;
  /** The message exactly as stored (`%B`). */
  message: string;
}

/** One record per commit (`-z` ends each with NUL): id, parents, author, email, raw date, message. */
export const LOG_FORMAT = '%H%x00%P%x00%an%x00%ae%x00%ad%x00%B';

/**
 * Parser of `git log -z --date=raw` output whose records are NUL-terminated fields starting with
 * id, parents, author, e-mail and raw date, fed as it arrives: each whole record becomes a commit;
 * a record cut between two pieces waits for the rest. Subclasses say how many fields a record has
 * and build the commit from them.
 */
abstract class LogRecordParser<T> {
  private pending = '';
  private offset = 0;
  /** Where each field of the current record ends (its NUL). */
  protected readonly ends: number[];

  constructor(
    private readonly fields: number,
    private readonly onCommit: (commit: T) => void,
  ) {
    this.ends = new Array<number>(fields).fill(0);
  }

  /** The commit of the record at `pos`, whose field ends are in `this.ends`. */
  protected abstract build(s: string, pos: number): T;

  push(text: string): void {
    const s = this.pending === '' ? text : this.pending + text;
    const ends = this.ends;
    let pos = 0;
    let checked = false;
    for (;;) {
      // A record may start after a newline when git separates records (it does not with -z and
      // a format, but a tformat-style separator must not break the parse).
      while (s.charCodeAt(pos) === 10) pos++;
      let from = pos;
      let k = 0;
      for (; k < this.fields; k++) {
        const e = s.indexOf('\0', from);
        if (e < 0) break;
        ends[k] = e;
        from = e + 1;
      }
      if (k < this.fields) break;
      const e0 = ends[0] as number;
      // An id's length for every record; its digits once per piece (a format gone wrong shows at once).
      if ((e0 - pos !== 40 && e0 - pos !== 64) || (!checked && !OBJECT_ID.test(s.slice(pos, e0)))) {
        throw new Error(`internal: unexpected git log record '${s.slice(pos, Math.min(e0, pos + 50))}'`);
      }
      checked = true;
      this.onCommit(this.build(s, pos));
      pos = from;
    }
    this.offset += pos;
    this.pending = s.slice(pos);
  }

  /** The output is over: a partial record left means it was cut short. */
  end(): void {
    if (this.pending.replace(/^\n+/, '') !== '') throw new Error(`internal: truncated git log record at offset ${this.offset}`);
  }
}

/** The ids of a `%P` field, `s[from, to)`: none for a root commit. */
function parentIds(s: string, from: number, to: number): string[] {
  return to === from ? [] : s.slice(from, to).split(' ');
}

/**
 * A raw date (`--date=raw`: "SECONDS ±HHMM") at `at` in `s`: the seconds, and where the offset
 * starts. One Number() of the digits: a loop over them made a heap number for each digit past
 * 2^30 (today's dates are), in code V8 does not optimize here (the changelog runs without).
 */
function rawDate(s: string, at: number): { time: number; tzAt: number } {
  const space = s.indexOf(' ', at);
  return { time: Number(s.slice(at, space)), tzAt: space + 1 };
}

/** Parser of `git log -z --date=raw --format=LOG_FORMAT` output: id, parents, author, e-mail, date, message. */
export class LogParser extends LogRecordParser<LogCommit> {
  constructor(onCommit: (commit: LogCommit) => void) {
    super(6, onCommit);
  }

  protected build(s: string, pos: number): LogCommit {
    const [e0, e1, e2, e3, e4, e5] = this.ends as [number, number, number, number, number, number];
    const { time, tzAt } = rawDate(s, e3 + 1);
    return {
      sha: s.slice(pos, e0),
      parents: parentIds(s, e0 + 1, e1),
      author: s.slice(e1 + 1, e2),
      authorEmail: s.slice(e2 + 1, e3),
      authorTime: time,
      authorTz: s.slice(tzAt, e4),
      message: s.slice(e4 + 1, e5),
    };
  }
}

/** Parse `git log -z --date=raw --format=LOG_FORMAT` output at once. */
export function parseLog(stdout: string): LogCommit[] {
  const commits: LogCommit[] = [];
  const parser = new LogParser((c) => commits.push(c));
  parser.push(stdout);
  parser.end();
  return commits;
}

export interface LogTrailer {
  /** As git prints it: trimmed, spelled as written. */
  key: string;
  /** Trimmed, continuation lines unfolded into single spaces. */
  value: string;
}

/**
 * A commit as the changelog shows it: its subject and trailers instead of the whole message.
 * Only the id is read up front; the other fields are read from git's output when asked for (anew
 * on each access). A changelog shows a fraction of 20,000 commits: not making strings, numbers
 * and arrays for the rest keeps the garbage collector from holding up the stream.
 */
export class LogSummary {
  readonly sha: string;
  // Where in `text` each field after the id starts (plain numbers, not an array per commit); a
  // field ends one before the next starts (at its NUL); the last ends at `end`.
  private readonly parentsAt: number;
  private readonly authorAt: number;
  private readonly emailAt: number;
  private readonly dateAt: number;
  private readonly subjectAt: number;
  private readonly trailersAt: number;
  private readonly end: number;

  /** `text` holds the record at `start`; `ends` are where its seven fields end (their NULs). */
  constructor(
    private readonly text: string,
    start: number,
    ends: readonly number[],
  ) {
    const [e0, e1, e2, e3, e4, e5, e6] = ends as [number, number, number, number, number, number, number];
    this.sha = recordId(text, start, ends);
    this.parentsAt = e0 + 1;
    this.authorAt = e1 + 1;
    this.emailAt = e2 + 1;
    this.dateAt = e3 + 1;
    this.subjectAt = e4 + 1;
    this.trailersAt = e5 + 1;
    this.end = e6;
  }

  /** Parent ids in order (none for a root commit). */
  get parents(): string[] {
    return parentIds(this.text, this.parentsAt, this.authorAt - 1);
  }
  get author(): string {
    return this.text.slice(this.authorAt, this.emailAt - 1);
  }
  get authorEmail(): string {
    return this.text.slice(this.emailAt, this.dateAt - 1);
  }
  /** Author date, epoch seconds. */
  get authorTime(): number {
    return rawDate(this.text, this.dateAt).time;
  }
  /** Author offset as git stores it, e.g. "+0300". */
  get authorTz(): string {
    return this.text.slice(rawDate(this.text, this.dateAt).tzAt, this.subjectAt - 1);
  }
  /** The subject as git prints it (`%s`: the first paragraph joined into one line). */
  get subject(): string {
    return this.text.slice(this.subjectAt, this.trailersAt - 1);
  }
  /** The trailers as git parses them (`%(trailers:unfold,only)`), in order. */
  get trailers(): readonly LogTrailer[] {
    return parseTrailerLines(this.text, this.trailersAt, this.end);
  }
}

const NO_TRAILERS: readonly LogTrailer[] = Object.freeze([]);

/**
 * `%(trailers:unfold,only)` output: one `KEY: VALUE` line per trailer. The key is letters, digits
 * and '-' (the separator is ':' only, see SUMMARY_OPTIONS), so the first ": " ends it.
 */
export function parseTrailerLines(text: string, from = 0, to = text.length): readonly LogTrailer[] {
  if (from >= to) return NO_TRAILERS;
  const trailers: LogTrailer[] = [];
  for (let i = from; i < to; ) {
    let nl = text.indexOf('\n', i);
    if (nl < 0 || nl > to) nl = to;
    const sep = text.indexOf(': ', i);
    if (sep < 0 || sep >= nl) throw new Error(`internal: unexpected git trailer line '${text.slice(i, Math.min(nl, i + 50))}'`);
    trailers.push({ key: text.slice(i, sep), value: text.slice(sep + 2, nl) });
    i = nl + 1;
  }
  return trailers;
}

/**
 * A record of SUMMARY_FORMAT output where it lies: in `text` from `start`, its seven fields ending
 * at `ends` (their NULs: id, parents, author, e-mail, date, subject, trailer lines). `ends` is
 * reused for the next record; `text` may be kept.
 */
export type LogSummaryRecord = (text: string, start: number, ends: readonly number[]) => void;

/** The fields of a SUMMARY_FORMAT record, in order: field `k` ends at `ends[k]` of a LogSummaryRecord. */
export const SUMMARY_FIELD = { id: 0, parents: 1, author: 2, email: 3, date: 4, subject: 5, trailerLines: 6 } as const;

// A record's fields read where they lie, for a caller that keeps records rather than commits
// (logSummaryAt makes the whole commit): no object but what they return. A record once handed
// over has no `ends` (they are reused): its fields are found again from `start`.

/** The id of the SUMMARY_FORMAT record at `start` in `text`. */
export function recordId(text: string, start: number, ends?: readonly number[]): string {
  return text.slice(start, ends ? (ends[0] as number) : text.indexOf('\0', start));
}

/** The parent ids of the SUMMARY_FORMAT record at `start` in `text`, in order (none for a root commit). */
export function recordParents(text: string, start: number): string[] {
  const from = text.indexOf('\0', start) + 1;
  return parentIds(text, from, text.indexOf('\0', from));
}

/**
 * Whether `sha` is the one parent of the SUMMARY_FORMAT record at `start` in `text`: its parents
 * field is `sha` and nothing more. Asked of every commit, so without making the parents list.
 */
export function recordHasOnlyParent(text: string, start: number, sha: string): boolean {
  const from = text.indexOf('\0', start) + 1;
  return text.startsWith(sha, from) && text.charCodeAt(from + sha.length) === 0;
}

/** Parser of SUMMARY_FORMAT output that hands over each record where it lies: no object per commit. */
export class LogSummaryRecordParser extends LogRecordParser<void> {
  constructor(private readonly onRecord: LogSummaryRecord) {
    super(7, () => {});
  }

  protected build(s: string, pos: number): void {
    this.onRecord(s, pos, this.ends);
  }
}

/**
 * The commit of the SUMMARY_FORMAT record at `start` in `text`, as `streamLogRecords` hands it
 * over (where its fields end are found again when `ends` is not given).
 */
export function logSummaryAt(text: string, start: number, ends?: readonly number[]): LogSummary {
  if (ends) return new LogSummary(text, start, ends);
  const found: number[] = [];
  for (let from = start; found.length < 7; from = (found[found.length - 1] as number) + 1) {
    const e = text.indexOf('\0', from);
    if (e < 0) throw new Error(`internal: no git log record at offset ${start}`);
    found.push(e);
  }
  return new LogSummary(text, start, found);
}

/**
 * Run a `git log` over `revisionArgs`. With `--tags`, one tag of a missing object makes git stop
 * before printing anything ("bad object"): then again without the tags whose objects are missing
 * (the registry reports them), instead of no log at all.
 */
async function overRevisions<T>(ctx: GitContext, opts: ReadLogOptions, run: (revs: RevisionArgs) => Promise<T>): Promise<T | null> {
  const revs = revisionArgs(opts);
  if (!revs) return null;
  try {
    return await run(revs);
  } catch (e) {
    if (!opts.tags || !(e instanceof GitError) || !/^fatal: bad object /m.test(e.stderr)) throw e;
    const missing = (await tagRefs(ctx)).flatMap((ref) => (ref.missing ? [ref.name] : []));
    if (missing.length === 0) throw e;
    return run(revisionArgs(opts, missing) as RevisionArgs);
  }
}

/**
 * The commits reachable from the given revisions, newest first (git's default order), with one
 * `git log`, handed to `onCommit` while git is still printing the rest.
 */
export async function streamLog(ctx: GitContext, opts: ReadLogOptions, onCommit: (commit: LogCommit) => void): Promise<void> {
  await spoolLog(ctx, opts, (revs) => ['log', ...FIXED_LOG_OPTIONS, `--format=${LOG_FORMAT}`, ...revs.args], new LogParser(onCommit));
}

/**
 * The same commits as `streamLog`, each with its subject and the trailers git parsed instead of
 * its raw message (SUMMARY_FORMAT: a third less output to read, no trailer parsing in
 * JavaScript), handed over as its record in git's output (`logSummaryAt` makes a LogSummary of
 * one, the record helpers read its fields): for a caller that keeps little of most commits, no
 * object per commit for the garbage collector to move while git prints the rest. `started` is
 * that log started before (startSummaryLog with the same options); one started otherwise is
 * stopped, and the log run anew.
 */
export async function streamLogRecords(ctx: GitContext, opts: ReadLogOptions, onRecord: LogSummaryRecord, started?: SpooledGit | null): Promise<void> {
  await spoolLog(ctx, opts, summaryLogArgs, new LogSummaryRecordParser(onRecord), started ?? null);
}

/** The log of `logArgs` over the revisions of `opts`, its output fed to `parser` as it is written. */
async function spoolLog(
  ctx: GitContext,
  opts: ReadLogOptions,
  logArgs: (revs: RevisionArgs) => string[],
  parser: { push(text: string): void; end(): void },
  started: SpooledGit | null = null,
): Promise<void> {
  const done = await overRevisions(ctx, opts, async (revs) => {
    const args = logArgs(revs);
    const run = { ...buffered(ctx), input: revs.input };
    const early = started;
    started = null; // a second run (tags of missing objects left out) is a log of its own
    const same = early !== null && early.input === run.input && early.args.length === args.length && early.args.every((a, i) => a === args[i]);
    if (early !== null && !same) early.cancel();
    // Spooled: the changelog does other work while git walks (tags, annotations, links).
    await spoolGit(ctx, args, run, (text) => parser.push(text), same ? early : null);
    return true;
  });
  if (done) parser.end();
}

/** HEAD's id, author, committer and message: what GTO shows for a version no tag names (`show NAME` of an artifact in artifacts.yaml). */
export interface HeadCommit {
  sha: string;
  info: CommitInfo;
}

const HEAD_FORMAT = '%H%x00%an%x00%ae%x00%ad%x00%cn%x00%ce%x00%B';

/** Parse `git log -1 -z --date=raw --format=HEAD_FORMAT`; null for no output (an unborn branch). */
export function parseHeadCommit(stdout: string): HeadCommit | null {
  if (stdout === '') return null;
  const [sha = '', author = '', authorEmail = '', date = '', committer = '', committerEmail = '', ...message] = stdout.replace(/\0$/, '').split('\0');
  if (!OBJECT_ID.test(sha)) throw new Error(`internal: unexpected git log record '${sha.slice(0, 50)}'`);
  const [time = '0', tz = ''] = date.split(' ');
  return { sha, info: { author, authorEmail, authorTime: Number(time), authorTz: tz, committer, committerEmail, message: message.join('\0') } };
}

/** HEAD's commit with one `git log -1`; null on an unborn branch. */
export async function readHeadCommit(ctx: GitContext): Promise<HeadCommit | null> {
  const r = await runGitText(ctx, ['log', '-1', ...FIXED_LOG_OPTIONS, '--ignore-missing', `--format=${HEAD_FORMAT}`, 'HEAD']);
  return parseHeadCommit(r.stdout);
}

/** The commits reachable from the given revisions, newest first (git's default order), with one `git log`. */
export async function readLog(ctx: GitContext, opts: ReadLogOptions): Promise<LogCommit[]> {
  const commits: LogCommit[] = [];
  await streamLog(ctx, opts, (c) => commits.push(c));
  return commits;
}

/**
 * Parse `git log -z --format=%x01%H --name-only` output: commit id → changed files. Commits
 * listed without files (merges, which `--name-only` does not diff) are left out.
 */
export function parseChangedPaths(stdout: string): Map<string, string[]> {
  const changed = new Map<string, string[]>();
  for (const record of stdout.split('\x01')) {
    if (record === '') continue;
    const end = record.indexOf('\0');
    const sha = end < 0 ? record : record.slice(0, end);
    if (!OBJECT_ID.test(sha)) throw new Error(`internal: unexpected git log record '${sha.slice(0, 50)}'`);
    const files = end < 0 ? [] : record.slice(end + 1).replace(/^\n/, '').split('\0').filter((f) => f !== '');
    if (files.length > 0) changed.set(sha, files);
  }
  return changed;
}

/**
 * The commits reachable from `revisions` that change a file under `paths` (every such commit,
 * `--full-history`), each with the changed files under those paths. One `git log`.
 */
export async function readChangedPaths(ctx: GitContext, opts: ReadLogOptions & { paths: string[] }): Promise<Map<string, string[]>> {
  if (opts.paths.length === 0) return new Map();
  // Literal pathspecs: a model path with '*' or ':' is a file name, not a pattern.
  const stdout = await overRevisions(ctx, opts, async (revs) => {
    const args = ['--literal-pathspecs', 'log', ...FIXED_LOG_OPTIONS, '--format=%x01%H', '--name-only', '--full-history', '--no-renames', ...revs.args, '--', ...opts.paths];
    return (await runGitText(ctx, args, { ...buffered(ctx), input: revs.input })).stdout;
  });
  return stdout === null ? new Map() : parseChangedPaths(stdout);
}
