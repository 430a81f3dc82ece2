// The commits of one `git log` as the changelog needs them, collected one at a time while git is
// still printing the rest: each commit's model trailers, each model's commits, the parent links
// and the entries of the commits a changelog shows. What is left once git exits is the walk per
// version and the output.
import { commitSubject, isModelTrailerKey, modelTrailers, parseTrailers, type ModelTrailers, type Trailer } from '@modelreg/core';
import { SUMMARY_FIELD, recordHasOnlyParent, recordId, recordParents } from '@modelreg/git';
import { isoInstant } from './dates.js';
import { CommitGraph } from './graph.js';
import { EntryJsonKeeper } from './json.js';

/**
 * A commit as `@modelreg/git`'s `readLog` returns it (with its raw message), or with the subject
 * git printed instead (as `logSummaryAt` makes one; `CommitLog.add` takes its trailers beside it).
 */
export interface CommitInput {
  sha: string;
  parents: readonly string[];
  author: string;
  authorEmail: string;
  authorTime: number;
  authorTz: string;
  /** The raw message (`%B`): subject and trailers are read from it when not given. */
  message?: string;
  /** The subject as git prints it (`%s`), instead of reading it from `message`. */
  subject?: string;
}

export interface Person {
  name: string;
  email: string;
}

export interface CommitEntry {
  sha: string;
  shortSha: string;
  subject: string;
  author: Person;
  /** Author date, ISO 8601 with the author's offset. */
  date: string;
  url: string | null;
  /** Its `Model` and `Model-*` trailers, as written. */
  trailers: Trailer[];
}

// A line that could be a model trailer (`Model:`, `model-bump :`…); a message without one has
// no model trailer, whatever else it has, and is not parsed.
const MODEL_TRAILER_KEY = String.raw`model(?:-[A-Za-z0-9-]*)?[ \t]*:`;
const MODEL_TRAILER_LINE = new RegExp(`^${MODEL_TRAILER_KEY}`, 'im');
// The same at one place (`lastIndex`), for the trailer lines git printed, read where they lie.
const MODEL_TRAILER_AT = new RegExp(MODEL_TRAILER_KEY, 'iy');

const NO_TRAILERS: readonly Trailer[] = Object.freeze([]);

/** The trailers of a message (none when it cannot hold a model trailer: no need to parse it). */
export function commitTrailers(message: string): readonly Trailer[] {
  return MODEL_TRAILER_LINE.test(message) ? parseTrailers(message) : NO_TRAILERS;
}

/**
 * The same for trailers git already parsed (`%(trailers:unfold,only)`): all of them when one is
 * a model trailer, else none (so a commit with only `Signed-off-by:` costs nothing later).
 */
export function parsedCommitTrailers(trailers: readonly Trailer[]): readonly Trailer[] {
  for (const t of trailers) if (isModelTrailerKey(t.key)) return trailers;
  return NO_TRAILERS;
}

/**
 * Whether one of the trailer lines git printed (`KEY: VALUE` each) in `text` from `from` to `to`
 * could be a model trailer, read where they lie (no string of them). A model trailer's key starts
 * a line; what else matches is settled by parsing.
 */
function mayHoldModelTrailer(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; ) {
    const first = text.charCodeAt(i);
    if (first === 77 || first === 109) {
      MODEL_TRAILER_AT.lastIndex = i;
      if (MODEL_TRAILER_AT.test(text)) return true;
    }
    const nl = text.indexOf('\n', i);
    if (nl < 0 || nl >= to) return false;
    i = nl + 1;
  }
  return false;
}

// What the changelog needs of a commit: its model trailers (the same object for every commit
// without any, so 20,000 plain commits cost nothing).
export type CommitFacts = Pick<ModelTrailers, 'models' | 'all' | 'bump' | 'metrics' | 'data' | 'diagnostics'>;

const NO_FACTS: CommitFacts = { models: [], all: [], metrics: [], data: [], diagnostics: [] };

/** What a commit's trailers (from `commitTrailers` or `parsedCommitTrailers`) tell the changelog. */
export function commitFacts(trailers: readonly Trailer[]): CommitFacts {
  return trailers.length === 0 ? NO_FACTS : modelTrailers(trailers);
}

