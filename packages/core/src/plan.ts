// Write commands, planned as data: which annotated tags to create (or delete) and why not.
// Pure: the caller reads the tags, resolves revisions, and applies the plan with git.
import type { RegistryConfig } from './config.js';
import { ModelregError } from './errors.js';
import { tagMessages } from './messages.js';
import { artifactNameToTag, isValidTagRefName } from './names.js';
import { stageHolders } from './queries.js';
import { greatestRegistered } from './trailers-bump.js';
import type { Artifact, ModelVersion, Registry } from './registry.js';
import { type BumpPart, bumpVersion, formatVersion, parseVersion, samePrecedence } from './semver.js';
import { type ParsedTagName, formatTagName, parseTagName } from './tag-grammar.js';
import { assertArtifactName, assertStageName, assertVersion } from './validate.js';

/** `--simple`: `true` writes `NAME#STAGE`, `false` always adds `#N`, `auto` does what GTO does per command. */
export type Notation = 'auto' | 'true' | 'false';

export interface PlanContext {
  registry: Registry;
  /** Every tag name in the repository, registry or not: new names must not collide. */
  tagNames: ReadonlySet<string>;
  config: RegistryConfig;
}

export interface PlannedTag {
  name: string;
  commit: string;
  message: string;
  event: ParsedTagName;
  /** The version the event is about ('' for a deprecation); for stage tags, the assigned version. */
  version: string;
}

/** 1 + the highest counter among all tags of the artifact (lightweight ones included). */
export function nextCounter(tagNames: Iterable<string>, artifact: string): number {
  const prefix = artifactNameToTag(artifact);
  let max = 0;
  for (const name of tagNames) {
    if (!name.startsWith(prefix)) continue;
    const parsed = parseTagName(name);
    if (parsed && parsed.artifact === artifact && parsed.counter !== undefined) max = Math.max(max, parsed.counter);
  }
  return max + 1;
}

/** GTO's default message for an event; stage events name the version they are about. */
function defaultMessage(event: ParsedTagName, version: string): string {
  switch (event.kind) {
    case 'registration':
      return tagMessages.registration(event.artifact, version);
    case 'deregistration':
      return tagMessages.deregistration(event.artifact, version);
    case 'assignment':
      return tagMessages.assignment(event.artifact, version, event.stage as string);
    case 'unassignment':
      return tagMessages.unassignment(event.artifact, version, event.stage as string);
    case 'deprecation':
      return tagMessages.deprecation(event.artifact);
  }
}

function makeTag(ctx: PlanContext, event: ParsedTagName, commit: string, version: string, message?: string): PlannedTag {
  const name = formatTagName(event);
  // `git tag` also refuses names starting with '-' (check-ref-format alone accepts them).
  if (!isValidTagRefName(name) || name.startsWith('-')) {
    throw new ModelregError('invalid-ref-name', `'${name}' is not a valid git tag name`, {
      hint: "git refuses names with '..', '//', a leading '.', or a trailing '/' or '.': rename the artifact or stage",
    });
  }
  if (ctx.tagNames.has(name)) {
    throw new ModelregError('tag-exists', `tag '${name}' already exists`, {
      hint: event.counter === undefined ? "use '--simple false' to write a counted tag instead" : 'fetch tags and retry',
    });
  }
  return { name, commit, message: message ?? defaultMessage(event, version), event, version };
}

function counterFor(ctx: PlanContext, artifact: string, useCounter: boolean): { counter?: number } {
  return useCounter ? { counter: nextCounter(ctx.tagNames, artifact) } : {};
}

function activeVersionAt(artifact: Artifact | undefined, commit: string): ModelVersion | undefined {
  if (!artifact) return undefined;
  return [...artifact.versions.values()].find((v) => v.registered && v.active && v.commit === commit);
}

export interface RegisterRequest {
  artifact: string;
  commit: string;
  version?: string;
  bump?: BumpPart;
  message?: string;
  notation?: Notation;
}

