// The registry index: what `show` and `stages` need of each artifact, kept in the repository's git
// directory (<common dir>/modelreg/, never committed) and keyed by the tag ref files it was
// computed from. Unchanged refs: the answer is read back, no tag is read. Changed refs: only the
// artifacts whose tags changed are read again (one `git cat-file --batch` for their tags). Any
// doubt (another format or modelreg version, a damaged file, refs git would read differently)
// means computing it afresh; the answer is the same with or without the index.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { artifactNameToTag, artifactSummary, registryCollector, summaryOf, tagToArtifactName, type ArtifactSummary, type StateOrderKey, type SummaryLine, type ViewOptions } from '@modelreg/core';
import { changedTagNames, streamTagObjects, tagRefFiles, type GitContext, type TagRecord, type TagRefFiles, type TagRefList } from '@modelreg/git';
import { indexFilePath, parseIndexFile, parseJson, writeIndexFile } from './index-file.js';
import { loadRegistryOnly, type RepoHandle } from './repo.js';
import { VERSION } from './version.js';

const FORMAT = 3;

/** Whether a command may use the index: not with `--no-cache` (`flag` false) or `MODELREG_NO_CACHE=1`. */
export function indexWanted(env: NodeJS.ProcessEnv, flag: boolean | undefined): boolean {
  const off = env.MODELREG_NO_CACHE;
  return flag !== false && (off === undefined || off === '' || off === '0');
}

/** The registry view of `show`: its rows in order, the stages in use, and the artifacts it does not list. */
export interface RegistryView {
  lines: SummaryLine[];
  /** Stages some artifact holds (the columns, unless the config lists its own). */
  stages: string[];
  /** Artifacts of the registry without a row (deprecated ones, without `all`). */
  unlisted: string[];
}

/** What an update starts from, beside the view: each artifact's summary but its row (that is in the view). */
interface IndexParts {
  artifacts: [name: string, order: StateOrderKey, stages: string[]][];
  /** The tag ref files they were computed from, as TagRefFiles.listing() gives them. */
  refs: Buffer;
}

/** The registry view under `view`: from the index when it can answer, else from the tags (and then indexed). */
export async function registryView(handle: RepoHandle, view: ViewOptions, opts: { cache: boolean }): Promise<RegistryView> {
  const files = await tagRefFiles(handle.git, handle.commonDir);
  if (!files || !opts.cache) return viewOf(await fromTags(handle, view, files?.refs() ?? null));
  const file = indexPath(handle, view);
  // Hashing packed-refs takes a while at 100,000 tags: only an index on disk needs it first.
  let digest: string | undefined;
  const digestOnce = () => (digest ??= files.digest());
  const saved = await readIndex(file, digestOnce);
  if (saved?.current) return saved.current;
  const refs = files.refs();
  const updated = refs && (await update(handle, files, refs, view, saved?.previous(), digestOnce));
  // Doubted by the ref files or a tag object: for-each-ref answers, not the same reader again.
  if (!updated) return viewOf(await fromTags(handle, view, null));
  const fresh = viewOf(updated.summaries);
  await writeIndex(file, digestOnce(), fresh, { artifacts: updated.summaries.map((a) => [a.name, a.order, a.stages]), refs: updated.listing });
  return fresh;
}

/**
 * The registry view under `view` as the index holds it for the tag refs as they are now; null
 * when the index cannot answer alone (registryView then reads tags). Reads no tag.
 */
export async function indexedView(handle: RepoHandle, view: ViewOptions): Promise<RegistryView | null> {
  const path = indexPath(handle, view);
  // No index yet (the first read, or after `rm -rf .git/modelreg`): the ref files are not read for nothing.
  if (!existsSync(path)) return null;
  const files = await tagRefFiles(handle.git, handle.commonDir);
  if (!files) return null;
  return (await readIndex(path, () => files.digest()))?.current ?? null;
}

/** The names of every artifact in a view, listed or not. */
export const viewNames = (view: RegistryView): string[] => [...view.lines.map((l) => l.name), ...view.unlisted];

/** Every artifact's summary from the tags of `refs` (the ref files' list), or from for-each-ref when there is none or a tag is doubted. */
async function fromTags(handle: RepoHandle, view: ViewOptions, refs: TagRefList | null): Promise<ArtifactSummary[]> {
  const read = refs && (await summariesOfTags(handle.git, refs, view));
  if (read) return read;
  return [...(await loadRegistryOnly(handle, { detail: 'light', refFiles: false })).artifacts.values()].map((a) => artifactSummary(a, view));
}

/**
 * The summaries of the artifacts tagged in `refs`, from their tag objects; null when a tag was
 * doubted (for-each-ref must answer). Each artifact is built and summed up as soon as its last tag
 * is in, while git still reads: its events are garbage by the end, and little is left to do then.
 */
async function summariesOfTags(git: GitContext, refs: TagRefList, view: ViewOptions): Promise<ArtifactSummary[] | null> {
  const collector = registryCollector({ takenEarly: true });
  const summaries: ArtifactSummary[] = [];
  let left: Map<string, number> | null = null;
  let doubt = false;
  const onRecord = (record: TagRecord) => {
    const artifact = collector.add(record);
    if (artifact === undefined) return; // no registry tag: its artifact (if any) waits for finish()
    left ??= tagsPerArtifact(refs); // counted once git has started, not before
    const count = (left.get(artifact) ?? 0) - 1;
    left.set(artifact, count);
    if (count < 0) doubt = true; // a tag of an artifact already summed up: the grammar says never
    if (count !== 0) return;
    const done = collector.take(artifact);
    if (done) summaries.push(artifactSummary(done, view));
  };
  // The collector sorts each artifact's tags itself: any order will do.
  if (!(await streamTagObjects(git, refs, 'light', onRecord, { anyOrder: true })) || doubt) return null;
  // An artifact one of whose tags was no registry tag is still in the collector.
  for (const artifact of collector.finish().artifacts.values()) summaries.push(artifactSummary(artifact, view));
  return summaries;
}

