// `register`, `assign` and `deprecate`: plan the tags with @modelreg/core, then create (and push) them.
import {
  ModelregError,
  assertArtifactName,
  bumpFromTrailers,
  commitSubject,
  greatestRegistered,
  parseTrailers,
  planAssign,
  planDelete,
  planDeprecate,
  planRegister,
  type BumpPart,
  type Notation,
  type PlanContext,
  type PlannedTag,
} from '@modelreg/core';
import { GitError, createAnnotatedTag, deleteTags, pushFailureReason, pushTags, readLog, resolveCommit } from '@modelreg/git';
import type { CommandResult, Io } from '../io.js';
import { loadRegistry, loadValidConfig, withLockedHandle, type RepoHandle } from '../repo.js';
import { shellQuote } from '../shell-quote.js';

export interface WriteOptions {
  repo?: string;
  message?: string;
  simple?: Notation;
  force?: boolean;
  push?: boolean;
}

async function planContext(handle: RepoHandle): Promise<PlanContext> {
  const [{ registry, tags }, config] = await Promise.all([loadRegistry(handle, { detail: 'light' }), loadValidConfig(handle)]);
  return { registry, tagNames: new Set(tags.map((t) => t.name)), config };
}

async function commitOf(handle: RepoHandle, ref: string): Promise<string> {
  const commit = await resolveCommit(handle.git, ref);
  if (!commit) {
    throw new ModelregError('ref-not-found', `'${ref}' does not name a commit in this repository`, {
      hint: 'give a branch, tag or commit id (default: HEAD)',
    });
  }
  return commit;
}

function describeCreated(tag: PlannedTag): string {
  switch (tag.event.kind) {
    case 'registration':
      return 'registers version';
    case 'deregistration':
      return 'deregisters version';
    case 'assignment':
      return `assigns stage to version '${tag.version}'`;
    case 'unassignment':
      return `unassigns stage from version '${tag.version}'`;
    case 'deprecation':
      return 'deprecates artifact';
  }
}

/** What the remote said when it refused a push (its hook's lines), else git's own message. */
function whyPushFailed(e: unknown): string {
  return e instanceof GitError ? pushFailureReason(e.stderr) || e.message : (e as Error).message;
}

/** Create the planned tags (all or none), then push them when asked or when the repo is remote. */
async function apply(handle: RepoHandle, plan: PlannedTag[], opts: WriteOptions): Promise<CommandResult> {
  const created: string[] = [];
  try {
    for (const tag of plan) {
      await createAnnotatedTag(handle.git, { name: tag.name, commit: tag.commit, message: tag.message });
      created.push(tag.name);
    }
  } catch (e) {
    if (created.length) await deleteTags(handle.git, created);
    throw e;
  }
  const lines: string[] = [];
  for (const tag of plan) {
    lines.push(`Created git tag '${tag.name}' that ${describeCreated(tag)}`);
    if (!(opts.push || handle.isRemote)) {
      lines.push('To push the changes upstream, run:', `    git push origin ${shellQuote(tag.name)}`);
    }
  }
  if (opts.push || handle.isRemote) {
    try {
      await pushTags(handle.git, handle.pushTarget, created);
    } catch (e) {
      // A remote's cache must mirror the remote: drop what could not be pushed. The lock keeps
      // them ours; should one be gone anyway, the next fetch mirrors the remote, and the push's
      // own reason is what the user needs to see.
      if (handle.isRemote) await deleteTags(handle.git, created).catch(() => {});
      const names = created.map(shellQuote).join(' ');
      throw new ModelregError('push-failed', `pushing ${created.join(', ')} failed: ${whyPushFailed(e)}`, {
        hint: handle.isRemote ? 'nothing was written; fix access to the remote and retry' : `the tags exist locally; retry with: git push origin ${names}`,
      });
    }
    for (const name of created) lines.push(`Pushed git tag '${name}' to ${handle.pushTarget}`);
  }
  return { stdout: lines.join('\n') + '\n' };
}