/** A commit's entry in the changelog, without its link (`url: null`). */
export function commitEntry(commit: CommitInput, facts: CommitFacts): CommitEntry {
  return {
    sha: commit.sha,
    shortSha: commit.sha.slice(0, 7),
    subject: commit.subject ?? commitSubject(commit.message ?? ''),
    author: { name: commit.author, email: commit.authorEmail },
    date: isoInstant(commit.authorTime, commit.authorTz),
    url: null,
    trailers: facts.all,
  };
}

function onlyParentIs(commit: CommitInput, sha: string): boolean {
  return commit.parents.length === 1 && commit.parents[0] === sha;
}

/** A commit with the subject and the trailers git printed, as `@modelreg/git`'s `logSummaryAt` makes it. */
export interface SummaryCommit extends CommitInput {
  readonly trailers: readonly Trailer[];
}

/**
 * `logSummaryAt` of `@modelreg/git`: the commit of the log record at `start` in `text` (`ends`:
 * where its fields end, when known), for a CommitLog fed with `addRecord`.
 */
export type CommitAt = (text: string, start: number, ends?: readonly number[]) => SummaryCommit;

// The trailer lines of a record of `streamLogRecords`, tested here before the record is made a
// commit; its other fields are read with `@modelreg/git`'s record helpers.
const TRAILER_LINES = SUMMARY_FIELD.trailerLines;

/**
 * The commits of one `git log` (newest first, git's order), added one at a time as they stream
 * in. Each `add` does the work for its commit that does not need the rest of the log, so the
 * changelog is mostly done when git exits.
 *
 * A log streamed as records (`addRecord`) keeps most commits where they lie in git's output, as
 * a place in it: only a commit that may carry a model trailer is made an object. An object for
 * each of 20,000 commits was work for the garbage collector while git printed the rest.
 */
export class CommitLog {
  /** What each commit's trailers tell, by position. */
  readonly facts: CommitFacts[] = [];
  /** Commit id → position. */
  readonly position = new Map<string, number>();
  /** Model name → positions of the commits that carry `Model: NAME`, ascending. */
  readonly about = new Map<string, number[]>();
  /** Positions of the commits whose model trailers have problems, ascending. */
  readonly troubled: number[] = [];
  /** The entries of the commits that carry model trailers (those a changelog shows), by position. */
  private readonly entries: (CommitEntry | undefined)[] = [];
  // Each commit as an object where there is one (given to `add`, or made of a record that may
  // carry a model trailer), by position; and where each record lies: which of `texts` (-1 for a
  // commit given as an object) and where in it.
  private readonly inputs: (CommitInput | undefined)[] = [];
  private readonly texts: string[] = [];
  private readonly textOf: number[] = [];
  private readonly recordAt: number[] = [];
  // Whether a commit's one parent is the next commit (git log usually prints it right after):
  // settled when that commit arrives, so only the parents of the others (merges, roots, parents
  // printed out of order) are listed and looked up, once the log is complete.
  private readonly parentIsNext: number[] = [];
  /** How many commits have the next one as their only parent. */
  private parentsNext = 0;
  /** The text the last record lies in (`texts` holds each text once). */
  private lastText = '';
  private readonly json: EntryJsonKeeper | undefined;

  /**
   * `commitAt` makes the commits of records, for a log fed with `addRecord`. With `json`, each
   * entry is rendered as JSON soon after its commit is added, for renderJson.
   */
  constructor(
    private readonly commitAt?: CommitAt,
    options: { json?: boolean } = {},
  ) {
    this.json = options.json ? new EntryJsonKeeper() : undefined;
  }

  /** How many commits it holds. */
  get size(): number {
    return this.inputs.length;
  }

  add(commit: CommitInput, trailers: readonly Trailer[]): void {
    const pos = this.inputs.length;
    this.arrived(pos, commit.sha);
    this.inputs.push(commit);
    this.textOf.push(-1);
    this.recordAt.push(0);
    this.learn(pos, commit, trailers);
  }

