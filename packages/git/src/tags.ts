// Reading and writing tags: one git process per operation, however many tags are involved.
import { tmpdir } from 'node:os';
import { GitError, runGit, runGitText, streamGit, type GitContext } from './exec.js';
import { parseTagRecords, tagFormat, tagRecordStream, type TagDetail, type TagRecord } from './parse-refs.js';
import { readTagRefFiles, type TagRefFiles } from './ref-store.js';
import { streamTagObjects } from './tag-objects.js';

export interface ReadTagsOptions {
  /** for-each-ref patterns, e.g. 'refs/tags/model@*'; a pattern without 'refs/' is taken under refs/tags/. */
  patterns?: string[];
  /** Also read the tagged commit's author, committer and message. */
  withCommitInfo?: boolean;
  /** 'light': skip tagger name/email and messages (left ''), which git takes time to print. */
  detail?: TagDetail;
  /**
   * The repository's common git directory: every tag (no patterns, no commit info) is then read
   * from its ref files and one `git cat-file --batch` (see readTagObjects).
   */
  commonDir?: string;
}

/** Every tag (or those matching `patterns`) with one `git for-each-ref` call. */
export async function readTags(ctx: GitContext, opts: ReadTagsOptions = {}): Promise<TagRecord[]> {
  const fast: TagRecord[] = [];
  if (await readTagObjects(ctx, opts, (record) => fast.push(record))) return fast;
  try {
    const { stdout } = await runGitText(ctx, forEachRefArgs(opts));
    return parseTagRecords(stdout, opts.withCommitInfo === true);
  } catch (e) {
    if (!isMissingObject(e)) throw e;
    const records: TagRecord[] = [];
    await readAroundMissing(ctx, opts, 0, (record) => records.push(record));
    return records;
  }
}

function forEachRefArgs(opts: ReadTagsOptions): string[] {
  return ['for-each-ref', `--format=${tagFormat(opts.withCommitInfo === true, opts.detail)}`, '--end-of-options', ...refPatterns(opts.patterns)];
}

function refPatterns(patterns: string[] | undefined): string[] {
  return patterns?.length ? patterns.map(tagPattern) : ['refs/tags'];
}

/**
 * All tags from the ref files and their objects (git starts printing at once, where for-each-ref
 * first reads and sorts them all). False when this route does not apply or doubts a tag: nothing
 * it handed over counts, and for-each-ref answers.
 */
async function readTagObjects(ctx: GitContext, opts: ReadTagsOptions, onRecord: (record: TagRecord) => void): Promise<boolean> {
  if (opts.commonDir === undefined || opts.patterns?.length || opts.withCommitInfo) return false;
  const refs = (await tagRefFiles(ctx, opts.commonDir))?.refs();
  return refs != null && (await streamTagObjects(ctx, refs, opts.detail ?? 'full', onRecord));
}

/** The tag ref files in `commonDir` (see readTagRefFiles), when they are what git would read for `ctx`. */
export async function tagRefFiles(ctx: GitContext, commonDir: string): Promise<TagRefFiles | null> {
  return pointsElsewhere(ctx.env ?? process.env) ? null : readTagRefFiles(commonDir);
}

/** The environment makes git read another repository's refs, or a namespace of them. */
function pointsElsewhere(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.GIT_DIR || env.GIT_COMMON_DIR || env.GIT_NAMESPACE);
}

/**
 * As readTags, handing each record as soon as its bytes arrive: the caller's work on a large
 * registry (100,000 tags) runs while git is still writing, instead of after it. `start()` gives
 * the function that takes the records; it is called again when a read must start over (what the
 * earlier one took then counts for nothing).
 */
export async function streamTagRecords(ctx: GitContext, opts: ReadTagsOptions, start: () => (record: TagRecord) => void): Promise<void> {
  if (await readTagObjects(ctx, opts, start())) return;
  const onRecord = start();
  let delivered = 0;
  const stream = tagRecordStream(opts.withCommitInfo === true, (record) => {
    delivered++;
    onRecord(record);
  });
  try {
    await streamGit(ctx, forEachRefArgs(opts), {}, (text) => stream.push(text));
  } catch (e) {
    if (!isMissingObject(e)) throw e;
    // git printed the tags sorted before the first broken one, whole: the rest comes from here.
    return readAroundMissing(ctx, opts, delivered, onRecord);
  }
  stream.end();
}

/** for-each-ref stops at the first tag whose object (or tagged object) is missing. */
function isMissingObject(e: unknown): boolean {
  return e instanceof GitError && /^fatal: missing object [0-9a-f]+ for refs\//m.test(e.stderr);
}

// Exact ref names per for-each-ref call when some are left out: well below any argument limit.
const PATTERN_CHARS_PER_CALL = 100_000;

/** A tag ref, and whether its object (or one its tag objects lead to) is missing. */
export interface TagRef {
  /** Without "refs/tags/". */
  name: string;
  object: string;
  missing: boolean;
}

/**
 * Every tag ref (or those matching `patterns`) in name order, with which of them lead to a missing
 * object: one listing that reads no object, and one `git cat-file --batch-check`.
 */