export interface RegisterOptions extends WriteOptions {
  version?: string;
  bumpMajor?: boolean;
  bumpMinor?: boolean;
  bumpPatch?: boolean;
  /** `--bump auto|major|minor|patch`. */
  bump?: string;
  dryRun?: boolean;
}

/**
 * `--bump auto`: the highest `Model-Bump:` among the commits for NAME since its greatest version
 * (one `git log COMMIT ^VERSION_COMMIT`), with the reasons a dry run prints.
 */
async function autoBump(handle: RepoHandle, ctx: PlanContext, name: string, commit: string): Promise<{ bump: BumpPart; reasons: string[]; warnings: string }> {
  assertArtifactName(name); // before reading any history for it
  const base = greatestRegistered(ctx.registry.artifacts.get(name));
  // Commits past a shallow clone's boundary would be missing, and with them their Model-Bump trailers.
  if (handle.shallow) {
    throw new ModelregError('shallow-clone', '--bump auto reads the commits since the last version, and this shallow clone may not have them', {
      hint: 'fetch the whole history first: git fetch --unshallow --tags (actions/checkout: fetch-depth: 0)',
    });
  }
  const log = await readLog(handle.git, { revisions: [commit, ...(base ? [`^${base.commit}`] : [])] });
  const decision = bumpFromTrailers(
    name,
    log.map((c) => ({ sha: c.sha, subject: commitSubject(c.message), trailers: parseTrailers(c.message) })),
  );
  const since = base ? ` since ${base.version}` : '';
  const reasons = decision.reasons.length
    ? decision.reasons.map((r) => `Model-Bump: ${r.part} in ${r.sha.slice(0, 7)} ${JSON.stringify(r.subject)}`)
    : [`no ${decision.ignored.length > 0 ? 'valid ' : ''}Model-Bump trailer in the ${decision.commits} commit${decision.commits === 1 ? '' : 's'} with 'Model: ${name}'${since}; patch by default`];
  // A misspelt bump does not count: say so, or a 'Model-Bump: majr' would pass for a patch unnoticed.
  const warnings = decision.ignored.map((i) => `modelreg: warning: ${i.sha.slice(0, 7)} ${JSON.stringify(i.subject)}: ${i.message}; it does not count\n`).join('');
  return { bump: decision.part, reasons, warnings };
}

export async function register(io: Io, name: string, ref: string | undefined, opts: RegisterOptions): Promise<CommandResult> {
  const bumps = (['major', 'minor', 'patch'] as BumpPart[]).filter(
    (p) => opts[`bump${p[0]?.toUpperCase()}${p.slice(1)}` as 'bumpMajor' | 'bumpMinor' | 'bumpPatch'],
  );
  const choices = [...bumps, ...(opts.bump !== undefined ? [opts.bump] : []), ...(opts.version !== undefined ? ['version'] : [])];
  if (choices.length > 1) {
    throw new ModelregError('usage', 'give at most one of --version, --bump, --bump-major, --bump-minor, --bump-patch', { exitCode: 2 });
  }
  return withLockedHandle(io, opts.repo, async (handle) => {
    const commit = await commitOf(handle, ref ?? 'HEAD');
    const ctx = await planContext(handle);
    let bump = bumps[0] ?? (opts.bump as BumpPart | 'auto' | undefined);
    let reasons: string[];
    let warnings = '';
    if (bump === 'auto') ({ bump, reasons, warnings } = await autoBump(handle, ctx, name, commit));
    else if (opts.version !== undefined) reasons = ['--version'];
    else {
      const base = greatestRegistered(ctx.registry.artifacts.get(name));
      reasons = [`${bump ?? 'patch'} bump of ${base ? base.version : 'v0.0.0 (no version yet)'}${bump ? '' : ' (the default)'}`];
    }
    const tag = planRegister(ctx, {
      artifact: name,
      commit,
      ...(opts.version !== undefined ? { version: opts.version } : {}),
      ...(bump ? { bump } : {}),
      ...(opts.message !== undefined ? { message: opts.message } : {}),
      ...(opts.simple ? { notation: opts.simple } : {}),
    });
    // A commit keeps its version name: a deregistered one is registered again, whatever the bump.
    if (ctx.registry.artifacts.get(name)?.versions.has(tag.version)) reasons = [`${commit.slice(0, 7)} carried ${tag.version} before: registered again`];
    if (opts.dryRun) return { stdout: reasons.map((r) => `Would register ${tag.name}: ${r}\n`).join(''), stderr: warnings };
    return { ...(await apply(handle, [tag], opts)), stderr: warnings };
  });
}

