// The history rules of DESIGN §5: what a pushed registry tag (pre-push) or every registry tag
// (`modelreg check`) must satisfy. Pure: tags, config and the facts that need I/O come in as
// data; diagnostics go out. One rule per function; the registry is built once for all of them,
// so a push of thousands of tags is one pass.
import type { RegistryConfig } from './config.js';
import type { Diagnostic } from './diagnostics.js';
import { tagRuleMessages as messages } from './messages.js';
import { listedArtifacts, stageHolders } from './queries.js';
import { buildRegistry, compareEvents, type Registry, type RegistryEvent, type TagInput } from './registry.js';
import { parseTagName } from './tag-grammar.js';

/** One line of pre-push's stdin, reduced to what the rules need. */
export interface RefUpdate {
  /** The remote ref being updated, e.g. `refs/tags/model@v1.0.0`. */
  ref: string;
  /** The object pushed there; null when the push deletes the ref. */
  newId: string | null;
  /** What the remote has there now; null when it does not have the ref. */
  oldId: string | null;
  /** The type of `oldId` when known: a `commit` there is a lightweight tag, which is no registry event. */
  oldType?: string;
}

/** The annotation fields a `fields` rule can ask for (dvc.yaml's vocabulary). */
export interface AnnotationFields {
  path?: string;
  type?: string;
  desc?: string;
  labels?: string[];
  meta?: unknown;
}

/** What `git verify-tag` found out about one tag. */
export interface SignatureFact {
  /** The tag carries a signature at all. */
  signed: boolean;
  /** The signature verifies. */
  valid: boolean;
  /** Why it does not verify (git's or gpg's word), when it does not. */
  problem?: string;
  /** What identifies the signer: key id, fingerprint(s), e-mail, SSH key fingerprint. */
  signer: string[];
}

/** Facts read from git for the rules that need them (see `neededFacts`). */
export interface HistoryFacts {
  /** Annotations by commit, then by artifact name; a commit present here was read. */
  annotationsAt?: Map<string, Map<string, AnnotationFields>>;
  /** By tag name. */
  signatures?: Map<string, SignatureFact>;
  /**
   * The config committed at each commit (see `assignmentCommits`): a tag is judged by the config
   * of its own commit, so an assignment made before a stage was restricted stays history.
   */
  configsAt?: Map<string, RegistryConfig>;
}

/** The commits of the assignments in scope: where the stage rules need the config committed. */
export function assignmentCommits(registry: Registry, only?: ReadonlySet<string>): Set<string> {
  const commits = new Set<string>();
  for (const event of registry.events) if (event.kind === 'assignment' && (!only || only.has(event.tag))) commits.add(event.commit);
  return commits;
}

/** The config a tag is judged by: the one committed at its commit, when read. */
function configOf(event: RegistryEvent, config: RegistryConfig, configsAt: Map<string, RegistryConfig> | undefined): RegistryConfig {
  return configsAt?.get(event.commit) ?? config;
}

export interface HistoryInput {
  /** Every tag of the repository, as `@modelreg/git` reads them. */
  tags: Iterable<TagInput>;
  config: RegistryConfig;
  /** The tags to check (names without `refs/tags/`); every tag when absent. */
  only?: ReadonlySet<string>;
  /** Pre-push ref updates: deletions and moves of registry tags the remote has are refused. */
  updates?: readonly RefUpdate[];
  /** The remote's name, for hints. */
  remote?: string;
  facts?: HistoryFacts;
  /** The registry of `tags`, when the caller has built it already. */
  registry?: Registry;
  /**
   * A push: tags the remote is known to have (see `neededFacts().requiredTags`). A required
   * stage then counts only when its assignment is pushed now or already there.
   */
  remoteTags?: ReadonlySet<string>;
}

/** Registry diagnostics about single tags that make a push (and `check`) fail. */
export const REFUSED_TAG_CODES: ReadonlySet<string> = new Set([
  'malformed-registry-tag',
  'lightweight-registry-tag',
  'version-reused',
  'tag-not-on-commit',
  'two-versions-on-commit',
]);

export const HISTORY_RULE_CODES = [
  ...REFUSED_TAG_CODES,
  'stage-not-allowed',
  'stage-requires',
  'stage-fields',
  'stage-signed',
  'stage-signer',
  'registry-tag-deleted',
  'registry-tag-moved',
] as const;

