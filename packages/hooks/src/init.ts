// `modelreg init`: read the files the plan needs, plan (init-plan.ts), write, and activate husky
// when it is installed. All or nothing: a conflict writes no file.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { ModelregError, fileSystemReason } from '@modelreg/core';
import { isInsideRepo } from '@modelreg/git';
import type { HookContext, HookResult } from './context.js';
import { HOOK_TEMPLATES } from './hook-templates.js';
import { INIT_FILES, planInit, type PlannedChange } from './init-plan.js';

export interface InitOptions {
  force?: boolean;
  dryRun?: boolean;
  json?: boolean;
}

/** What a repository needs installed for the hooks: modelreg's packages at `version`, and husky. */
const devDependencies = (version: string) => ({
  modelreg: `^${version}`,
  '@modelreg/commitlint-plugin': `^${version}`,
  husky: '^9.1.7',
});

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

function installCommand(root: string): string {
  if (existsSync(join(root, 'pnpm-lock.yaml'))) return 'pnpm install';
  if (existsSync(join(root, 'yarn.lock'))) return 'yarn install';
  return 'npm install';
}

/** `version`: modelreg's own, for the devDependencies it adds. */
export async function init(ctx: HookContext, opts: InitOptions, version: string): Promise<HookResult> {
  const repo = await isInsideRepo({ cwd: ctx.cwd, env: ctx.env });
  if (!repo || repo.bare) {
    throw new ModelregError('not-a-repository', repo ? 'modelreg init needs a working tree, not a bare repository' : 'not inside a Git repository', {
      hint: 'run it in the repository to protect (git init first for a new one)',
    });
  }
  const root = repo.root;
  const files = new Map<string, string>();
  await Promise.all(
    INIT_FILES.map(async (f) => {
      const text = await readIfExists(root, f);
      if (text !== undefined) files.set(f, text);
    }),
  );
  const plan = planInit({ files, templates: HOOK_TEMPLATES, devDependencies: devDependencies(version), packageName: packageNameFor(root), force: opts.force === true });
  if ('error' in plan) throw new ModelregError('init-unreadable-config', plan.error);
  const { changes } = plan;
  const conflicts = changes.filter((c) => c.action === 'conflict');
  const writes = changes.filter((c) => c.action === 'create' || c.action === 'update');

  let activated: 'yes' | 'no' | 'dry-run' = 'dry-run';
  if (conflicts.length === 0 && !opts.dryRun) {
    await writeAll(root, writes);
    activated = (await activateHusky(root, ctx.env)) ? 'yes' : 'no';
  }
  const next =
    conflicts.length > 0
      ? ['resolve the conflicts above (or run modelreg init --force); nothing was written']
      : activated === 'no'
        ? [`run ${installCommand(root)}: it installs the hook tools, and its prepare script (husky) turns the hooks on`]
        : [];
  const exitCode = conflicts.length > 0 ? 1 : 0;
  if (opts.json) {
    // `written`: whether this run wrote any file (a second run on a set-up repository writes none).
    const json = { changes: changes.map(({ content: _content, ...c }) => c), written: conflicts.length === 0 && !opts.dryRun && writes.length > 0, hooksActive: activated === 'yes', next };
    return { stdout: JSON.stringify(json, null, 2) + '\n', exitCode };
  }
  return { stdout: renderPlan(changes, opts.dryRun === true, activated, next), exitCode };
}

/**
 * Every file or none: each is written beside its target first (a symlink's target, so a shared
 * file stays shared; with the target's mode), then all are renamed into place. A failed write
 * leaves every file as it was; a failed rename, which is rare, says which files were written.
 */
async function writeAll(root: string, writes: PlannedChange[]): Promise<void> {
  const suffix = `.modelreg-init-${randomBytes(6).toString('hex')}`;
  const staged: { file: string; tmp: string; path: string }[] = [];
  const removeStaged = (from: number) => Promise.allSettled(staged.slice(from).map(({ tmp }) => rm(tmp, { force: true })));
  for (const c of writes) {
    try {
      const path = await realTarget(join(root, c.file));
      await mkdir(dirname(path), { recursive: true });
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

function renderPlan(changes: PlannedChange[], dryRun: boolean, activated: 'yes' | 'no' | 'dry-run', next: string[]): string {
  const lines = changes.map((c) => `${VERB[c.action].padEnd(8)} ${c.file}: ${c.details.join('; ')}${c.hint ? ` — ${c.hint}` : ''}`);
  const changed = changes.some((c) => c.action === 'create' || c.action === 'update');
  if (changes.every((c) => c.action === 'unchanged')) lines.push('modelreg init: already set up, nothing to change');
  else if (dryRun && changed) lines.push('modelreg init: dry run, nothing written');
  if (activated === 'yes') lines.push('hooks are active: commits and pushes of this repository are checked');
  for (const n of next) lines.push(`next: ${n}`);
  return lines.join('\n') + '\n';
}
