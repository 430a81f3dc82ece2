// CI checkouts are shallow and carry no tags (or, for a tag push, a lightweight copy of the pushed
// tag): fetch every tag of the remote, replacing local ones, so the registry is the remote's.
import { runGit, type GitContext } from './exec.js';

/** `git fetch --force --tags REMOTE`; the remote is a configured name (never an option). */
export async function fetchTags(ctx: GitContext, remote = 'origin'): Promise<void> {
  if (!/^[A-Za-z0-9._][A-Za-z0-9._/-]*$/.test(remote)) throw new Error(`invalid remote name '${remote}'`);
  await runGit(ctx, ['fetch', '--quiet', '--force', '--tags', '--no-recurse-submodules', remote]);
}