const TAG_PREFIX = 'refs/tags/';
const error = (code: string, ref: string, message: string, hint: string): Diagnostic => ({ code, severity: 'error', ref, message, hint });

/**
 * The tag-name rules (near misses, lightweight registry tags, reused versions, tags of non-commits,
 * two active versions on one commit):
 * the registry reports them while it reads the tags (so `doctor` says the same); a push refuses them.
 */
export function tagNameRules(registry: Registry, only: ReadonlySet<string> | undefined): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of registry.diagnostics) {
    // A problem of several tags (two versions on one commit) names them all: one in scope is enough.
    if (!REFUSED_TAG_CODES.has(d.code) || d.ref === undefined || (only && !d.ref.split(', ').some((ref) => only.has(ref)))) continue;
    out.push(d.severity === 'error' ? d : { ...d, severity: 'error' });
  }
  return out;
}

/** `stages:` in the config: an assignment must name an allowed stage (unassigning any stage is fine). */
export function stageAllowedRule(event: RegistryEvent, config: RegistryConfig): Diagnostic | null {
  const stages = config.stages;
  if (event.kind !== 'assignment' || !stages || stages.includes(event.stage as string)) return null;
  const stage = event.stage as string;
  const suggestion = stages.find((s) => s.toLowerCase() === stage.toLowerCase()) ?? stages.find((s) => s.startsWith(stage) || stage.startsWith(s));
  return error(
    'stage-not-allowed',
    event.tag,
    messages.stageNotAllowed(event.tag, stage, config.file ?? 'the config'),
    messages.stageNotAllowedHint(stages, suggestion),
  );
}

/** The earlier assignments of each stage `rules.STAGE.requires` names for this assignment's version. */
function requiredAssignments(event: RegistryEvent, registry: Registry, config: RegistryConfig): Map<string, RegistryEvent[]> | null {
  const required = event.kind === 'assignment' ? config.rules?.[event.stage as string]?.requires : undefined;
  if (!required || required.length === 0) return null;
  const version = registry.artifacts.get(event.artifact)?.versions.get(event.version as string);
  const result = new Map<string, RegistryEvent[]>();
  for (const stage of required) {
    result.set(stage, version?.stages.get(stage)?.assignments.filter((a) => compareEvents(a, event) < 0) ?? []);
  }
  return result;
}

/**
 * `rules.STAGE.requires`: the same version was assigned each required stage before this
 * assignment. With `published` (a push), that earlier assignment must also reach the remote:
 * be pushed now or be there already.
 */
export function stageRequiresRule(
  event: RegistryEvent,
  registry: Registry,
  config: RegistryConfig,
  published?: (tag: string) => boolean,
): Diagnostic | null {
  const earlier = requiredAssignments(event, registry, config);
  if (!earlier) return null;
  const missing: string[] = [];
  const unpublished: string[] = [];
  for (const [stage, assignments] of earlier) {
    if (assignments.length === 0) missing.push(stage);
    else if (published && !assignments.some((a) => published(a.tag))) unpublished.push((assignments[assignments.length - 1] as RegistryEvent).tag);
  }
  const v = event.version as string;
  const stage = event.stage as string;
  if (missing.length > 0) {
    return error(
      'stage-requires',
      event.tag,
      messages.stageRequires(event.tag, stage, event.artifact, v, missing),
      messages.stageRequiresHint(event.artifact, v, missing),
    );
  }
  if (unpublished.length === 0) return null;
  return error(
    'stage-requires',
    event.tag,
    messages.stageRequiresUnpushed(event.tag, stage, event.artifact, v, unpublished),
    messages.stageRequiresUnpushedHint(unpublished),
  );
}

/** Whether an annotation has a field: `desc`, `labels`, `meta.owner`, `meta.metrics.accuracy`… */
export function hasField(a: AnnotationFields, field: string): boolean {
  const [head, ...rest] = field.split('.');
  let value: unknown = (a as Record<string, unknown>)[head as string];
  for (const key of rest) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
    value = (value as Record<string, unknown>)[key];
  }
  if (value === undefined || value === null || value === '') return false;
  return !(Array.isArray(value) && value.length === 0);
}