/** The version `register` would pick: a bump of the greatest ever registered (from v0.0.0 for the first). */
export function nextVersion(artifact: Artifact | undefined, bump: BumpPart = 'patch'): string {
  const greatest = greatestRegistered(artifact);
  const base = (greatest && parseVersion(greatest.version)) || { major: 0, minor: 0, patch: 0, prerelease: [], build: [] };
  return formatVersion(bumpVersion(base, bump));
}

/**
 * The version a commit carries already, registered now or before (stage-only versions do not
 * count): a commit has one version name for good, or GTO could not load the registry.
 */
function versionNamedAt(artifact: Artifact | undefined, commit: string): ModelVersion | undefined {
  let found: ModelVersion | undefined;
  for (const v of artifact?.versions.values() ?? []) {
    if (v.commit !== commit || v.registrations.length + v.deregistrations.length === 0) continue;
    if (!found || (v.active && !found.active)) found = v;
  }
  return found;
}

export function planRegister(ctx: PlanContext, req: RegisterRequest): PlannedTag {
  assertArtifactName(req.artifact);
  const artifact = ctx.registry.artifacts.get(req.artifact);
  const existing = activeVersionAt(artifact, req.commit);
  if (existing) {
    throw new ModelregError(
      'already-registered',
      `'${req.artifact}' is already registered in this commit with version '${existing.version}'`,
      { hint: 'register another commit, or deregister that version first' },
    );
  }
  // A deregistered version is registered again under its own name (`NAME@V#N`, since `NAME@V` exists).
  const earlier = versionNamedAt(artifact, req.commit);
  if (earlier) {
    if (req.version !== undefined && req.version !== earlier.version) {
      throw new ModelregError('version-at-ref', `for this ref you can only register '${earlier.version}'`, {
        hint: `the commit carried '${earlier.version}' before: omit --version to register it again, or register another commit`,
      });
    }
    const event = autoCounter(ctx, { kind: 'registration', artifact: req.artifact, version: earlier.version }, req.notation);
    return makeTag(ctx, event, req.commit, earlier.version, req.message);
  }
  let version: string;
  if (req.version !== undefined) {
    assertVersion(req.version);
    version = req.version;
    const used = artifact?.versions.get(version);
    if (used?.registered) {
      throw new ModelregError(
        'version-exists',
        `version '${version}' of '${req.artifact}' was already registered (commit ${used.commit.slice(0, 7)})`,
        { hint: `a version name is used once: choose another, e.g. '${nextVersion(artifact, 'patch')}'` },
      );
    }
    // v1.0.0 and v1.0.0+build.5 rank the same (SemVer ignores build metadata): neither would be
    // the greatest, so the registry could not tell which one `latest` means.
    const twin = [...(artifact?.versions.values() ?? [])].find((v) => v.registered && samePrecedence(v.version, version));
    if (twin) {
      throw new ModelregError(
        'version-exists',
        `version '${version}' of '${req.artifact}' ranks the same as '${twin.version}' (commit ${twin.commit.slice(0, 7)}): build metadata does not count in SemVer order`,
        { hint: `choose another version, e.g. '${nextVersion(artifact, 'patch')}'` },
      );
    }
  } else {
    version = nextVersion(artifact, req.bump);
  }
  const event: ParsedTagName = {
    kind: 'registration',
    artifact: req.artifact,
    version,
    ...counterFor(ctx, req.artifact, req.notation === 'false'),
  };
  return makeTag(ctx, event, req.commit, version, req.message);
}

export interface AssignRequest {
  artifact: string;
  stage: string;
  /** Commit to assign; with `version`, the commit to register `version` at first. */
  commit?: string;
  version?: string;
  skipRegistration?: boolean;
  force?: boolean;
  notation?: Notation;
  message?: string;
}

function assertStageAllowed(ctx: PlanContext, stage: string): void {
  // `stages: []` allows no stage (as GTO); only a missing or null `stages` allows any.
  const allowed = ctx.config.stages;
  if (allowed && !allowed.includes(stage)) {
    throw new ModelregError('stage-not-allowed', `stage '${stage}' is not allowed`, {
      hint: `allowed stages are: ${allowed.join(', ') || 'none'} (from ${ctx.config.file ?? 'the config'})`,
    });
  }
}

