#!/usr/bin/env node
// `pnpm bench` (part): `git push` of 10,000 new registry tags to a local bare remote with the
// modelreg pre-push hook installed, against the same push with `--no-verify`, alternately in the
// same run. Target: the hook adds ≤ 2 s.
// Usage: node bench/pre-push.mjs [--artifacts N] [--events N] [--runs N]
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateRegistry } from './synthetic-registry.mjs';
import { arg, cli, median, root } from './lib.mjs';

const artifacts = arg('artifacts', 1000);
const events = arg('events', 10);
const runs = arg('runs', 5);
const TARGET_SECONDS = 2;

const work = join(root, 'bench', '.work');
const repo = join(work, `push-${artifacts}x${events}`);
const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1' };
if (!existsSync(join(repo, '.complete'))) {
  rmSync(repo, { recursive: true, force: true });
  mkdirSync(repo, { recursive: true });
  const started = performance.now();
  process.stdout.write(`generating ${artifacts * events} tags in ${repo} … `);
  generateRegistry(repo, { artifacts, events });
  writeFileSync(join(repo, '.complete'), '');
  console.log(`${((performance.now() - started) / 1000).toFixed(1)} s`);
}
// The stages the synthetic registry uses, so every rule runs and the push is accepted. The hook
// reads the config committed at HEAD: commit it (`--only`: the index of a fast-imported
// repository is empty, and only this file is to change).
writeFileSync(join(repo, '.modelreg.yaml'), 'stages: [dev, staging, prod]\nrules:\n  prod:\n    requires: []\n');
execFileSync('git', ['add', '--', '.modelreg.yaml'], { cwd: repo, env });
const who = { GIT_AUTHOR_NAME: 'Bench', GIT_AUTHOR_EMAIL: 'bench@example.com', GIT_COMMITTER_NAME: 'Bench', GIT_COMMITTER_EMAIL: 'bench@example.com' };
if (spawnSync('git', ['diff', '--quiet', 'HEAD', '--', '.modelreg.yaml'], { cwd: repo, env }).status !== 0) {
  execFileSync('git', ['commit', '-q', '-m', 'Registry config', '--only', '--', '.modelreg.yaml'], { cwd: repo, env: { ...env, ...who } });
}
const hook = join(repo, '.git', 'hooks', 'pre-push');
writeFileSync(hook, `#!/bin/sh\nexec "${process.execPath}" "${cli}" hook pre-push "$@"\n`);
chmodSync(hook, 0o755);
const tagCount = execFileSync('git', ['for-each-ref', '--format=x', 'refs/tags'], { cwd: repo, env }).toString().split('\n').filter(Boolean).length;

// Every push goes to its own empty remote, created before the timing starts and removed after:
// deleting 10,000 refs while another push runs would time the disk, not the hook. The remotes do
// not fsync (the same for both kinds of push): 10,000 ref fsyncs on a shared disk vary by seconds.
let remotes = 0;
function emptyRemote() {
  const dir = join(work, `push-remote-${remotes++}.git`);
  rmSync(dir, { recursive: true, force: true });
  execFileSync('git', ['init', '-q', '--bare', dir], { env });
  execFileSync('git', ['config', 'core.fsync', 'none'], { cwd: dir, env });
  return dir;
}

/** Wall time in ms of pushing every tag to the empty remote `dir`. */
function push(dir, extra) {
  const t0 = performance.now();
  const r = spawnSync('git', ['push', '-q', ...extra, dir, '--tags'], { cwd: repo, env, maxBuffer: 1 << 30 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`git push ${extra.join(' ')} failed: ${r.stderr}`);
  return ms;
}

/** Wall time in ms of the hook alone, given the stdin git gives it for that push. */
function hookAlone(stdin) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [cli, 'hook', 'pre-push', dirs[0], dirs[0]], { cwd: repo, env, input: stdin, maxBuffer: 1 << 30 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`the hook refused the push: ${r.stderr}`);
  return ms;
}


console.log(`pushing ${tagCount} new tags; median of ${runs} runs each, alternating (ABBA)`);
const dirs = Array.from({ length: 2 * runs + 2 }, emptyRemote);
push(dirs[0], []);
push(dirs[1], ['--no-verify']);
const pushed = execFileSync('git', ['for-each-ref', '--format=x', 'refs/tags'], { cwd: dirs[0], env }).toString().split('\n').filter(Boolean).length;
if (pushed !== tagCount) throw new Error(`the remote got ${pushed} tags, expected ${tagCount}`);
const withHook = [];
const without = [];
for (let i = 0; i < runs; i++) {
  const [a, b] = [dirs[2 + 2 * i], dirs[3 + 2 * i]];
  if (i % 2 === 0) {
    without.push(push(a, ['--no-verify']));
    withHook.push(push(b, []));
  } else {
    withHook.push(push(a, []));
    without.push(push(b, ['--no-verify']));
  }
}
const zero = '0'.repeat(40);
const stdin = execFileSync('git', ['for-each-ref', `--format=%(refname) %(objectname) %(refname) ${zero}`, 'refs/tags'], { cwd: repo, env, maxBuffer: 1 << 30 });
const alone = [];
for (let i = 0; i < runs; i++) alone.push(hookAlone(stdin));
for (const dir of dirs) rmSync(dir, { recursive: true, force: true });

const a = median(withHook);
const b = median(without);
const added = (a - b) / 1000;
const ok = added <= TARGET_SECONDS;
console.log(
  `git push with pre-push hook vs --no-verify: ${a.toFixed(0)} ms vs ${b.toFixed(0)} ms → adds ${added.toFixed(2)} s (target ≤ ${TARGET_SECONDS} s) ${ok ? 'ok' : 'OVER TARGET'}`,
);
console.log(`the hook alone on the same ${tagCount} refs: ${median(alone).toFixed(0)} ms (median)`);
process.exitCode = ok ? 0 : 1;
