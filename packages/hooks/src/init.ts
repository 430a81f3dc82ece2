// `modelreg init`: read what the plan needs, choose the route (husky, or the pre-commit framework
// a repository already runs), plan (init-plan.ts, pre-commit-config-plan.ts), write, and install
// so that the hooks are live when init returns. All or nothing: a conflict writes no file, and a
// failed install rolls back what init wrote.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, realpath, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { ModelregError, fileSystemReason } from '@modelreg/core';
import { isInsideRepo, readHooksSetup, resolveCommit } from '@modelreg/git';
import type { HookContext, HookResult } from './context.js';
import { chooseRoute, type Route } from './hook-runner.js';
import { HOOK_TEMPLATES, PRE_COMMIT_HOOKS_YAML } from './hook-templates.js';
import { initMessages } from './init-messages.js';
import { INIT_FILES, isRegistryRange, planInit, type PlannedChange } from './init-plan.js';
import { isDirectory, localPath, runningSource, specifierFor } from './install-source.js';
import { LOCKFILE_NAMES, detectPackageManager, installArgs, installedCommand, runInstall, type PackageManager } from './package-manager.js';
import { PRE_COMMIT_CONFIG, gitRepoOf, planPreCommitConfig, type FrameworkSource } from './pre-commit-config-plan.js';

export interface InitOptions {
  force?: boolean;
  dryRun?: boolean;
  json?: boolean;
  /** Where to install modelreg from (`--from`): anything npm and pnpm install. */
  from?: string;
  /** false with `--no-install`: write the files, install nothing. */
  install?: boolean;
  /** `--hooks`: the route, whatever already runs the repository's hooks. */
  hooks?: Route;
}

const HUSKY_RANGE = '^9.1.7';

async function readIfExists(root: string, file: string): Promise<string | undefined> {
  try {
    return await readFile(join(root, file), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw fileError('init-unreadable-file', `cannot read ${file}`, e);
  }
}

/** A package name from a directory name: lowercase, npm's allowed characters. */
function packageNameFor(dir: string): string {
  const name = basename(dir).toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[._-]+|[-.]+$/g, '');
  return name || 'models';
}

/** The hooks git would run from .git/hooks (a missing directory has none; `.sample` files are git's examples). */
async function readGitHooks(dir: string): Promise<Map<string, string>> {
  const hooks = new Map<string, string>();
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names.filter((n) => !n.endsWith('.sample'))) {
    if ((await stat(join(dir, name))).isFile()) hooks.set(name, await readFile(join(dir, name), 'utf8'));
  }
  return hooks;
}

/** The `modelreg` specifier to write, and why that one. */
function chooseSource(opts: InitOptions, cwd: string, root: string, self: string): { spec: string; why: string } {
  if (opts.from !== undefined) {
    const path = localPath(opts.from, cwd);
    if (path !== null && !existsSync(path)) throw new ModelregError('init-source-missing', initMessages.missingPath(opts.from), { hint: initMessages.missingPathHint });
    return { spec: specifierFor(opts.from, cwd, root), why: initMessages.sourceGiven };
  }
  const running = runningSource(self);
  if (running === null) throw new ModelregError('init-source-unknown', initMessages.unknownSource, { hint: initMessages.unknownSourceHint });
  return { spec: specifierFor(running, root, root), why: initMessages.sourceRunning };
}

/** The framework's form of the source: a git repository at a revision when there is one, else npm's specifier. */
async function frameworkSource(spec: string, root: string, env: NodeJS.ProcessEnv): Promise<FrameworkSource> {
  const git = gitRepoOf(spec);
  if (git) return git;
  const path = localPath(spec, root);
  if (path === null) return { dependency: spec };
  // A checkout: the framework clones it at its current commit and reads its .pre-commit-hooks.yaml.
  if (isDirectory(spec, root) && existsSync(join(path, '.pre-commit-hooks.yaml'))) {
    const rev = await resolveCommit({ cwd: path, env }, 'HEAD').catch(() => null);
    if (rev) return { repo: path, rev };
  }
  // pre-commit installs `repo: local` dependencies from its own directory: the path must be absolute.
  return { dependency: path };
}