/** `rules.STAGE.fields`: the artifact's annotation at the version's commit has every field. */
export function stageFieldsRule(event: RegistryEvent, config: RegistryConfig, facts: HistoryFacts): Diagnostic | null {
  const fields = event.kind === 'assignment' ? config.rules?.[event.stage as string]?.fields : undefined;
  if (!fields || fields.length === 0) return null;
  const atCommit = facts.annotationsAt?.get(event.commit);
  if (!atCommit) throw new Error(`internal: annotations at ${event.commit} were not read (neededFacts)`);
  const annotation = atCommit.get(event.artifact);
  const missing = annotation ? fields.filter((f) => !hasField(annotation, f)) : [...fields];
  if (missing.length === 0) return null;
  return error(
    'stage-fields',
    event.tag,
    messages.stageFields(event.tag, event.stage as string, event.artifact, event.commit, missing, annotation !== undefined),
    messages.stageFieldsHint(event.artifact, missing),
  );
}

/** `rules.STAGE.signed` / `signers`: the stage tag carries a good signature, by an allowed signer. */
export function stageSignedRule(event: RegistryEvent, config: RegistryConfig, facts: HistoryFacts): Diagnostic | null {
  const rule = event.kind === 'assignment' ? config.rules?.[event.stage as string] : undefined;
  if (!rule || !(rule.signed || (rule.signers && rule.signers.length > 0))) return null;
  const stage = event.stage as string;
  const fact = facts.signatures?.get(event.tag);
  if (!fact) throw new Error(`internal: the signature of ${event.tag} was not read (neededFacts)`);
  if (!fact.signed) return error('stage-signed', event.tag, messages.stageUnsigned(event.tag, stage), messages.stageSignedHint(event.tag));
  if (!fact.valid) {
    return error('stage-signed', event.tag, messages.stageBadSignature(event.tag, stage, fact.problem ?? 'bad signature'), messages.stageSignedHint(event.tag));
  }
  const signers = rule.signers;
  if (!signers || signers.length === 0) return null;
  const norm = (s: string) => s.toLowerCase();
  const ids = fact.signer.map(norm);
  // A key id is the low 64 bits of a fingerprint: either form in the config matches either form.
  const allowed = signers.some((s) => ids.some((id) => id === norm(s) || (/^[0-9a-f]{16}$/i.test(s) && id.endsWith(norm(s)))));
  if (allowed) return null;
  return error('stage-signer', event.tag, messages.stageSigner(event.tag, stage, fact.signer[0] ?? 'an unknown key'), messages.stageSignerHint(signers));
}

/** Deleting or moving a registry tag the remote already has rewrites history: refused. */
export function refUpdateRule(update: RefUpdate, registry: Registry, remote: string): Diagnostic | null {
  const tag = tagNameOfRef(update.ref);
  if (tag === null || update.oldId === null || update.newId === update.oldId) return null;
  // Replacing or removing a lightweight tag (pushed past the hook) fixes it: it was never an event.
  if (update.oldType === 'commit') return null;
  const parsed = parseTagName(tag);
  if (!parsed || parsed.kind === 'created') return null;
  if (update.newId !== null) {
    return error('registry-tag-moved', tag, messages.moved(tag, update.oldId, update.newId), messages.movedHint(tag, remote));
  }
  let undo: string;
  const version = registry.artifacts.get(parsed.artifact)?.events.find((e) => e.tag === tag)?.version ?? parsed.version ?? 'VERSION';
  switch (parsed.kind) {
    case 'registration':
      undo = `modelreg deprecate ${parsed.artifact} ${parsed.version as string} (deregisters it)`;
      break;
    case 'assignment':
      undo = `modelreg deprecate ${parsed.artifact} ${version} ${parsed.stage as string} (unassigns it)`;
      break;
    case 'deregistration':
      undo = `modelreg register ${parsed.artifact} --version ${parsed.version as string} (registers it again)`;
      break;
    case 'unassignment':
      undo = `modelreg assign ${parsed.artifact} --version ${version} --stage ${parsed.stage as string} (assigns it again)`;
      break;
    case 'deprecation':
      undo = `register or assign a version of ${parsed.artifact} (any later event re-activates it)`;
      break;
  }
  return error('registry-tag-deleted', tag, messages.deleted(tag), messages.deletedHint(undo));
}