export interface AssignOptions extends WriteOptions {
  stage?: string;
  version?: string;
  skipRegistration?: boolean;
}

export async function assign(io: Io, name: string, ref: string | undefined, opts: AssignOptions): Promise<CommandResult> {
  if (opts.stage === undefined) {
    throw new ModelregError('usage', "missing required option '--stage <stage>'", { hint: 'e.g. modelreg assign NAME --stage prod', exitCode: 2 });
  }
  const stage = opts.stage;
  return withLockedHandle(io, opts.repo, async (handle) => {
    // `--version` alone assigns that version; with REF it names the version to register at REF.
    const commit = ref !== undefined || opts.version === undefined ? await commitOf(handle, ref ?? 'HEAD') : undefined;
    const ctx = await planContext(handle);
    const plan = planAssign(ctx, {
      artifact: name,
      stage,
      ...(commit !== undefined ? { commit } : {}),
      ...(opts.version !== undefined ? { version: opts.version } : {}),
      ...(opts.skipRegistration ? { skipRegistration: true } : {}),
      ...(opts.force ? { force: true } : {}),
      ...(opts.simple ? { notation: opts.simple } : {}),
      ...(opts.message !== undefined ? { message: opts.message } : {}),
    });
    return apply(handle, plan, opts);
  });
}

export interface DeprecateOptions extends WriteOptions {
  delete?: boolean;
}

export async function deprecate(
  io: Io,
  name: string,
  version: string | undefined,
  stage: string | undefined,
  opts: DeprecateOptions,
): Promise<CommandResult> {
  return withLockedHandle(io, opts.repo, async (handle) => {
    const ctx = await planContext(handle);
    const target = { artifact: name, ...(version !== undefined ? { version } : {}), ...(stage !== undefined ? { stage } : {}) };
    if (opts.delete) {
      const names = planDelete(ctx, target);
      await deleteTags(handle.git, names);
      const lines = names.map((n) => `Deleted git tag '${n}'`);
      if (opts.push || handle.isRemote) {
        await pushTags(handle.git, handle.pushTarget, names, { delete: true }).catch((e: unknown) => {
          throw new ModelregError('push-failed', `deleting ${names.join(', ')} on ${handle.pushTarget} failed: ${whyPushFailed(e)}`, {
            hint: handle.isRemote ? 'the remote still has them; fix access to the remote and retry' : `retry with: git push --delete origin ${names.map(shellQuote).join(' ')}`,
          });
        });
        lines.push(...names.map((n) => `Deleted git tag '${n}' on ${handle.pushTarget}`));
      } else {
        lines.push('To push the changes upstream, run:', `    git push --delete origin ${names.map(shellQuote).join(' ')}`);
      }
      return { stdout: lines.join('\n') + '\n' };
    }
    const tag = planDeprecate(ctx, {
      ...target,
      ...(opts.force ? { force: true } : {}),
      ...(opts.simple ? { notation: opts.simple } : {}),
      ...(opts.message !== undefined ? { message: opts.message } : {}),
    });
    return apply(handle, [tag], opts);
  });
}
