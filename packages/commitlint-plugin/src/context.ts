// What the context rules are given as their value: the artifacts annotated in the commit being
// made and what that commit changes. Plain data, computed once (see load-context.ts); the rules
// never run git themselves.

/** An artifact as the rules need to know it. */
export interface ArtifactRef {
  name: string;
  /** The annotation file that holds it. */
  file: string;
  /** Its path in the repository, when it has one there (not a URL, not GTO-virtual). */
  path?: string;
}

export interface ModelContext {
  /** Artifacts annotated in the index (what the commit will hold). */
  artifacts: ArtifactRef[];
  /** Artifacts annotated at the base but no longer in the index: this commit removes them. */
  removed: ArtifactRef[];
  /**
   * Paths the commit changes (the index against HEAD, or against HEAD^ when amending), and the DVC
   * outputs it changes through dvc.lock hashes and `.dvc` files (a model changes as DVC sees it).
   */
  changedPaths: string[];
  /** Names of artifacts whose annotation entry the commit adds, edits or removes. */
  changedEntries: string[];
  /** A merge is being concluded: its changes come from the merged branch. */
  merging: boolean;
  /** `git commit --amend` was detected: changedPaths is the amended commit's whole change. */
  amending: boolean;
  /** git's `core.commentChar` ('#', another character, or 'auto'). */
  commentChar: string;
}

/** A context with nothing annotated and nothing changed (format rules need only the comment char). */
export function emptyContext(overrides: Partial<ModelContext> = {}): ModelContext {
  return { artifacts: [], removed: [], changedPaths: [], changedEntries: [], merging: false, amending: false, commentChar: '#', ...overrides };
}

/** The changed paths at or below `path` (a file, or a directory artifact). */
export function changedUnder(path: string, changedPaths: readonly string[]): string[] {
  const prefix = `${path}/`;
  return changedPaths.filter((p) => p === path || p.startsWith(prefix));
}

/** Entries compared by what they say, not where they are in the file. */
export interface EntrySnapshot {
  name: string;
  /** Any stable serialisation of the entry's fields. */
  content: string;
}

/**
 * Names whose entry differs between the base and the index, among the annotation files the
 * commit changes: added, edited or removed entries.
 */
export function changedEntryNames(base: readonly EntrySnapshot[], index: readonly EntrySnapshot[]): string[] {
  const before = new Map(base.map((e) => [e.name, e.content]));
  const after = new Map(index.map((e) => [e.name, e.content]));
  const names: string[] = [];
  for (const [name, content] of after) if (before.get(name) !== content) names.push(name);
  for (const name of before.keys()) if (!after.has(name)) names.push(name);
  return names;
}
