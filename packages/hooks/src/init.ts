// `modelreg init`: read the files the plan needs, plan (init-plan.ts), write, and activate husky
// when it is installed. All or nothing: a conflict writes no file.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { ModelregError } from '@modelreg/core';
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
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    const why = code === 'EISDIR' ? 'it is a directory' : code === 'ENOTDIR' ? 'a part of its path is a file' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    throw new ModelregError('init-unreadable-file', `cannot read ${file}: ${why}`, { hint: 'fix or move it, then run modelreg init again' });
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
    const json = { changes: changes.map(({ content: _content, ...c }) => c), written: conflicts.length === 0 && !opts.dryRun, hooksActive: activated === 'yes', next };
    return { stdout: JSON.stringify(json, null, 2) + '\n', exitCode };
  }
  return { stdout: renderPlan(changes, opts.dryRun === true, activated, next), exitCode };
}

/**
 * Every file or none: each is written beside its target first, then all are renamed into place,
 * so a full disk or a permission error leaves the user's files as they were (and no half-written
 * package.json).
 */
async function writeAll(root: string, writes: PlannedChange[]): Promise<void> {
  const staged: { tmp: string; path: string }[] = [];
  try {
    for (const c of writes) {
      const path = join(root, c.file);
      const tmp = `${path}.modelreg-init-${process.pid}`;
      await mkdir(dirname(path), { recursive: true });
      staged.push({ tmp, path });
      await writeFile(tmp, c.content!, c.file.startsWith('.husky/') ? { mode: 0o755 } : {});
    }
  } catch (e) {
    await Promise.all(staged.map(({ tmp }) => rm(tmp, { force: true })));
    throw e;
  }
  for (const { tmp, path } of staged) await rename(tmp, path);
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
