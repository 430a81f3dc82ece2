// What the next commit changes: the index against HEAD, in one git call.
import { runGit, type GitContext } from './exec.js';
import { parseZ } from './files.js';

export interface StagedChange {
  /** `A` added, `M` modified, `D` deleted, `T` type changed (renames are a `D` and an `A`). */
  status: string;
  path: string;
}

/** `git diff --name-status -z` output: status and path alternate as NUL-terminated items. */
export function parseNameStatusZ(out: Buffer): StagedChange[] {
  const items = parseZ(out);
  const changes: StagedChange[] = [];
  for (let i = 0; i + 1 < items.length; i += 2) changes.push({ status: items[i]!.charAt(0), path: items[i + 1]! });
  return changes;
}

/**
 * The staged change. Renames are reported as a deletion and an addition, so a moved model file
 * is a deleted path to the integrity rules. On an unborn branch everything staged is added.
 */
export async function stagedChanges(ctx: GitContext): Promise<StagedChange[]> {
  const r = await runGit(ctx, ['diff', '--cached', '--name-status', '-z', '--no-renames', '--no-ext-diff']);
  return parseNameStatusZ(r.stdout);
}
