// The commits of one `git log` as the changelog needs them, collected one at a time while git is
// still printing the rest: each commit's model trailers, each model's commits, the parent links
// and the entries of the commits a changelog shows. What is left once git exits is the walk per
// version and the output.
import { commitSubject, isModelTrailerKey, modelTrailers, parseTrailers, type ModelTrailers, type Trailer } from '@modelreg/core';
import { isoInstant } from './dates.js';
import { CommitGraph } from './graph.js';

/**
 * A commit as `@modelreg/git`'s `readLog` returns it (with its raw message), or as `streamLog`
 * with `summaries` does (with the subject git printed; its trailers are given to `CommitLog.add`).
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
  /** Whether `sha` is its one parent, answered without making the `parents` list (`LogSummary` can). */
  hasOnlyParent?(sha: string): boolean;
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
const MODEL_TRAILER_LINE = /^model(?:-[A-Za-z0-9-]*)?[ \t]*:/im;

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
 * The same for a commit of `streamLog`'s summaries: its trailer lines are parsed only when one
 * could be a model trailer (most commits have none, or only `Signed-off-by:`).
 */
export function summaryTrailers(commit: { trailerLines: string; trailers: readonly Trailer[] }): readonly Trailer[] {
  return MODEL_TRAILER_LINE.test(commit.trailerLines) ? parsedCommitTrailers(commit.trailers) : NO_TRAILERS;
}

// What the changelog needs of a commit: its model trailers (the same object for every commit
// without any, so 20,000 plain commits cost nothing).
export type CommitFacts = Pick<ModelTrailers, 'models' | 'all' | 'bump' | 'metrics' | 'data' | 'diagnostics'>;

const NO_FACTS: CommitFacts = { models: [], all: [], metrics: [], data: [], diagnostics: [] };

/** What a commit's trailers (from `commitTrailers`, `parsedCommitTrailers` or `summaryTrailers`) tell the changelog. */
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
  if (commit.hasOnlyParent) return commit.hasOnlyParent(sha);
  return commit.parents.length === 1 && commit.parents[0] === sha;
}

/**
 * The commits of one `git log` (newest first, git's order), added one at a time as they stream
 * in. Each `add` does the work for its commit that does not need the rest of the log, so the
 * changelog is mostly done when git exits.
 */
export class CommitLog {
  readonly commits: CommitInput[] = [];
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
  // Whether a commit's one parent is the next commit (git log usually prints it right after):
  // settled when that commit arrives, so only the parents of the others (merges, roots, parents
  // printed out of order) are listed and looked up, once the log is complete.
  private readonly parentIsNext: number[] = [];

  add(commit: CommitInput, trailers: readonly Trailer[]): void {
    const pos = this.commits.length;
    this.commits.push(commit);
    this.position.set(commit.sha, pos);
    this.parentIsNext.push(0);
    if (pos > 0 && onlyParentIs(this.commits[pos - 1] as CommitInput, commit.sha)) this.parentIsNext[pos - 1] = 1;
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
    this.entries.push(commitEntry(commit, facts));
  }

  /** The log of `commits` at once, with each commit's trailers when the caller has them (parsed from the messages otherwise). */
  static of(commits: readonly CommitInput[], trailers?: readonly (readonly Trailer[])[]): CommitLog {
    const log = new CommitLog();
    commits.forEach((c, i) => log.add(c, trailers?.[i] ?? commitTrailers(c.message ?? '')));
    return log;
  }

  /** The entry of the commit at `pos`, without its link. */
  entry(pos: number): CommitEntry {
    return this.entries[pos] ?? commitEntry(this.commits[pos] as CommitInput, this.facts[pos] as CommitFacts);
  }

  /** The commit graph (parents missing from the log are left out). */
  graph(): CommitGraph {
    const n = this.commits.length;
    const start = new Int32Array(n + 1);
    const list: number[] = [];
    for (let i = 0; i < n; i++) {
      start[i] = list.length;
      if (this.parentIsNext[i] === 1) {
        list.push(i + 1);
        continue;
      }
      for (const p of (this.commits[i] as CommitInput).parents) {
        const at = this.position.get(p);
        if (at !== undefined) list.push(at);
      }
    }
    start[n] = list.length;
    return new CommitGraph(this.position, start, Int32Array.from(list));
  }
}
