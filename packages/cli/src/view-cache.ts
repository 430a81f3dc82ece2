// What `show` prints of a remote registry, kept beside its cached clone and keyed by the digest of
// the remote's tag refs (tag object ids: equal digests, equal tags) and modelreg's version. An
// unchanged remote then costs its `git ls-remote` and a small file read, not a read of every tag.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StageList, SummaryLine } from '@modelreg/core';
import { writeFileAtomic } from '@modelreg/git';
import type { RepoHandle } from './repo.js';
import { VERSION } from './version.js';

export interface CachedSummary extends StageList {
  stages: string[];
  lines: SummaryLine[];
}

/** `compute()`, or what it returned last time for the same tags, version and `options`. */
export async function cachedSummary(handle: RepoHandle, options: unknown, compute: () => Promise<CachedSummary>): Promise<CachedSummary> {
  if (handle.tagsDigest === undefined) return compute();
  const key = createHash('sha256').update(JSON.stringify(options)).digest('hex').slice(0, 16);
  const file = join(handle.git.cwd, `modelreg-summary-${key}.json`);
  const stamp = `${VERSION} ${handle.tagsDigest}`;
  const saved = (await readFile(file, 'utf8').then(JSON.parse).catch(() => null)) as { stamp?: string; summary: CachedSummary } | null;
  if (saved?.stamp === stamp) return saved.summary;
  const summary = await compute();
  // Replaced at once, as parallel runs may write it while others read it. A cache that cannot be
  // written only costs the next run a read of the tags.
  await writeFileAtomic(file, JSON.stringify({ stamp, summary })).catch(() => {});
  return summary;
}
