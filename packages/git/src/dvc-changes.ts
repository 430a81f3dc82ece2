// What commits change as DVC sees it: a dvc.lock entry's hash or a `.dvc` file, read from git
// with one `git cat-file --batch` for every change asked about; core's `outputsChangedBy` decides.
import { isDvcTrackingFile } from '@modelreg/core';
import type { GitContext } from './exec.js';
import { readFilesAtEach } from './staged.js';

/** A change between two revisions ('' is the index) and the paths it changes. */
export interface PathChange {
  before: string;
  after: string;
  paths: readonly string[];
}

/** For each change, the DVC outputs its dvc.lock and `.dvc` files change (none when it touches neither). */
export async function readDvcOutputChanges(ctx: GitContext, changes: readonly PathChange[]): Promise<string[][]> {
  const tracking = changes.map((c) => c.paths.filter(isDvcTrackingFile));
  if (tracking.every((t) => t.length === 0)) return changes.map(() => []);
  const wanted = changes.flatMap((c, i) => tracking[i]!.flatMap((path) => [{ rev: c.before, path }, { rev: c.after, path }]));
  const [files, { outputsChangedBy }] = await Promise.all([readFilesAtEach(ctx, wanted), import('@modelreg/core/annotations')]);
  const content = new Map(files.map((f) => [`${f.rev}:${f.path}`, f.content]));
  return changes.map((c, i) =>
    outputsChangedBy(tracking[i]!.map((path) => ({ path, before: content.get(`${c.before}:${path}`) ?? null, after: content.get(`${c.after}:${path}`) ?? null }))),
  );
}
