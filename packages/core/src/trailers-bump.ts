// `register --bump auto`: the SemVer part to bump, from the `Model-Bump:` trailers of the commits
// made for an artifact since its last version. Pure: the caller reads the commits.
import type { Artifact, ModelVersion } from './registry.js';
import { compareVersions, type BumpPart } from './semver.js';
import type { Trailer } from './trailers.js';
import { BUMP_RANK, modelTrailers } from './trailers-model.js';

export interface BumpCommit {
  sha: string;
  subject: string;
  trailers: readonly Trailer[];
}

export interface BumpReason {
  sha: string;
  subject: string;
  part: BumpPart;
}

export interface BumpDecision {
  part: BumpPart;
  /** The commits whose `Model-Bump:` decided `part` (empty when it defaulted to patch). */
  reasons: BumpReason[];
  /** How many of the given commits are about the artifact (carry `Model: NAME`). */
  commits: number;
  /** `Model-Bump:` values of those commits that are no bump part, so did not count (what each problem says). */
  ignored: { sha: string; subject: string; message: string }[];
}

/**
 * The highest `Model-Bump:` among the commits that carry `Model: ARTIFACT`; patch when none
 * says. Commits about other artifacts do not count, whatever their bump.
 */
export function bumpFromTrailers(artifact: string, commits: readonly BumpCommit[]): BumpDecision {
  let part: BumpPart | undefined;
  let reasons: BumpReason[] = [];
  let relevant = 0;
  const ignored: BumpDecision['ignored'] = [];
  for (const c of commits) {
    const m = modelTrailers(c.trailers);
    if (!m.models.includes(artifact)) continue;
    relevant++;
    for (const d of m.diagnostics) if (d.code === 'trailer-bump-value') ignored.push({ sha: c.sha, subject: c.subject, message: d.message });
    if (!m.bump) continue;
    const reason = { sha: c.sha, subject: c.subject, part: m.bump };
    if (!part || BUMP_RANK[m.bump] > BUMP_RANK[part]) {
      part = m.bump;
      reasons = [reason];
    } else if (m.bump === part) reasons.push(reason);
  }
  return { part: part ?? 'patch', reasons, commits: relevant, ignored };
}

/** The version a bump starts from: the greatest ever registered (as `register` bumps it). */
export function greatestRegistered(artifact: Artifact | undefined): ModelVersion | undefined {
  let greatest: ModelVersion | undefined;
  for (const v of artifact?.versions.values() ?? []) {
    if (v.registered && (!greatest || compareVersions(v.version, greatest.version) > 0)) greatest = v;
  }
  return greatest;
}