export interface NeededFacts {
  /** Commits whose annotation files a `fields` rule reads. */
  fieldCommits: Set<string>;
  /** Tags whose stage must be signed. */
  signedTags: string[];
  /** With `only` (a push): earlier assignments that satisfy a `requires` rule but are not pushed now (does the remote have them?). */
  requiredTags: string[];
}

/** Which facts the rules will need for these tags: the caller reads exactly these from git. */
export function neededFacts(
  registry: Registry,
  config: RegistryConfig,
  only?: ReadonlySet<string>,
  configsAt?: Map<string, RegistryConfig>,
): NeededFacts {
  const needed: NeededFacts = { fieldCommits: new Set(), signedTags: [], requiredTags: [] };
  const required = new Set<string>();
  for (const event of registry.events) {
    if (event.kind !== 'assignment' || (only && !only.has(event.tag))) continue;
    const own = configOf(event, config, configsAt);
    const rule = own.rules?.[event.stage as string];
    if (!rule) continue;
    if (rule.fields && rule.fields.length > 0) needed.fieldCommits.add(event.commit);
    if (rule.signed || (rule.signers && rule.signers.length > 0)) needed.signedTags.push(event.tag);
    if (only && rule.requires && rule.requires.length > 0) {
      for (const assignments of requiredAssignments(event, registry, own)?.values() ?? []) {
        if (!assignments.some((a) => only.has(a.tag))) for (const a of assignments) required.add(a.tag);
      }
    }
  }
  needed.requiredTags = [...required];
  return needed;
}

/**
 * The assignment that puts each stage's holder there now, by artifact then stage (as `show`
 * answers). A deprecated artifact holds no stage: any new event would re-activate it.
 */
export function currentAssignments(registry: Registry): Map<string, Map<string, RegistryEvent>> {
  const result = new Map<string, Map<string, RegistryEvent>>();
  for (const artifact of listedArtifacts(registry)) {
    const byStage = new Map<string, RegistryEvent>();
    for (const [stage, [holder]] of stageHolders(artifact)) if (holder?.lastAssignment) byStage.set(stage, holder.lastAssignment);
    result.set(artifact.name, byStage);
  }
  return result;
}

/**
 * Every history rule over the tags in scope (`only`, else all, with the registry's other
 * diagnostics), plus the ref-update rules for a push. Ref updates (deletions, moves) come first,
 * then tag-name problems, then stage rules in registry order. Over all tags, the stage rules
 * judge only the current stage holders: an older assignment (immutable, and no longer in force)
 * that breaks a rule tightened since is a warning, so history cannot keep CI red.
 */
export function checkHistory(input: HistoryInput): Diagnostic[] {
  const registry = input.registry ?? buildRegistry(input.tags);
  const { config, only } = input;
  const facts = input.facts ?? {};
  const remoteTags = input.remoteTags;
  const published = remoteTags ? (tag: string) => remoteTags.has(tag) || only?.has(tag) === true : undefined;
  const out: Diagnostic[] = [];
  for (const update of input.updates ?? []) {
    const d = refUpdateRule(update, registry, input.remote ?? 'origin');
    if (d) out.push(d);
  }
  out.push(...tagNameRules(registry, only));
  // Over the whole repository, the registry's other findings too (as `doctor` words them).
  if (!only) out.push(...registry.diagnostics.filter((d) => !REFUSED_TAG_CODES.has(d.code)));
  const current = only ? undefined : currentAssignments(registry);
  for (const event of registry.events) {
    if (event.kind !== 'assignment' || (only && !only.has(event.tag))) continue;
    const holder = current?.get(event.artifact)?.get(event.stage as string);
    const older = current !== undefined && holder?.tag !== event.tag;
    const own = configOf(event, config, facts.configsAt);
    for (const d of [
      stageAllowedRule(event, own),
      stageRequiresRule(event, registry, own, published),
      stageFieldsRule(event, own, facts),
      stageSignedRule(event, own, facts),
    ]) {
      if (!d) continue;
      out.push(older ? { ...d, severity: 'warning', hint: messages.olderAssignmentHint(event.artifact, event.stage as string, holder?.tag) } : d);
    }
  }
  return out;
}

/** `refs/tags/X` or `X` → `X`; null for any other ref (`refs/heads/main`). */
export function tagNameOfRef(ref: string): string | null {
  if (ref.startsWith(TAG_PREFIX)) return ref.slice(TAG_PREFIX.length);
  return ref.startsWith('refs/') ? null : ref;
}
