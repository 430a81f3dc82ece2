#!/usr/bin/env node
// `pnpm bench`: what the hooks add to `git commit`, measured in the same run against a bare
// husky + lint-staged + commitlint (config-conventional) setup on the same commit:
//   (a) a repository set up by `modelreg init`, a commit touching no annotation file: modelreg's
//       added time ≤ 0.4× what the bare setup adds
//   (b) the same, a commit touching one annotation file: validation adds ≤ 50 ms on top of (a)
//   (c) the bare setup's repository after `modelreg init` (its own commitlint config in JSON,
//       config-conventional, gains modelreg's rules; its lint-staged still runs; its
//       `commitlint --edit "$1"` line now runs as modelreg's hook, which lints with that config,
//       loaded without @commitlint/load): ≤ 1.0×
// "Added" is the median commit time with hooks minus the median with --no-verify, in the same repo.
// `--ca-certs` keeps NODE_EXTRA_CA_CERTS (otherwise left out, as on most machines): every Node
// start of the bare setup then parses that CA bundle, while modelreg's hook lines move it aside.
// Usage: node bench/commit.mjs [--runs N] [--ca-certs]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { arg, cli, linkHookTools, median } from './lib.mjs';

const runs = arg('runs', 9);

const home = mkdtempSync(join(tmpdir(), 'modelreg-bench-commit-'));
const env = {
  PATH: process.env.PATH,
  HOME: home,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'Bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
  ...(process.argv.includes('--ca-certs') && process.env.NODE_EXTRA_CA_CERTS ? { NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS } : {}),
};
if (env.NODE_EXTRA_CA_CERTS) console.log(`NODE_EXTRA_CA_CERTS=${env.NODE_EXTRA_CA_CERTS} in the commits' environment`);
const git = (cwd, ...args) => execFileSync('git', args, { cwd, env, encoding: 'utf8' });

const ANNOTATION = (n) => `artifacts:\n  churn:\n    type: model\n    path: models/churn.pkl\n    desc: churn predictor, revision ${n}\n`;

/** A repository with one annotated model and the hook tools installed (linked from the workspace). */
function makeRepo(name) {
  const dir = join(home, name);
  mkdirSync(join(dir, 'models'), { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  linkHookTools(dir);
  writeFileSync(join(dir, 'models', 'churn.pkl'), 'weights\n');
  writeFileSync(join(dir, 'dvc.yaml'), ANNOTATION(0));
  writeFileSync(join(dir, 'README.md'), 'readme 0\n');
  writeFileSync(join(dir, '.gitignore'), 'node_modules/\n');
  return dir;
}

// modelreg's setup, exactly as `modelreg init` writes it.
const ours = makeRepo('modelreg');
execFileSync(process.execPath, [cli, 'init', '--no-install'], { cwd: ours, env, stdio: 'ignore' });
// The bare setup a team has before modelreg: husky, lint-staged with a typical task, commitlint.
const bare = makeRepo('bare');
writeFileSync(join(bare, 'package.json'), JSON.stringify({ private: true, scripts: { prepare: 'husky' }, 'lint-staged': { '*.{js,ts}': 'eslint --fix' } }, null, 2));
writeFileSync(join(bare, 'commitlint.config.mjs'), "export default { extends: ['@commitlint/config-conventional'] };\n");
mkdirSync(join(bare, '.husky'));
writeFileSync(join(bare, '.husky', 'pre-commit'), 'lint-staged\n');
writeFileSync(join(bare, '.husky', 'commit-msg'), 'commitlint --edit "$1"\n');
execFileSync(join(bare, 'node_modules', '.bin', 'husky'), [], { cwd: bare, env, stdio: 'ignore' });
// A team's repository with that setup (its commitlint config in JSON, which init can extend), after `modelreg init`.
const team = makeRepo('team');
writeFileSync(join(team, 'package.json'), readFileSync(join(bare, 'package.json')));
writeFileSync(join(team, '.commitlintrc.json'), JSON.stringify({ extends: ['@commitlint/config-conventional'] }));
mkdirSync(join(team, '.husky'));
for (const hook of ['pre-commit', 'commit-msg']) writeFileSync(join(team, '.husky', hook), readFileSync(join(bare, '.husky', hook)));
execFileSync(join(team, 'node_modules', '.bin', 'husky'), [], { cwd: team, env, stdio: 'ignore' });
execFileSync(process.execPath, [cli, 'init', '--no-install'], { cwd: team, env, stdio: 'ignore' });
for (const dir of [ours, bare, team]) {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '--no-verify', '-m', 'chore: start');
}

let n = 0;
/** Wall time of one `git commit` changing `file` (hooks on, or --no-verify); a model's change names it, as trailers are required. */
function commitOnce(dir, file, verify) {
  n++;
  writeFileSync(join(dir, file), file === 'dvc.yaml' ? ANNOTATION(n) : `readme ${n}\n`);
  git(dir, 'add', '--', file);
  const t0 = performance.now();
  const r = spawnSync('git', ['commit', '-q', ...(verify ? [] : ['--no-verify']), '-m', `chore: change ${file} (${n})${file === 'dvc.yaml' ? '\n\nModel: churn' : ''}`], { cwd: dir, env, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`git commit in ${dir} failed:\n${r.stderr}`);
  return ms;
}


/** Median added time of the hooks in `dir` for commits changing `file`; runs alternate with the other cases. */
const cases = [
  ['bare setup, no annotation file', bare, 'README.md'],
  ['modelreg, no annotation file', ours, 'README.md'],
  ['modelreg, one annotation file', ours, 'dvc.yaml'],
  ['team setup + modelreg, no annotation file', team, 'README.md'],
];
const times = cases.map(() => ({ on: [], off: [] }));
for (let run = -1; run < runs; run++) {
  cases.forEach(([, dir, file], k) => {
    const on = commitOnce(dir, file, true);
    const off = commitOnce(dir, file, false);
    if (run >= 0) {
      times[k].on.push(on);
      times[k].off.push(off);
    }
  });
}
const added = times.map((t) => median(t.on) - median(t.off));
cases.forEach(([label], k) => console.log(`${label}: ${median(times[k].on).toFixed(0)} ms with hooks, ${median(times[k].off).toFixed(0)} ms without → hooks add ${added[k].toFixed(0)} ms`));

const ratioA = added[1] / added[0];
const ratioC = added[3] / added[0];
const okC = ratioC <= 1.0;
const extraB = added[2] - added[1];
const okA = ratioA <= 0.4;
const okB = extraB <= 50;
console.log(`(a) modelreg adds ${ratioA.toFixed(2)}× what the bare setup adds (target ≤ 0.4) ${okA ? 'ok' : 'OVER TARGET'}`);
console.log(`(b) validating one annotation file adds ${extraB.toFixed(0)} ms on top of (a) (target ≤ 50 ms) ${okB ? 'ok' : 'OVER TARGET'}`);
console.log(`(c) in a repository with its own commitlint config, its hooks and modelreg's add ${ratioC.toFixed(2)}× what the bare setup adds (target ≤ 1.0) ${okC ? 'ok' : 'OVER TARGET'}`);
rmSync(home, { recursive: true, force: true });
process.exitCode = okA && okB && okC ? 0 : 1;
