#!/usr/bin/env node
// `pnpm bench`: reads on a synthetic registry of 100,000 annotated tags (1,000 artifacts × 100
// events), each timed against a baseline measured in the same run:
//   modelreg show --json       vs  the one `git for-each-ref` that lists the tags' names, dates, targets (target ≤ 2.0×)
//   modelreg check-ref TAG     vs  `node -e 0` (target ≤ 3.0×)
// Usage: node bench/registry-read.mjs [--artifacts N] [--events N] [--runs N]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateRegistry } from './synthetic-registry.mjs';
import { arg, cli, compare, extraCaCertsNote, median, root } from './lib.mjs';

const artifacts = arg('artifacts', 1000);
const events = arg('events', 100);
const runs = arg('runs', 7);

const repo = join(root, 'bench', '.work', `registry-${artifacts}x${events}`);
if (!existsSync(join(repo, '.complete'))) {
  rmSync(repo, { recursive: true, force: true });
  mkdirSync(repo, { recursive: true });
  const started = performance.now();
  process.stdout.write(`generating ${artifacts * events} tags in ${repo} … `);
  generateRegistry(repo, { artifacts, events });
  writeFileSync(join(repo, '.complete'), '');
  console.log(`${((performance.now() - started) / 1000).toFixed(1)} s`);
}
const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1' };
const tagCount = execFileSync('git', ['for-each-ref', '--count=1000000', '--format=x', 'refs/tags'], { cwd: repo, env })
  .toString()
  .split('\n')
  .filter(Boolean).length;

/** Wall time of one run in ms; stdout goes to a pipe as in real use. */
function once(cmd, args) {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd: repo, env, maxBuffer: 1 << 30 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return ms;
}

/**
 * Medians of a subject and its baseline, run alternately (after one warm-up each) so that drift
 * in the machine's load hits both alike.
 */
function timePair(subject, baseline) {
  once(...subject);
  once(...baseline);
  const a = [];
  const b = [];
  for (let i = 0; i < runs; i++) {
    b.push(once(...baseline));
    a.push(once(...subject));
  }
  return [median(a), median(b)];
}

console.log(`registry: ${tagCount} tags, ${artifacts} artifacts; median of ${runs} alternating runs each`);
const [showJson, forEachRef] = timePair(
  [process.execPath, [cli, 'show', '--json']],
  ['git', ['for-each-ref', '--format=%(refname)%00%(taggerdate:raw)%00%(*objectname)', 'refs/tags']],
);
const [checkRef, nodeStart] = timePair([process.execPath, [cli, 'check-ref', 'model-0500#prod#50']], [process.execPath, ['-e', '0']]);
const okShow = compare('modelreg show --json  vs git for-each-ref', showJson, forEachRef, 2.0);
const okCheck = compare('modelreg check-ref    vs node -e 0      ', checkRef, nodeStart, 3.0);
const note = extraCaCertsNote();
if (note) console.log(note);
process.exitCode = okShow && okCheck ? 0 : 1;
