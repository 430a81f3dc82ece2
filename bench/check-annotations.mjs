#!/usr/bin/env node
// `pnpm bench` (part): `modelreg check` on 1,000 dvc.yaml files of 10 artifacts each (target ≤ 1 s),
// and `modelreg check --staged` on a repository with one annotation file (target ≤ 3× `node -e 0`),
// each measured in the same run as its baseline.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, root } from './lib.mjs';

const runs = 7;
const env = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'Bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
};
const git = (cwd, ...args) => execFileSync('git', args, { cwd, env });

function makeRepo(name, dirs, perFile) {
  const repo = join(root, 'bench', '.work', name);
  if (existsSync(join(repo, '.complete'))) return repo;
  rmSync(repo, { recursive: true, force: true });
  mkdirSync(repo, { recursive: true });
  git(repo, 'init', '-q', '-b', 'main');
  for (let d = 0; d < dirs; d++) {
    const dir = dirs === 1 ? '' : `models/m${String(d).padStart(4, '0')}`;
    mkdirSync(join(repo, dir), { recursive: true });
    let yaml = '# generated for the benchmark\nartifacts:\n';
    for (let a = 0; a < perFile; a++) {
      writeFileSync(join(repo, dir, `model-${a}.pkl`), `weights ${d} ${a}\n`);
      yaml += `  model-${a}:\n    path: model-${a}.pkl\n    type: model\n    desc: Model ${a} of ${d}\n    labels: [bench, tabular]\n    meta:\n      owner: team-${d % 7}\n      metrics: {auc: 0.9${a}}\n`;
    }
    writeFileSync(join(repo, dir, 'dvc.yaml'), yaml);
  }
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'annotations');
  writeFileSync(join(repo, '.complete'), '');
  return repo;
}

function median(cwd, cmd, args) {
  const samples = [];
  for (let i = 0; i <= runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(cmd, args, { cwd, env });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stdout}${r.stderr}`);
    if (i > 0) samples.push(performance.now() - t0);
  }
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)];
}

const big = makeRepo('annotations-1000x10', 1000, 10);
const one = makeRepo('annotations-1x3', 1, 3);
const full = median(big, process.execPath, [cli, 'check']);
const nodeStart = median(one, process.execPath, ['-e', '0']);
const staged = median(one, process.execPath, [cli, 'check', '--staged']);
console.log(`modelreg check, 1,000 dvc.yaml × 10 artifacts: ${full.toFixed(0)} ms (target ≤ 1000 ms) ${full <= 1000 ? 'ok' : 'OVER TARGET'}`);
const ratio = staged / nodeStart;
console.log(`modelreg check --staged vs node -e 0: ${staged.toFixed(1)} ms vs ${nodeStart.toFixed(1)} ms → ratio ${ratio.toFixed(2)} (target ≤ 3) ${ratio <= 3 ? 'ok' : 'OVER TARGET'}`);
process.exitCode = full <= 1000 && ratio <= 3 ? 0 : 1;
