#!/usr/bin/env node
// `pnpm bench` (part): `git push` of 10,000 new registry tags to a local bare remote with the
// modelreg pre-push hook installed, against the same push with `--no-verify`, alternately in the
// same run. Target: the hook adds ≤ 2 s.
// Usage: node bench/pre-push.mjs [--artifacts N] [--events N] [--runs N]
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { generateRegistry } from './synthetic-registry.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'packages', 'cli', 'bin', 'modelreg.js');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const artifacts = arg('artifacts', 1000);
const events = arg('events', 10);
const runs = arg('runs', 5);
const TARGET_SECONDS = 2;

const work = join(root, 'bench', '.work');
const repo = join(work, `push-${artifacts}x${events}`);
const remote = join(work, `push-${artifacts}x${events}-remote.git`);
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
// The stages the synthetic registry uses, so every rule runs and the push is accepted.
writeFileSync(join(repo, '.modelreg.yaml'), 'stages: [dev, staging, prod]\nrules:\n  prod:\n    requires: []\n');
const hook = join(repo, '.git', 'hooks', 'pre-push');
writeFileSync(hook, `#!/bin/sh\nexec "${process.execPath}" "${cli}" hook pre-push "$@"\n`);
chmodSync(hook, 0o755);
const tagCount = execFileSync('git', ['for-each-ref', '--format=x', 'refs/tags'], { cwd: repo, env }).toString().split('\n').filter(Boolean).length;

function freshRemote() {
  rmSync(remote, { recursive: true, force: true });
  execFileSync('git', ['init', '-q', '--bare', remote], { env });
}

/** Wall time in ms of pushing every tag to an empty remote. */
function push(extra) {
  freshRemote();
  const t0 = performance.now();
  const r = spawnSync('git', ['push', '-q', ...extra, remote, '--tags'], { cwd: repo, env, maxBuffer: 1 << 30 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`git push ${extra.join(' ')} failed: ${r.stderr}`);
  return ms;
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

console.log(`pushing ${tagCount} new tags; median of ${runs} alternating runs each`);
push([]);
push(['--no-verify']);
const pushed = execFileSync('git', ['for-each-ref', '--format=x', 'refs/tags'], { cwd: remote, env }).toString().split('\n').filter(Boolean).length;
if (pushed !== tagCount) throw new Error(`the remote got ${pushed} tags, expected ${tagCount}`);
const withHook = [];
const without = [];
for (let i = 0; i < runs; i++) {
  without.push(push(['--no-verify']));
  withHook.push(push([]));
}
const a = median(withHook);
const b = median(without);
const added = (a - b) / 1000;
const ok = added <= TARGET_SECONDS;
console.log(
  `git push with pre-push hook vs --no-verify: ${a.toFixed(0)} ms vs ${b.toFixed(0)} ms → adds ${added.toFixed(2)} s (target ≤ ${TARGET_SECONDS} s) ${ok ? 'ok' : 'OVER TARGET'}`,
);
rmSync(remote, { recursive: true, force: true });
process.exitCode = ok ? 0 : 1;
