#!/usr/bin/env node
// `pnpm demo`: the registry at work on a throw-away repository, without touching yours.
// Three models are registered, promoted, demoted and deprecated with the built CLI, then shown.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'packages', 'cli', 'bin', 'modelreg.js');
const keep = process.argv.includes('--keep');
const repo = mkdtempSync(join(tmpdir(), 'modelreg-demo-'));

// A fixed identity and clock, so the demo prints the same registry every time.
let clock = Date.UTC(2026, 0, 5, 9, 0, 0) / 1000;
const env = () => ({
  ...process.env,
  HOME: repo,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Ada Lovelace',
  GIT_AUTHOR_EMAIL: 'ada@example.com',
  GIT_COMMITTER_NAME: 'Ada Lovelace',
  GIT_COMMITTER_EMAIL: 'ada@example.com',
  GIT_AUTHOR_DATE: `${clock} +0000`,
  GIT_COMMITTER_DATE: `${clock} +0000`,
});
const tick = () => (clock += 3600);

const git = (...args) => execFileSync('git', args, { cwd: repo, env: env(), encoding: 'utf8' });
function commit(file, content, message) {
  tick();
  mkdirSync(dirname(join(repo, file)), { recursive: true });
  writeFileSync(join(repo, file), content);
  git('add', '--', file);
  git('commit', '-q', '-m', message);
}
function modelreg(...args) {
  run(args, false);
}
/** A command the registry must refuse: its error is part of the show. */
function refused(...args) {
  run(args, true);
}
function run(args, expectRefusal) {
  tick();
  process.stdout.write(`\n$ modelreg ${args.map((a) => (/^[\w@:./=-]+$/.test(a) ? a : `'${a}'`)).join(' ')}\n`);
  try {
    process.stdout.write(execFileSync(process.execPath, [cli, ...args], { cwd: repo, env: env(), encoding: 'utf8', stdio: 'pipe' }));
    if (expectRefusal) throw new Error(`modelreg ${args.join(' ')} should have been refused`);
  } catch (e) {
    if (!expectRefusal || e.status !== 1) throw e;
    process.stdout.write(`${e.stderr}(refused, exit code ${e.status})\n`);
  }
}

try {
  git('init', '-q', '-b', 'main');
  console.log(`A throw-away repository: ${repo}`);
  commit('.gto', 'stages: [dev, staging, prod]\n', 'Allow the stages dev, staging and prod');
  commit('models/legacy.bin', 'legacy weights\n', 'Add the legacy model');
  modelreg('register', 'legacy', '--version', 'v0.9.0');
  commit('models/churn.pkl', 'churn weights 1\n', 'Train the churn model');
  console.log('\n# What a model is lives beside the code, in dvc.yaml');
  modelreg('annotate', 'churn', '--path', 'models/churn.pkl', '--type', 'model', '--desc', 'Customer churn classifier', '--meta', 'owner=ml-team');
  tick();
  git('add', 'dvc.yaml');
  git('commit', '-q', '-m', 'Annotate the churn model');
  modelreg('check');
  modelreg('register', 'churn', '--version', 'v1.0.0');
  commit('models/fraud.onnx', 'fraud weights 1\n', 'Train the fraud model');
  modelreg('register', 'fraud');
  console.log('\n# Promote churn v1.0.0 through the stages');
  modelreg('assign', 'churn', '--version', 'v1.0.0', '--stage', 'dev');
  modelreg('assign', 'churn', '--version', 'v1.0.0', '--stage', 'staging');
  modelreg('assign', 'churn', '--version', 'v1.0.0', '--stage', 'prod');
  commit('models/churn.pkl', 'churn weights 2\n', 'Retrain churn on December data');
  modelreg('register', 'churn', '--bump-minor');
  modelreg('assign', 'churn', '--version', 'v1.1.0', '--stage', 'prod');
  console.log('\n# v1.1.0 misbehaves in prod: unassign it, and prod falls back to v1.0.0');
  modelreg('deprecate', 'churn', 'v1.1.0', 'prod');
  console.log('\n# Assigning a commit that has no version registers one first');
  modelreg('assign', 'fraud', '--stage', 'staging');
  console.log('\n# Stages not allowed by .gto are refused');
  refused('assign', 'fraud', '--stage', 'qa');
  modelreg('deprecate', 'legacy');
  console.log('\n# The registry (deprecated artifacts are hidden; add -d to see them)');
  modelreg('show');
  modelreg('show', 'churn');
  modelreg('show', 'churn#prod', '--version');
  modelreg('describe', 'churn#prod');
  modelreg('history');
} catch (e) {
  console.error(`demo failed: ${e.message.split('\n')[0]}`);
  process.exitCode = 1;
} finally {
  if (keep) console.log(`\nKept ${repo}`);
  else rmSync(repo, { recursive: true, force: true });
}
