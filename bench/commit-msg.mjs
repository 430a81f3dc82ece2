#!/usr/bin/env node
// `pnpm bench` (part): `modelreg hook commit-msg` against `commitlint --edit` on the same staged
// model change and message (medians, alternating runs): where the commit-msg hook's time goes.
// No target of its own: the target is the whole commit (bench/commit.mjs). Shown: the hook
// with config-conventional plus the model rules (its config loaded by the hook itself, and by
// @commitlint/load: MODELREG_COMMITLINT_LOAD=1), and with no commitlint config, against
// `commitlint --edit` with config-conventional alone (and via `npx --no --`, as husky's docs write it).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, median, root } from './lib.mjs';

const commitlint = join(root, 'test', 'node_modules', '@commitlint', 'cli', 'cli.js');
const runs = 15;
const env = {
  // Without the npm_* variables pnpm sets for `pnpm bench` (npx warns about its npm_config_* ones on stderr).
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k))),
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'Bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
};
const base = join(root, 'bench', '.work', 'commit-msg');
const MESSAGE = 'feat: retrain churn\n\nModel: churn\nModel-Metric: auc=0.91\n';
const CONFIGS = {
  conventional: "export default { extends: ['@commitlint/config-conventional'] };\n",
  both: "export default { extends: ['@commitlint/config-conventional', '@modelreg/commitlint-plugin/config'] };\n",
  none: null,
};

function makeRepo(name, config) {
  const repo = join(base, name);
  rmSync(repo, { recursive: true, force: true });
  mkdirSync(join(repo, 'models'), { recursive: true });
  const git = (...args) => execFileSync('git', args, { cwd: repo, env });
  git('init', '-q', '-b', 'main');
  writeFileSync(join(repo, 'dvc.yaml'), 'artifacts:\n  churn:\n    path: models/churn.pkl\n    type: model\n');
  writeFileSync(join(repo, '.modelreg.yaml'), 'trailers:\n  required: true\n');
  writeFileSync(join(repo, 'models', 'churn.pkl'), 'v1\n');
  if (config) writeFileSync(join(repo, 'commitlint.config.js'), config);
  git('add', '-A');
  git('commit', '-q', '-m', 'start');
  writeFileSync(join(repo, 'models', 'churn.pkl'), 'v2\n');
  git('add', '-A');
  writeFileSync(join(repo, '.git', 'COMMIT_EDITMSG'), MESSAGE);
  return repo;
}

mkdirSync(base, { recursive: true });
// The configs resolve their `extends` from here: the e2e workspace package has them installed.
if (!existsSync(join(base, 'node_modules'))) symlinkSync(join(root, 'test', 'node_modules'), join(base, 'node_modules'), 'dir');
const repos = Object.fromEntries(Object.entries(CONFIGS).map(([name, config]) => [name, makeRepo(name, config)]));

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const cases = {
  'commitlint --edit (config-conventional)': [repos.conventional, [commitlint, '--edit', '.git/COMMIT_EDITMSG']],
  // What husky's documented hook runs: `npx --no -- commitlint --edit "$1"`.
  'npx --no -- commitlint --edit (config-conventional)': [repos.conventional, ['--no', '--', 'commitlint', '--edit', '.git/COMMIT_EDITMSG'], npx],
  'commitlint --edit (config-conventional + modelreg)': [repos.both, [commitlint, '--edit', '.git/COMMIT_EDITMSG']],
  'modelreg hook commit-msg (config-conventional + modelreg)': [repos.both, [cli, 'hook', 'commit-msg', '.git/COMMIT_EDITMSG']],
  'modelreg hook commit-msg (the same, config through @commitlint/load)': [repos.both, [cli, 'hook', 'commit-msg', '.git/COMMIT_EDITMSG'], process.execPath, { MODELREG_COMMITLINT_LOAD: '1' }],
  'modelreg hook commit-msg (no commitlint config: model rules)': [repos.none, [cli, 'hook', 'commit-msg', '.git/COMMIT_EDITMSG']],
};
const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (let i = 0; i <= runs; i++) {
  for (const [name, [cwd, args, command = process.execPath, extra = {}]] of Object.entries(cases)) {
    const t0 = performance.now();
    const r = spawnSync(command, args, { cwd, env: { ...env, ...extra }, encoding: 'utf8' });
    if (r.status !== 0 || r.stdout || r.stderr) throw new Error(`${name}: exit ${r.status}\n${r.stdout}${r.stderr}`);
    if (i > 0) samples[name].push(performance.now() - t0);
  }
}
const m = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
for (const [name, ms] of Object.entries(m)) console.log(`${name}: ${ms.toFixed(0)} ms`);
const [baseline, viaNpx, sameConfig, hook, hookViaLoad, alone] = Object.values(m);
console.log(`hook (config-conventional + modelreg) vs commitlint --edit (config-conventional): ${(hook / baseline).toFixed(2)}×`);
console.log(`hook (config-conventional + modelreg) vs npx commitlint --edit (config-conventional): ${(hook / viaNpx).toFixed(2)}×`);
console.log(`hook vs commitlint --edit with the same config: ${(hook / sameConfig).toFixed(2)}×`);
console.log(`hook, its config loaded by the hook vs by @commitlint/load: ${(hook - hookViaLoad).toFixed(0)} ms`);
console.log(`hook with no commitlint config (model rules alone) vs commitlint --edit (config-conventional): ${(alone / baseline).toFixed(2)}×`);
