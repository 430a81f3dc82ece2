// Integrity at commit time: an artifact with active registered versions may not disappear from
// the annotation files unless it was deprecated first (its versions would point at nothing).
import type { Diagnostic } from './diagnostics.js';
import { compareVersions } from './semver.js';
import type { Registry } from './registry.js';

/** An annotated artifact, where it is written: enough to name what was removed. */
export interface AnnotatedName {
  name: string;
  file: string;
  at: { line: number; column: number };
}

/** Names annotated before the change (HEAD) but not after it (the index). */
export function removedArtifacts(before: readonly AnnotatedName[], after: Iterable<string>): AnnotatedName[] {
  const still = new Set(after);
  return before.filter((a) => !still.has(a.name));
}

/**
 * One error per removed artifact that is not deprecated and has active registered versions.
 * `registry` needs only the removed artifacts' tags.
 */
export function checkRemovedArtifacts(removed: readonly AnnotatedName[], registry: Registry): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const a of removed) {
    const artifact = registry.artifacts.get(a.name);
    if (!artifact || artifact.deprecated) continue;
    const active = [...artifact.versions.values()]
      .filter((v) => v.registered && v.active)
      .map((v) => v.version)
      .sort(compareVersions);
    if (active.length === 0) continue;
    diagnostics.push({
      code: 'active-artifact-removed',
      severity: 'error',
      file: a.file,
      line: a.at.line,
      column: a.at.column,
      artifact: a.name,
      message: `'${a.name}' is removed from ${a.file}, but it has active registered version${active.length === 1 ? '' : 's'} ${active.join(', ')}`,
      hint: `deprecate it first (modelreg deprecate ${a.name}), or keep its annotation`,
    });
  }
  return diagnostics;
}