  /**
   * Add the commit of a record of `streamLogRecords` (`@modelreg/git`): in `text` from `start`,
   * its fields ending at `ends`. Only one whose trailer lines may hold a model trailer is made a
   * commit (with `commitAt`) and parsed.
   */
  addRecord(text: string, start: number, ends: readonly number[]): void {
    const pos = this.inputs.length;
    this.arrived(pos, recordId(text, start, ends));
    if (text !== this.lastText) this.texts.push(text);
    this.lastText = text;
    this.textOf.push(this.texts.length - 1);
    this.recordAt.push(start);
    if (!mayHoldModelTrailer(text, (ends[TRAILER_LINES - 1] as number) + 1, ends[TRAILER_LINES] as number)) {
      this.inputs.push(undefined);
      this.facts.push(NO_FACTS);
      this.entries.push(undefined);
      return;
    }
    const commit = this.commitAt?.(text, start, ends);
    if (!commit) throw new Error('internal: a CommitLog fed records needs commitAt');
    this.inputs.push(commit);
    this.learn(pos, commit, parsedCommitTrailers(commit.trailers));
  }

  /** The log of `commits` at once, with each commit's trailers when the caller has them (parsed from the messages otherwise). */
  static of(commits: readonly CommitInput[], trailers?: readonly (readonly Trailer[])[]): CommitLog {
    const log = new CommitLog();
    commits.forEach((c, i) => log.add(c, trailers?.[i] ?? commitTrailers(c.message ?? '')));
    return log;
  }

  /** The id of the commit at `pos`. */
  sha(pos: number): string {
    const input = this.inputs[pos];
    if (input) return input.sha;
    const [text, at] = this.record(pos);
    return recordId(text, at);
  }

  /** The entry of the commit at `pos`, without its link. */
  entry(pos: number): CommitEntry {
    return this.entries[pos] ?? commitEntry(this.commit(pos), this.facts[pos] as CommitFacts);
  }

  /** The commit graph (parents missing from the log are left out). */
  graph(): CommitGraph {
    const n = this.inputs.length;
    // Each commit's parent the next, the last one's none in the log: one chain, no lists to make.
    if (n > 0 && this.parentsNext === n - 1 && !this.parents(n - 1).some((p) => this.position.has(p))) return CommitGraph.chain(this.position, n);
    const start = new Int32Array(n + 1);
    const list: number[] = [];
    for (let i = 0; i < n; i++) {
      start[i] = list.length;
      if (this.parentIsNext[i] === 1) {
        list.push(i + 1);
        continue;
      }
      for (const p of this.parents(i)) {
        const at = this.position.get(p);
        if (at !== undefined) list.push(at);
      }
    }
    start[n] = list.length;
    return CommitGraph.of(this.position, start, Int32Array.from(list));
  }

  /** The commit `sha` arrives at `pos`: index it, and tell whether it is the last commit's one parent. */
  private arrived(pos: number, sha: string): void {
    this.position.set(sha, pos);
    this.parentIsNext.push(0);
    if (pos === 0) return;
    const last = this.textOf[pos - 1] as number;
    const isParent = last < 0 ? onlyParentIs(this.inputs[pos - 1] as CommitInput, sha) : recordHasOnlyParent(this.texts[last] as string, this.recordAt[pos - 1] as number, sha);
    if (isParent) {
      this.parentIsNext[pos - 1] = 1;
      this.parentsNext++;
    }
  }

  /** The trailers' part of adding the commit at `pos`. */
  private learn(pos: number, commit: CommitInput, trailers: readonly Trailer[]): void {
    const facts = commitFacts(trailers);
    this.facts.push(facts);
    if (facts === NO_FACTS) {
      this.entries.push(undefined);
      return;
    }
    for (const m of facts.models) {
      const list = this.about.get(m);
      if (list) list.push(pos);
      else this.about.set(m, [pos]);
    }
    if (facts.diagnostics.length > 0) this.troubled.push(pos);
    const entry = commitEntry(commit, facts);
    this.json?.add(entry);
    this.entries.push(entry);
  }

  /** The text the record of the commit at `pos` lies in, and where. */
  private record(pos: number): [string, number] {
    return [this.texts[this.textOf[pos] as number] as string, this.recordAt[pos] as number];
  }

  /** The commit at `pos` as an object (made of its record when it has none). */
  private commit(pos: number): CommitInput {
    const input = this.inputs[pos];
    if (input) return input;
    if (!this.commitAt) throw new Error('internal: a CommitLog fed records needs commitAt');
    return this.commitAt(...this.record(pos));
  }

  /** The parent ids of the commit at `pos`. */
  private parents(pos: number): readonly string[] {
    const input = this.inputs[pos];
    if (input) return input.parents;
    const [text, at] = this.record(pos);
    return recordParents(text, at);
  }
}
