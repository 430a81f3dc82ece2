// The history rules with the facts they need read from git: shared by the pre-push hook,
// `modelreg check` and `modelreg doctor`, so CI runs exactly what the hook ran. Reads stay
// proportional to what the rules ask for: one for-each-ref for the tags, one cat-file for the
// config at the assignments' commits, annotation files only at commits whose stage has `fields`
// rules, `git verify-tag` only for tags whose stage must be signed.
import {
  ANNOTATION_PATHSPECS,
  annotationFormat,
  assignmentCommits,
  buildRegistry,
  checkHistory,
  neededFacts,
  type AnnotationFields,
  type Diagnostic,
  type RefUpdate,
  type Registry,
  type RegistryConfig,
  type SignatureFact,
} from '@modelreg/core';
import type { Annotation } from '@modelreg/core/annotations';
import { readConfigsAt, readFilesAtRevisions, readTags, remoteTagsAmong, verifyTag, type GitContext, type TagRecord } from '@modelreg/git';

export interface HistoryCheckOptions {
  config: RegistryConfig;
  /** The tags to check (names without refs/tags/); all when absent. */
  only?: ReadonlySet<string>;
  /** Pre-push ref updates. */
  updates?: readonly RefUpdate[];
  /** The remote pushed to (name or URL): asked which required stage tags it has, when a `requires` rule needs to know. */
  remote?: string;
  /** Every tag, when the caller has read them already. */
  tags?: TagRecord[];
  /** Judge every tag by `config` instead of the config committed at its commit (`check --ref X --staged`). */
  configForAll?: boolean;
}

export interface HistoryCheck {
  diagnostics: Diagnostic[];
  tags: TagRecord[];
  registry: Registry;
}

/**
 * Annotations of every annotation file at each commit: one listing per commit (a few at a time)
 * and one read for all of them; a file unchanged between commits is parsed once.
 */
async function annotationsAt(git: GitContext, commits: Iterable<string>): Promise<Map<string, Map<string, AnnotationFields>>> {
  const result = new Map<string, Map<string, AnnotationFields>>();
  const list = [...commits];
  if (list.length === 0) return result;
  const [filesAt, { parseAnnotationFile }] = await Promise.all([
    readFilesAtRevisions(git, list, { pathspecs: ANNOTATION_PATHSPECS, matches: (p) => annotationFormat(p) !== null }),
    import('@modelreg/core/annotations'),
  ]);
  const parsed = new Map<string, Annotation[]>();
  for (const [commit, files] of filesAt) {
    const byArtifact = new Map<string, AnnotationFields>();
    for (const file of files) {
      // The path names the artifacts (`dir/dvc.yaml` holds `dir:NAME`), so it is part of the key.
      const key = `${file.sha} ${file.path}`;
      let annotations = parsed.get(key);
      if (!annotations) parsed.set(key, (annotations = parseAnnotationFile(file.path, file.content).annotations));
      for (const a of annotations) byArtifact.set(a.name, a);
    }
    result.set(commit, byArtifact);
  }
  return result;
}

/** Each tag verified by its object id: in a push, the object being pushed under that name. */
async function signatures(git: GitContext, names: string[], tags: TagRecord[]): Promise<Map<string, SignatureFact>> {
  const result = new Map<string, SignatureFact>();
  if (names.length === 0) return result;
  const byName = new Map(tags.map((t) => [t.name, t]));
  for (const name of names) {
    const record = byName.get(name);
    if (record?.signature === undefined) {
      result.set(name, { signed: false, valid: false, signer: [] });
      continue;
    }
    const v = await verifyTag(git, record.object);
    result.set(name, { signed: true, valid: v.valid, signer: v.signer, ...(v.problem !== undefined ? { problem: v.problem } : {}) });
  }
  return result;
}

/** Run every history rule over the tags in scope, reading exactly the facts they need. */
export async function runHistoryCheck(git: GitContext, opts: HistoryCheckOptions): Promise<HistoryCheck> {
  const tags = opts.tags ?? (await readTags(git));
  const registry = buildRegistry(tags);
  // Each assignment is judged by the config committed at its own commit (pre-push, check and doctor alike).
  const configsAt = new Map<string, RegistryConfig>();
  if (!opts.configForAll) {
    for (const [commit, file] of await readConfigsAt(git, assignmentCommits(registry, opts.only))) configsAt.set(commit, file.config);
  }
  const needed = neededFacts(registry, opts.config, opts.only, configsAt);
  const facts = {
    annotationsAt: await annotationsAt(git, needed.fieldCommits),
    signatures: await signatures(git, needed.signedTags, tags),
    configsAt,
  };
  // A push: a required earlier stage must reach the remote too; ask it only about those tags.
  const remoteTags =
    opts.updates && opts.remote !== undefined && needed.requiredTags.length > 0 ? await remoteTagsAmong(git, opts.remote, needed.requiredTags) : undefined;
  const diagnostics = checkHistory({
    tags,
    registry,
    config: opts.config,
    facts,
    ...(opts.only ? { only: opts.only } : {}),
    ...(opts.updates ? { updates: opts.updates } : {}),
    ...(opts.remote !== undefined ? { remote: opts.remote } : {}),
    ...(remoteTags ? { remoteTags } : {}),
  });
  return { diagnostics, tags, registry };
}