function findRegisteredVersion(ctx: PlanContext, artifactName: string, version: string): ModelVersion {
  assertVersion(version);
  const v = ctx.registry.artifacts.get(artifactName)?.versions.get(version);
  if (!v || !v.registered) {
    throw new ModelregError('version-not-found', `version '${version}' of '${artifactName}' is not registered`, {
      hint: `see the registered versions with: modelreg show ${artifactName}`,
    });
  }
  return v;
}

/** `assign`: the assignment tag, preceded by a registration when the commit has no version yet. */
export function planAssign(ctx: PlanContext, req: AssignRequest): PlannedTag[] {
  assertArtifactName(req.artifact);
  assertStageName(req.stage);
  assertStageAllowed(ctx, req.stage);
  const artifact = ctx.registry.artifacts.get(req.artifact);
  const plan: PlannedTag[] = [];
  let version: string;
  let commit: string;
  if (req.version !== undefined && req.commit !== undefined) {
    // `assign NAME REF --version V` (as GTO): register V at REF, which must carry no version yet.
    if (req.skipRegistration) {
      throw new ModelregError('usage', 'give either --version or --skip-registration with a REF, not both', {
        hint: '--version names the version to register at REF; --skip-registration assigns REF unregistered',
        exitCode: 2,
      });
    }
    assertVersion(req.version);
    const named = versionNamedAt(artifact, req.commit);
    if (named) {
      throw new ModelregError('version-at-ref', `Can't register '${req.version}', since '${named.version}' is registered already at this ref`, {
        hint: `assign it with: modelreg assign ${req.artifact} --version ${named.version} --stage ${req.stage}`,
      });
    }
    const registration = planRegister(ctx, { artifact: req.artifact, commit: req.commit, version: req.version });
    plan.push(registration);
    version = req.version;
    commit = req.commit;
  } else if (req.version !== undefined) {
    const v = findRegisteredVersion(ctx, req.artifact, req.version);
    if (!v.active) {
      throw new ModelregError('version-deregistered', `version '${v.version}' of '${req.artifact}' is deregistered`, {
        hint: 'register a new version to assign a stage',
      });
    }
    version = v.version;
    commit = v.commit;
  } else {
    if (req.commit === undefined) throw new Error('internal: assign needs a version or a commit');
    commit = req.commit;
    const atCommit = activeVersionAt(artifact, commit);
    if (atCommit) version = atCommit.version;
    else if (req.skipRegistration) version = commit;
    else {
      const registration = planRegister(ctx, { artifact: req.artifact, commit, bump: 'patch' });
      plan.push(registration);
      version = registration.event.version as string;
    }
  }
  const holder = artifact ? stageHolders(artifact).get(req.stage)?.[0] : undefined;
  if (holder && holder.version === version && !req.force) {
    throw new ModelregError('already-in-stage', `version '${version}' is already in stage '${req.stage}'`, {
      hint: "use the '--force' flag to create a new Git tag nevertheless",
    });
  }
  const event: ParsedTagName = {
    kind: 'assignment',
    artifact: req.artifact,
    stage: req.stage,
    ...counterFor(ctx, req.artifact, req.notation !== 'true'),
  };
  plan.push(makeTag(ctx, event, commit, version, req.message));
  return plan;
}

export interface DeprecateRequest {
  artifact: string;
  version?: string;
  stage?: string;
  force?: boolean;
  notation?: Notation;
  message?: string;
}

function existingArtifact(ctx: PlanContext, name: string): Artifact {
  assertArtifactName(name);
  const artifact = ctx.registry.artifacts.get(name);
  if (!artifact) {
    throw new ModelregError('artifact-not-found', `cannot find artifact '${name}'`, {
      hint: 'list artifacts with: modelreg show -d',
    });
  }
  return artifact;
}