export async function tagRefs(ctx: GitContext, patterns?: string[]): Promise<TagRef[]> {
  const listing = await runGitText(ctx, ['for-each-ref', '--format=%(objectname) %(refname)', '--end-of-options', ...refPatterns(patterns)]);
  const refs = listing.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => ({ object: line.slice(0, line.indexOf(' ')), ref: line.slice(line.indexOf(' ') + 1) }));
  // `REF^{}` peels to the end of a tag chain: "missing" when any object on the way is.
  const peeled = await runGitText(ctx, ['cat-file', '--batch-check=%(objecttype)'], { input: refs.map((r) => `${r.ref}^{}\n`).join('') });
  const missing = new Set(peeled.stdout.split('\n').flatMap((line) => (line.endsWith(MISSING) ? [line.slice(0, -MISSING.length)] : [])));
  return refs.map((r) => ({ name: r.ref.slice(TAGS_PREFIX.length), object: r.object, missing: missing.has(r.ref) }));
}

const MISSING = '^{} missing';

/**
 * The tags of a repository with missing objects (a damaged or partial clone), after the first
 * `skip` in name order: those are reported as `missing` and the rest read as usual, by exact
 * name, so one broken tag does not hide the registry. Only this rare case costs more processes.
 */
async function readAroundMissing(ctx: GitContext, opts: ReadTagsOptions, skip: number, onRecord: (record: TagRecord) => void): Promise<void> {
  const refs = (await tagRefs(ctx, opts.patterns)).slice(skip);
  const read = new Map<string, TagRecord>();
  const present = refs.filter((r) => !r.missing);
  for (let i = 0; i < present.length; ) {
    const batch: string[] = [];
    for (let chars = 0; i < present.length && chars < PATTERN_CHARS_PER_CALL; i++) {
      const ref = TAGS_PREFIX + (present[i] as TagRef).name;
      batch.push(ref);
      chars += ref.length + 1;
    }
    const { stdout } = await runGitText(ctx, forEachRefArgs({ ...opts, patterns: batch }));
    for (const record of parseTagRecords(stdout, opts.withCommitInfo === true)) read.set(record.name, record);
  }
  for (const { name, object, missing } of refs) {
    const record = missing ? { name, annotated: false, object, commit: null, tagger: null, message: '', missing: true as const } : read.get(name);
    if (record) onRecord(record);
  }
}

// Keep reads inside refs/tags/ even when a caller passes a bare tag-name pattern.
function tagPattern(p: string): string {
  return p === 'refs/tags' || p.startsWith(TAGS_PREFIX) ? p : `${TAGS_PREFIX}${p}`;
}

const TAGS_PREFIX = 'refs/tags/';

/**
 * `git tag -a NAME COMMIT` with the message on stdin. Tagger identity and date come from the
 * environment (GIT_COMMITTER_NAME/EMAIL/DATE) as git reads them. Fails if the tag exists.
 * `--cleanup=whitespace`: git's default for tags also drops lines starting with '#'.
 */
export async function createAnnotatedTag(ctx: GitContext, t: { name: string; commit: string; message: string }): Promise<void> {
  await runGit(ctx, ['tag', '-a', '--cleanup=whitespace', '-F', '-', '--end-of-options', t.name, t.commit], { input: t.message });
}

/** Delete local tags with one `git tag -d`; fails (after deleting the rest) if one is missing. */
export async function deleteTags(ctx: GitContext, names: string[]): Promise<void> {
  if (names.length === 0) return;
  await runGit(ctx, ['tag', '-d', '--end-of-options', ...names]);
}

/**
 * Push (or delete on the remote) `refs/tags/NAME` for each name in one `git push`; atomic when
 * there are several, so a rejected tag leaves the remote unchanged.
 */
export async function pushTags(ctx: GitContext, remote: string, names: string[], opts: { delete?: boolean } = {}): Promise<void> {
  if (names.length === 0) return;
  const refspecs = names.map((n) => (opts.delete ? `:refs/tags/${n}` : `refs/tags/${n}`));
  await runGit(ctx, ['push', ...(names.length > 1 ? ['--atomic'] : []), '--end-of-options', remote, ...refspecs]);
}

/** Whether `refs/tags/NAME` is a valid ref name for git (no repository needed). */
export async function checkRefFormat(name: string): Promise<boolean> {
  if (name.includes('\0')) return false;
  // Any existing directory will do: the check reads no repository.
  const r = await runGit({ cwd: tmpdir() }, ['check-ref-format', `refs/tags/${name}`], { okExitCodes: [1] });
  return r.exitCode === 0;
}

/**
 * Which of `names` the remote has under refs/tags/ (one `git ls-remote`): by pattern for a few
 * names, else every tag of the remote, filtered here.
 */
export async function remoteTagsAmong(ctx: GitContext, remote: string, names: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  if (names.length === 0) return found;
  const patterns = names.length <= 200 ? names.map((n) => `refs/tags/${n}`) : [];
  const { stdout } = await runGitText(ctx, ['ls-remote', '--tags', '--refs', '--end-of-options', remote, ...patterns]);
  const wanted = new Set(names);
  for (const line of stdout.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const name = line.slice(tab + 1).replace(/^refs\/tags\//, '');
    if (wanted.has(name)) found.add(name);
  }
  return found;
}