/** The route, where modelreg comes from, and what to write: everything init decides before touching a file. */
interface InitPlan {
  root: string;
  route: Route;
  reason: string;
  source: { spec: string; why: string };
  changes: PlannedChange[];
  /** What `files` held before: the rollback restores it. */
  files: ReadonlyMap<string, string>;
  manager: PackageManager;
  installArgs: string[];
}

async function planAll(ctx: HookContext, opts: InitOptions, self: string): Promise<InitPlan> {
  const repo = await isInsideRepo({ cwd: ctx.cwd, env: ctx.env });
  if (!repo || repo.bare) {
    throw new ModelregError('not-a-repository', repo ? 'modelreg init needs a working tree, not a bare repository' : 'not inside a Git repository', {
      hint: 'run it in the repository to protect (git init first for a new one)',
    });
  }
  const root = repo.root;
  const source = chooseSource(opts, ctx.cwd, root, self);
  const setup = await readHooksSetup({ cwd: root, env: ctx.env });
  const choice = chooseRoute({
    preCommitConfig: existsSync(join(root, PRE_COMMIT_CONFIG)),
    hooksPath: setup.hooksPath,
    gitHooks: await readGitHooks(setup.defaultHooksDir),
    ...(opts.hooks ? { requested: opts.hooks } : {}),
  });
  if ('refused' in choice) throw new ModelregError('init-hooks-in-use', choice.refused);

  const files = new Map<string, string>();
  await Promise.all(
    (choice.route === 'husky' ? INIT_FILES : [PRE_COMMIT_CONFIG]).map(async (f) => {
      const text = await readIfExists(root, f);
      if (text !== undefined) files.set(f, text);
    }),
  );
  const manager = detectPackageManager(files.get('package.json'), LOCKFILE_NAMES.filter((f) => existsSync(join(root, f))));
  const linksCopied = manager === 'npm' && isDirectory(source.spec, root);
  const common = { root, route: choice.route, reason: choice.reason, source, files, manager, installArgs: installArgs(manager, linksCopied) };
  if (choice.route === 'pre-commit') {
    const plan = planPreCommitConfig(files.get(PRE_COMMIT_CONFIG), await frameworkSource(source.spec, root, ctx.env), PRE_COMMIT_HOOKS_YAML);
    if ('error' in plan) throw new ModelregError('init-unreadable-config', plan.error);
    return { ...common, changes: [plan.change] };
  }
  const plan = planInit({
    files,
    templates: HOOK_TEMPLATES,
    devDependencies: { modelreg: source.spec, husky: HUSKY_RANGE },
    // --from says which modelreg; without it an earlier choice stays, unless it is the registry name.
    replace: opts.from !== undefined || isRegistryRange(devDependency(files.get('package.json'), 'modelreg')) ? ['modelreg'] : [],
    installLinks: linksCopied,
    packageName: packageNameFor(root),
    force: opts.force === true,
  });
  if ('error' in plan) throw new ModelregError('init-unreadable-config', plan.error);
  return { ...common, changes: plan.changes };
}

/**
 * Install what the written files ask for, so the hooks are live: the package manager (whose
 * prepare runs husky), or `pre-commit install`. A failure rolls back what init wrote, and what
 * the install created of the lockfiles and node_modules, and is one error.
 */
async function install(plan: InitPlan, changed: boolean, env: NodeJS.ProcessEnv, rollback: (extra: string[]) => Promise<void>): Promise<void> {
  const { root } = plan;
  if (plan.route === 'pre-commit') {
    const failed = await runFramework(root, env);
    if (failed === null) return;
    await rollback([]);
    throw new ModelregError('init-install-failed', failed.message, { hint: failed.hint });
  }
  // Installed and nothing changed: a second init runs no install either.
  if (!changed && installedCommand(root)) return;
  const created = [...LOCKFILE_NAMES, 'node_modules'].filter((f) => !existsSync(join(root, f)));
  const failed = (await runInstall(root, plan.manager, plan.installArgs, env)) ?? (installedCommand(root) ? null : initMessages.notInstalled);
  if (failed === null) return;
  await rollback(created);
  throw new ModelregError('init-install-failed', initMessages.installFailed(`${plan.manager} ${plan.installArgs.join(' ')}`, plan.source.spec, failed), {
    hint: initMessages.installFailedHint,
  });
}

