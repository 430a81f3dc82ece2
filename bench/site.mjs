#!/usr/bin/env node
// `pnpm bench`: `modelreg site` on a synthetic registry of 100 models × 50 versions (125 events
// each: registrations, stage assignments, undo events), the whole command timed (target ≤ 1 s),
// and its largest page weighed (target ≤ 1 MB).
// Usage: node bench/site.mjs [--artifacts N] [--versions N] [--runs N]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateRegistry } from './synthetic-registry.mjs';
import { arg, cli, median, root } from './lib.mjs';

const artifacts = arg('artifacts', 100);
const versions = arg('versions', 50);
const runs = arg('runs', 5);
// synthetic-registry registers 40 % of an artifact's events as versions.
const events = Math.ceil(versions / 0.4);

const repo = join(root, 'bench', '.work', `site-${artifacts}x${versions}`);
if (!existsSync(join(repo, '.complete'))) {
  rmSync(repo, { recursive: true, force: true });
  mkdirSync(repo, { recursive: true });
  process.stdout.write(`generating ${artifacts} models × ${versions} versions in ${repo} … `);
  const started = performance.now();
  generateRegistry(repo, { artifacts, events });
  writeFileSync(join(repo, '.complete'), '');
  console.log(`${((performance.now() - started) / 1000).toFixed(1)} s`);
}
const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1' };
const out = join(repo, '..', `site-${artifacts}x${versions}-out`);

function once() {
  rmSync(out, { recursive: true, force: true });
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [cli, 'site', '-o', out], { cwd: repo, env });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`modelreg site failed: ${r.stderr}`);
  return ms;
}

function largest(dir) {
  let best = { path: '', size: 0 };
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    const found = st.isDirectory() ? largest(p) : { path: p, size: st.size };
    if (found.size > best.size) best = found;
  }
  return best;
}

once();
const times = Array.from({ length: runs }, once);
const ms = median(times);
const big = largest(out);
const okTime = ms <= 1000;
const okSize = big.size <= 1024 * 1024;
console.log(`modelreg site, ${artifacts} models × ${versions} versions: ${ms.toFixed(0)} ms (median of ${runs}; target ≤ 1000 ms) ${okTime ? 'ok' : 'OVER TARGET'}`);
console.log(`largest page: ${(big.size / 1024).toFixed(0)} KB, ${big.path.slice(out.length + 1)} (target ≤ 1024 KB) ${okSize ? 'ok' : 'OVER TARGET'}`);
process.exitCode = okTime && okSize ? 0 : 1;
