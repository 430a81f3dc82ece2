#!/usr/bin/env node
// `pnpm bench`: at the sizes most teams have, a command's time is Node's start plus loading what
// it runs. On a registry of 2,000 tags (200 artifacts × 10 events), each command is timed against
// `node -e 0` in the same round, rounds alternating so a busy machine slows both alike.
// Target: `show --json` ≤ 1.5× `node -e 0`; the other lines say what each command's start costs.
// It runs bundle/modelreg.mjs, what the npm bin and the pre-commit framework run (`pnpm bundle`
// refreshes it). With NODE_EXTRA_CA_CERTS set, everything runs with it, as a shell would; the hook
// lines are timed as the scripts in hooks/ start modelreg too, with it moved aside. Each line
// after the first says what the command costs beyond Node's own start.
// Usage: node bench/startup.mjs [--runs N]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { arg, bundledCli, compare, extraCaCertsNote, linkHookTools, median, root } from './lib.mjs';
import { generateRegistry } from './synthetic-registry.mjs';

const runs = arg('runs', 11);
const TARGET = 1.5;

const repo = join(root, 'bench', '.work', 'startup-200x10');
const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'Bench', GIT_AUTHOR_EMAIL: 'bench@example.com', GIT_COMMITTER_NAME: 'Bench', GIT_COMMITTER_EMAIL: 'bench@example.com' };
if (!existsSync(join(repo, '.complete'))) {
  generateRegistry(repo, { artifacts: 200, events: 10 });
  // Annotations, so describe and check have something to read.
  writeFileSync(join(repo, 'dvc.yaml'), `artifacts:\n${Array.from({ length: 20 }, (_, i) => `  model-${String(i).padStart(4, '0')}:\n    type: model\n    path: model.bin\n`).join('')}`);
  execFileSync('git', ['add', 'dvc.yaml'], { cwd: repo, env });
  execFileSync('git', ['commit', '-q', '-m', 'Annotate the models'], { cwd: repo, env });
  // The hooks as `modelreg init` sets them up (its commitlint config, not this workspace's).
  writeFileSync(join(repo, '.gitignore'), 'node_modules/\n');
  linkHookTools(repo);
  execFileSync(process.execPath, [bundledCli, 'init', '--no-install'], { cwd: repo, env, stdio: 'ignore' });
  writeFileSync(join(repo, '.git', 'MESSAGE'), 'feat: retrain the first model\n\nModel: model-0000\n');
  writeFileSync(join(repo, '.complete'), '');
}
// The same registry with a config listing its stages, as most teams have one.
const configured = join(root, 'bench', '.work', 'startup-200x10-config');
if (!existsSync(join(configured, '.modelreg.yaml'))) {
  rmSync(configured, { recursive: true, force: true });
  execFileSync('git', ['clone', '-q', repo, configured], { env });
  writeFileSync(join(configured, '.modelreg.yaml'), 'stages: [dev, staging, prod]\n');
}

// What the hook scripts do to the environment of the modelreg they start (see hooks/README.md).
const hookEnv = process.env.NODE_EXTRA_CA_CERTS ? { ...env, NODE_EXTRA_CA_CERTS: '', MODELREG_NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS } : null;
const commands = [
  ['show --json', ['show', '--json']],
  ['show', ['show']],
  ['history', ['history']],
  ['stages', ['stages']],
  ['describe', ['describe', 'model-0000']],
  ['check', ['check']],
  ['check-ref', ['check-ref', 'model-0000@v1.0.0']],
  ['changelog', ['changelog']],
  ['hook pre-commit', ['hook', 'pre-commit']],
  ['hook commit-msg', ['hook', 'commit-msg', '.git/MESSAGE']],
  ['--help', ['--help']],
];
const cases = [
  ['node -e 0', ['-e', '0'], env],
  ...commands.map(([label, args]) => [label, [bundledCli, ...args], env]),
  ['show --json, with .modelreg.yaml', [bundledCli, 'show', '--json'], env, configured],
  ...(hookEnv ? commands.filter(([label]) => label.startsWith('hook ')).map(([label, args]) => [`${label}, as the hook line starts it`, [bundledCli, ...args], hookEnv]) : []),
];

const samples = cases.map(() => []);
for (let round = -1; round < runs; round++) {
  cases.forEach(([label, args, caseEnv, cwd = repo], k) => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { cwd, env: caseEnv });
    const ms = performance.now() - t0;
    if (r.status !== 0) throw new Error(`${label} failed (${r.status}): ${r.stderr}`);
    if (round >= 0) samples[k].push(ms);
  });
}
const [node, ...rest] = samples.map(median);
console.log(`repository: 2,000 tags (200 artifacts × 10 events), 20 annotated; median of ${runs} alternating rounds; ${bundledCli.slice(root.length + 1)}`);
const ok = compare('show --json at 2,000 tags vs node -e 0', rest[0], node, TARGET);
rest.slice(1).forEach((ms, k) => console.log(`  ${cases[k + 2][0]}: ${ms.toFixed(1)} ms → ${(ms / node).toFixed(2)}× node -e 0 (${ms >= node ? '+' : ''}${(ms - node).toFixed(1)} ms)`));
const note = extraCaCertsNote();
if (note) console.log(note);
process.exitCode = ok ? 0 : 1;