/** `self`: the file of the running CLI, which tells where it came from. */
export async function init(ctx: HookContext, opts: InitOptions, self: string): Promise<HookResult> {
  const plan = await planAll(ctx, opts, self);
  const { root, route, changes } = plan;
  const conflicts = changes.filter((c) => c.action === 'conflict');
  const writes = changes.filter((c) => c.action === 'create' || c.action === 'update');

  let activated: 'yes' | 'no' | 'dry-run' = 'dry-run';
  if (conflicts.length === 0 && !opts.dryRun) {
    const rollback = await writeAll(root, writes, plan.files);
    if (opts.install !== false) await install(plan, writes.length > 0, ctx.env, rollback);
    activated = route === 'husky' ? ((await activateHusky(root, ctx.env)) ? 'yes' : 'no') : opts.install !== false ? 'yes' : 'no';
  }
  const next =
    conflicts.length > 0
      ? ['resolve the conflicts above (or run modelreg init --force); nothing was written']
      : activated === 'no'
        ? [route === 'husky' ? initMessages.nextInstall(`${plan.manager} ${plan.installArgs.join(' ')}`) : initMessages.nextFramework]
        : [];
  const exitCode = conflicts.length > 0 ? 1 : 0;
  const header = [`hooks    ${route === 'husky' ? 'husky' : 'pre-commit framework'}: ${plan.reason}`, `from     ${initMessages.source(plan.source.spec, plan.source.why)}`];
  if (opts.json) {
    // `written`: whether this run wrote any file (a second run on a set-up repository writes none).
    const json = {
      route,
      source: plan.source.spec,
      changes: changes.map(({ content: _content, ...c }) => c),
      written: conflicts.length === 0 && !opts.dryRun && writes.length > 0,
      hooksActive: activated === 'yes',
      next,
    };
    return { stdout: JSON.stringify(json, null, 2) + '\n', exitCode };
  }
  const note = writes.length > 0 && conflicts.length === 0 ? [initMessages.trailersRequired] : [];
  return { stdout: renderPlan(header, changes, opts.dryRun === true, activated, route, [...note, ...next]), exitCode };
}

/** The range package.json gives `name` in devDependencies or dependencies; undefined when none. */
function devDependency(packageJson: string | undefined, name: string): string | undefined {
  try {
    const pkg = JSON.parse(packageJson ?? '{}') as Record<string, Record<string, unknown> | undefined>;
    const range = pkg['devDependencies']?.[name] ?? pkg['dependencies']?.[name];
    return typeof range === 'string' ? range : undefined;
  } catch {
    return undefined;
  }
}

/** `pre-commit install --install-hooks`: the hooks and modelreg's environment, installed now so a failure shows now. */
async function runFramework(root: string, env: NodeJS.ProcessEnv): Promise<{ message: string; hint: string } | null> {
  try {
    await promisify(execFile)('pre-commit', ['install', '--install-hooks'], { cwd: root, env, maxBuffer: 64 * 1024 * 1024 });
    return null;
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stdout?: string; stderr?: string };
    if (err.code === 'ENOENT') return { message: initMessages.frameworkMissing, hint: initMessages.frameworkMissingHint };
    const lines = `${err.stderr ?? ''}\n${err.stdout ?? ''}`.split('\n').map((l) => l.trim()).filter(Boolean);
    const why = lines.find((l) => /^\[ERROR\]|error|refusing/i.test(l)) ?? lines[0] ?? err.message;
    return { message: initMessages.frameworkFailed(why), hint: initMessages.frameworkFailedHint };
  }
}

/**
 * Every file or none: each is written beside its target first (a symlink's target, so a shared
 * file stays shared; with the target's mode), then all are renamed into place. A failed write
 * leaves every file as it was; a failed rename, which is rare, says which files were written.
 * Returns the undo: every file back as `before` held it (or gone), the directories it made
 * removed when empty, and the `extra` paths (what a failed install created) removed.
 */
