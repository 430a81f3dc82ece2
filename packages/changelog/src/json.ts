// The changelog as JSON (schemas/changelog.schema.json): the data model without diagnostics,
// keys in a fixed order, so the same repository always gives the same bytes.
import type { CommitEntry } from './commit-log.js';
import type { Changelog, ModelEntry } from './model.js';

export interface ChangelogJson {
  models: Changelog['models'];
}

export function changelogJson(changelog: Changelog): ChangelogJson {
  return { models: changelog.models };
}

// Most of a changelog's JSON is its commit entries (5,000 of them are 3.5 of 3.9 MB). Their text
// can be made as their commits are read, while git is still printing the log (`EntryJsonKeeper`),
// and kept on each entry: rendering the changelog is then JSON.stringify of the rest, the kept
// texts put in. An entry's text is JSON.stringify's at the depth of a version's commits; its url
// is put in at the end (links are known later).
const KEPT = Symbol('entry JSON');
/** `{ models: [ { versions: [ { commits: [ ENTRY`: the depth most entries are written at. */
const ENTRY_DEPTH = 6;
/** Where an entry's url is in its text at ENTRY_DEPTH: before the next key, `trailers`. */
const URL_NULL = `"url": null,\n${' '.repeat(2 * ENTRY_DEPTH + 2)}"trailers": `;
/** Between two entries of a list at ENTRY_DEPTH (deeper lines are indented more). */
const BETWEEN_ENTRIES = `,\n${' '.repeat(2 * ENTRY_DEPTH)}{`;

type Keeping = CommitEntry & { [KEPT]?: string };

const nestings: { prefix: number; suffix: number }[] = [];

/** The JSON of `value` as JSON.stringify(…, null, 2) writes it inside `depth` arrays (or objects). */
function jsonAt(value: unknown, depth: number): string {
  let nested: unknown = value;
  for (let i = 0; i < depth; i++) nested = [nested];
  let nesting = nestings[depth];
  if (nesting === undefined) {
    let zero: unknown = 0;
    for (let i = 0; i < depth; i++) zero = [zero];
    const text = JSON.stringify(zero, null, 2);
    nesting = nestings[depth] = { prefix: text.indexOf('0'), suffix: text.length - text.indexOf('0') - 1 };
  }
  const text = JSON.stringify(nested, null, 2);
  return text.slice(nesting.prefix, text.length - nesting.suffix);
}

/**
 * Renders commit entries as JSON as they are made, and keeps each text on its entry for
 * renderJson: many at once (one JSON.stringify for a few hundred entries costs much less than one
 * each, and its text is not moved by the garbage collector). An entry must not change once added,
 * but for its url (a copy with another url, `{ ...entry, url }`, keeps the text too). Entries of a
 * batch not yet full when the changelog is rendered are rendered then.
 */
export class EntryJsonKeeper {
  private pending: CommitEntry[] = [];

  constructor(private readonly batch = 256) {}

  add(entry: CommitEntry): void {
    if (entry.url !== null) return;
    this.pending.push(entry);
    if (this.pending.length === this.batch) this.flush();
  }

  private flush(): void {
    const entries = this.pending;
    this.pending = [];
    const list = jsonAt(entries, ENTRY_DEPTH - 1);
    let from = list.indexOf('{');
    for (let i = 0; i < entries.length; i++) {
      const end = i + 1 < entries.length ? list.indexOf(BETWEEN_ENTRIES, from) : list.lastIndexOf('}') + 1;
      if (end < 0) return; // not the text expected: rendered then
      (entries[i] as Keeping)[KEPT] = list.slice(from, end);
      from = end + BETWEEN_ENTRIES.length - 1;
    }
  }
}

/** The JSON of a commit entry that has its text kept, at ENTRY_DEPTH. */
function entryJson(entry: CommitEntry): string {
  const kept = (entry as Keeping)[KEPT] as string;
  if (entry.url === null) return kept;
  const at = kept.lastIndexOf(URL_NULL);
  if (at < 0) return jsonAt(entry, ENTRY_DEPTH);
  return kept.slice(0, at + '"url": '.length) + JSON.stringify(entry.url) + kept.slice(at + '"url": null'.length);
}

/**
 * A list of commit entries as JSON, its key indented by `indent`: the kept texts where every entry
 * has one at this depth, else one JSON.stringify of the list (not one per entry: unreleased
 * commits are a level shallower, and the last batch is not rendered yet).
 */
function commitsJson(commits: readonly CommitEntry[], indent: number): string {
  if (commits.length === 0) return '[]';
  const depth = (indent + 2) / 2;
  if (depth !== ENTRY_DEPTH || !commits.every((e) => (e as Keeping)[KEPT] !== undefined)) return jsonAt(commits, depth - 1);
  const itemIndent = `\n${' '.repeat(indent + 2)}`;
  let text = `[${itemIndent}${entryJson(commits[0] as CommitEntry)}`;
  for (let i = 1; i < commits.length; i++) text += `,${itemIndent}${entryJson(commits[i] as CommitEntry)}`;
  return `${text}\n${' '.repeat(indent)}]`;
}

const COMMITS_KEY = '"commits": ';

/**
 * The changelog as JSON: `JSON.stringify({ models }, null, 2)` and a newline. Its models may carry
 * more keys (a view of several registries adds `repo`).
 */
export function renderJson(changelog: { models: readonly ModelEntry[] }): string {
  // Each list of commits is written as its number first: `"commits": N` is a key of ours (a string
  // in JSON has its quotes escaped), replaced by the list, at the depth it is at.
  const lists: (readonly CommitEntry[])[] = [];
  const listed = (commits: readonly CommitEntry[]) => lists.push(commits) - 1;
  const models = changelog.models.map((m) => ({
    ...m,
    unreleased: { ...m.unreleased, commits: listed(m.unreleased.commits) },
    versions: m.versions.map((v) => ({ ...v, commits: listed(v.commits) })),
  }));
  const skeleton = JSON.stringify({ models }, null, 2);
  const parts: string[] = [];
  let from = 0;
  for (let at = skeleton.indexOf(COMMITS_KEY); at >= 0; at = skeleton.indexOf(COMMITS_KEY, from)) {
    const numberAt = at + COMMITS_KEY.length;
    let end = numberAt;
    while (skeleton.charCodeAt(end) >= 48 && skeleton.charCodeAt(end) <= 57) end++;
    parts.push(skeleton.slice(from, numberAt), commitsJson(lists[Number(skeleton.slice(numberAt, end))] as CommitEntry[], at - skeleton.lastIndexOf('\n', at) - 1));
    from = end;
  }
  parts.push(skeleton.slice(from), '\n');
  return parts.join('');
}
