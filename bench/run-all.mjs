#!/usr/bin/env node
// `pnpm bench`: every benchmark in turn (each prints its numbers against a baseline measured in
// the same run); exits non-zero when any misses its target. Not part of `pnpm test`.
// Every *.mjs here but the helpers runs: changelog, check-annotations, pre-push (10,000 tags), registries
// (20 remotes × 5,000 tags), registry-read, site (100 models × 50 versions), startup (each command at 2,000 tags).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const skip = new Set(['run-all.mjs', 'synthetic-registry.mjs', 'lib.mjs']);
let failed = 0;
for (const script of readdirSync(here).filter((f) => f.endsWith('.mjs') && !skip.has(f)).sort()) {
  console.log(`\n== ${script}`);
  const r = spawnSync(process.execPath, [join(here, script), ...process.argv.slice(2)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
console.log(failed === 0 ? '\nall benchmarks within target' : `\n${failed} benchmark(s) over target`);
process.exitCode = failed === 0 ? 0 : 1;
