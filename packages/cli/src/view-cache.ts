// What `show` prints of a remote registry, kept beside its cached clone and keyed by the digest of
// the remote's tag refs (tag object ids: equal digests, equal tags) and modelreg's version. An
// unchanged remote then costs its `git ls-remote` and a small file read, not a read of every tag.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StageList, SummaryLine } from '@modelreg/core';
import { writeFileAtomic } from '@modelreg/git';
import type { RepoHandle } from './repo.js';
import { VERSION } from './version.js';

export interface CachedSummary extends StageList {
  stages: string[];
  lines: SummaryLine[];
  /** Annotated at HEAD, never registered (`*name` rows). */
  unregistered: string[];
}

/** The shape of a saved summary: a file of an older shape is computed again. */
const LAYOUT = 2;

/** `compute()`, or what it returned last time for the same tags, version and `options`. */
export async function cachedSummary(handle: RepoHandle, options: unknown, compute: () => Promise<CachedSummary>): Promise<CachedSummary> {
  if (handle.tagsDigest === undefined) return compute();
  const key = createHash('sha256').update(JSON.stringify(options)).digest('hex').slice(0, 16);
  const file = join(handle.git.cwd, `modelreg-summary-${key}.json`);
  const stamp = `${VERSION} ${LAYOUT} ${handle.tagsDigest}`;
  const saved = readSaved(file);
  if (saved?.stamp === stamp) return saved.summary;
  const summary = await compute();
  // Replaced at once, as parallel runs may write it while others read it. A cache that cannot be
  // written only costs the next run a read of the tags.
  await writeFileAtomic(file, JSON.stringify({ stamp, summary })).catch(() => {});
  return summary;
}

/** The saved summary, read at once (a small file: an asynchronous read costs several round trips). */
function readSaved(file: string): { stamp?: string; summary: CachedSummary } | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as { stamp?: string; summary: CachedSummary };
  } catch {
    return null;
  }
}