async function writeAll(root: string, writes: PlannedChange[], before: ReadonlyMap<string, string>): Promise<(extra: string[]) => Promise<void>> {
  const suffix = `.modelreg-init-${randomBytes(6).toString('hex')}`;
  const staged: { file: string; tmp: string; path: string }[] = [];
  const madeDirs: string[] = [];
  const removeStaged = (from: number) => Promise.allSettled(staged.slice(from).map(({ tmp }) => rm(tmp, { force: true })));
  for (const c of writes) {
    try {
      const path = await realTarget(join(root, c.file));
      const made = await mkdir(dirname(path), { recursive: true });
      if (made) madeDirs.push(made);
      const mode = (await modeOf(path)) ?? (c.file.startsWith('.husky/') ? 0o755 : 0o644);
      const tmp = path + suffix;
      // Listed before writing: a write that fails half-way (a full disk) leaves a file to remove.
      staged.push({ file: c.file, tmp, path });
      await writeFile(tmp, c.content!, { flag: 'wx', mode });
    } catch (e) {
      await removeStaged(0);
      throw fileError('init-write-failed', `cannot write ${c.file}`, e, 'nothing was written');
    }
  }
  for (const [i, { file, tmp, path }] of staged.entries()) {
    try {
      await rename(tmp, path);
    } catch (e) {
      await removeStaged(i);
      const written = staged.slice(0, i).map((s) => s.file);
      throw fileError('init-write-failed', `cannot write ${file}`, e, written.length > 0 ? `only ${written.join(', ')} were written` : 'nothing was written');
    }
  }
  return async (extra) => {
    for (const { file, path } of staged) {
      const old = before.get(file);
      if (old === undefined) await rm(path, { force: true });
      else await writeFile(path, old);
    }
    for (const file of extra) await rm(join(root, file), { force: true, recursive: true });
    for (const dir of madeDirs.reverse()) await rmdir(dir).catch(() => {});
  };
}

/** One line for a file init could not read or write: what failed, why, and what it left behind. */
const fileError = (code: string, what: string, e: unknown, outcome?: string) =>
  new ModelregError(code, `${what}: ${fileSystemReason(e) ?? (e as Error).message}${outcome ? ` (${outcome})` : ''}`, { hint: 'fix it, then run modelreg init again' });

/** Where writing `path` should land: the file a symlink points to, or the path itself. */
async function realTarget(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return path;
  }
}

async function modeOf(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).mode & 0o7777;
  } catch {
    return undefined;
  }
}

/** husky sets core.hooksPath and writes .husky/_; run it now if the repository has it installed. */
async function activateHusky(root: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  const bin = join(root, 'node_modules', '.bin', 'husky');
  if (!existsSync(bin)) return false;
  // Its output ('HUSKY=0 skip install', '.git can't be found') or a failure is a reason it did not
  // activate; the files are written either way, and the next step says how to turn them on.
  try {
    const { stdout } = await promisify(execFile)(bin, [], { cwd: root, env });
    return stdout.trim() === '' && existsSync(join(root, '.husky', '_', 'h'));
  } catch {
    return false;
  }
}

const VERB: Record<PlannedChange['action'], string> = { create: 'create', update: 'update', unchanged: 'keep', conflict: 'CONFLICT' };

function renderPlan(header: string[], changes: PlannedChange[], dryRun: boolean, activated: 'yes' | 'no' | 'dry-run', route: Route, next: string[]): string {
  const lines = [...header, ...changes.map((c) => `${VERB[c.action].padEnd(8)} ${c.file}: ${c.details.join('; ')}${c.hint ? ` — ${c.hint}` : ''}`)];
  const changed = changes.some((c) => c.action === 'create' || c.action === 'update');
  if (changes.every((c) => c.action === 'unchanged')) lines.push('modelreg init: already set up, nothing to change');
  else if (dryRun && changed) lines.push('modelreg init: dry run, nothing written');
  if (activated === 'yes') lines.push(route === 'husky' ? 'hooks are active: commits and pushes of this repository are checked' : initMessages.hooksActiveFramework);
  for (const n of next) lines.push(n.startsWith('note: ') ? n : `next: ${n}`);
  return lines.join('\n') + '\n';
}