/**
 * How many refs name each artifact: those whose name starts with its name in tag form (see groupOf).
 * The refs are in name order, so an artifact's are mostly one run, each counted without a lookup.
 */
function tagsPerArtifact(refs: TagRefList): Map<string, number> {
  const counts = new Map<string, number>();
  let group = '';
  let artifact = '';
  let run = 0;
  const close = () => {
    if (run > 0) counts.set(artifact, (counts.get(artifact) ?? 0) + run);
    run = 0;
  };
  for (let i = 0; i < refs.length; i++) {
    const name = refs.name(i);
    const next = name.charCodeAt(group.length);
    if (run > 0 && (next === AT || next === HASH) && name.startsWith(group)) {
      run++;
      continue;
    }
    close();
    const own = groupOf(name);
    if (own === null) continue;
    group = own;
    artifact = tagToArtifactName(own);
    run = 1;
  }
  close();
  return counts;
}

const AT = 64;
const HASH = 35;

function viewOf(artifacts: ArtifactSummary[]): RegistryView {
  return { ...summaryOf(artifacts), unlisted: artifacts.filter((a) => a.line === null).map((a) => a.name) };
}

/** The summaries an index file holds: its parts, with each listed artifact's row from its view. */
function summariesOf(view: RegistryView, parts: IndexParts): ArtifactSummary[] {
  const rows = new Map(view.lines.map((l) => [l.name, l]));
  return parts.artifacts.map(([name, order, stages]) => ({ name, line: rows.get(name) ?? null, order, stages }));
}

/** The index file of `view`: named by the options a summary depends on. */
function indexPath(handle: RepoHandle, view: ViewOptions): string {
  const key = [view.all === true, view.versionsPerStage ?? 1, view.assignmentsPerVersion ?? -1, view.sort ?? 'timestamp', view.registeredOnly === true];
  return indexFilePath(handle.commonDir, 'summary', JSON.stringify(key));
}

/**
 * The index for `refs` (of `files`): the artifacts of `previous` whose tags did not change, and
 * those whose tags did read again. Null when a tag could not be read this way (then no index is written).
 */
async function update(
  handle: RepoHandle,
  files: TagRefFiles,
  refs: TagRefList,
  view: ViewOptions,
  previous: { view: RegistryView; parts: IndexParts } | null | undefined,
  digest: () => string,
): Promise<{ summaries: ArtifactSummary[]; listing: Buffer } | null> {
  const listing = files.listing();
  const names = previous ? changedTagNames(previous.parts.refs, listing) : null;
  const changed = names && new Set(names.flatMap((name) => groupOf(name) ?? []));
  const toRead = changed ? refs.filter((name) => changed.has(groupOf(name) as string)) : refs;
  const reading = summariesOfTags(handle.git, toRead, view);
  // git has started and writes into its spool meanwhile: what is kept, and the digest, cost no wait.
  const kept = changed && previous ? summariesOf(previous.view, previous.parts).filter((a) => !changed.has(artifactNameToTag(a.name))) : [];
  digest();
  const read = await reading;
  return read && { summaries: kept.concat(read), listing };
}

/** The part of a tag name an artifact's tags share (its name in tag form); null for names no registry tag has. */
function groupOf(name: string): string | null {
  const at = name.indexOf('@');
  const hash = name.indexOf('#');
  const end = at < 0 ? hash : hash < 0 ? at : Math.min(at, hash);
  return end > 0 ? name.slice(0, end) : null;
}

/**
 * The index file (see index-file.ts): a header (format, modelreg's version, the digest of the ref
 * files it was computed from), the view (all an unchanged read parses), the artifacts' parts, and
 * those ref files as read (packed-refs as it is, then the loose refs). Anything else, or a part that
 * does not match its digest, is no index.
 */
async function readIndex(path: string, refs: () => string): Promise<{ current: RegistryView | null; previous(): { view: RegistryView; parts: IndexParts } | null } | null> {
  const file = parseIndexFile(await readFile(path).catch(() => null), PARTS, { format: FORMAT, modelreg: VERSION });
  if (!file) return null;
  const json = (name: string) => {
    const bytes = file.part(name);
    return bytes && parseJson(bytes.toString('utf8'));
  };
  const view = () => json('view') as RegistryView | null;
  return {
    current: file.header.refs === refs() ? view() : null,
    previous() {
      const [v, artifacts, list] = [view(), json('artifacts'), file.part('list')];
      if (!v || !Array.isArray(artifacts) || !list) return null;
      return { view: v, parts: { artifacts: artifacts as IndexParts['artifacts'], refs: list } };
    },
  };
}

const PARTS = ['view', 'artifacts', 'list'];

async function writeIndex(path: string, refs: string, view: RegistryView, parts: IndexParts): Promise<void> {
  await writeIndexFile(path, { format: FORMAT, modelreg: VERSION, refs }, [
    ['view', Buffer.from(JSON.stringify(view))],
    ['artifacts', Buffer.from(JSON.stringify(parts.artifacts))],
    ['list', parts.refs],
  ]);
}