/** Simple form unless taken (or `--simple false`); counted form otherwise. */
function autoCounter(ctx: PlanContext, event: ParsedTagName, notation: Notation | undefined): ParsedTagName {
  if (notation === 'true') return event;
  if (notation === 'auto' || notation === undefined) {
    if (!ctx.tagNames.has(formatTagName(event))) return event;
  }
  return { ...event, counter: nextCounter(ctx.tagNames, event.artifact) };
}

/** `deprecate NAME [VERSION [STAGE]]`: unassign a stage, deregister a version, or deprecate the artifact. */
export function planDeprecate(ctx: PlanContext, req: DeprecateRequest): PlannedTag {
  const artifact = existingArtifact(ctx, req.artifact);
  if (req.version === undefined) {
    if (artifact.deprecated && !req.force) {
      throw new ModelregError('already-deprecated', `artifact '${artifact.name}' is already deprecated`, {
        hint: "use '--force' to tag it again",
      });
    }
    const last = artifact.events[artifact.events.length - 1];
    const event = autoCounter(ctx, { kind: 'deprecation', artifact: artifact.name }, req.notation);
    return makeTag(ctx, event, (last as { commit: string }).commit, '', req.message);
  }
  const version = artifact.versions.get(req.version);
  if (!version) {
    if (!/^[0-9a-f]{40}$/.test(req.version)) assertVersion(req.version);
    throw new ModelregError('version-not-found', `version '${req.version}' of '${artifact.name}' is not registered`, {
      hint: `see its versions with: modelreg show ${artifact.name} -d`,
    });
  }
  if (req.stage === undefined) {
    if (!version.registered || !version.active) {
      throw new ModelregError(
        'not-registered',
        `version '${version.version}' of '${artifact.name}' is ${version.registered ? 'already deregistered' : 'not registered'}`,
      );
    }
    const event = autoCounter(
      ctx,
      { kind: 'deregistration', artifact: artifact.name, version: version.version },
      req.notation,
    );
    return makeTag(ctx, event, version.commit, version.version, req.message);
  }
  assertStageName(req.stage);
  if (!version.stages.get(req.stage)?.active && !req.force) {
    throw new ModelregError('not-in-stage', `version '${version.version}' of '${artifact.name}' is not in stage '${req.stage}'`, {
      hint: `see who holds it with: modelreg show ${artifact.name}#${req.stage}`,
    });
  }
  const event: ParsedTagName = {
    kind: 'unassignment',
    artifact: artifact.name,
    stage: req.stage,
    ...counterFor(ctx, artifact.name, req.notation !== 'true'),
  };
  return makeTag(ctx, event, version.commit, version.version, req.message);
}

/** `deprecate … --delete`: the existing tags that the matching `deprecate` would have countered. */
export function planDelete(ctx: PlanContext, req: Omit<DeprecateRequest, 'force' | 'notation' | 'message'>): string[] {
  const artifact = existingArtifact(ctx, req.artifact);
  let tags: string[];
  if (req.version === undefined) {
    tags = artifact.events.map((e) => e.tag);
  } else {
    const version = artifact.versions.get(req.version);
    if (!version) {
      throw new ModelregError('version-not-found', `version '${req.version}' of '${artifact.name}' is not registered`);
    }
    const stages = req.stage === undefined ? [...version.stages.values()] : [version.stages.get(req.stage)].filter((s) => !!s);
    if (req.stage !== undefined) assertStageName(req.stage);
    const stageTags = stages.flatMap((s) => [...s.assignments, ...s.unassignments].map((e) => e.tag));
    const versionTags = req.stage === undefined ? [...version.registrations, ...version.deregistrations].map((e) => e.tag) : [];
    tags = [...stageTags, ...versionTags];
  }
  if (tags.length === 0) {
    throw new ModelregError('nothing-to-delete', `no tags of '${req.artifact}' match`, {
      hint: `see its history with: modelreg history ${req.artifact}`,
    });
  }
  return [...new Set(tags)];
}

