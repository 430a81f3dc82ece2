#!/usr/bin/env node
// `pnpm bench`: a view of many remote registries (default 20 × 5,000 tags, served as local
// bare remotes through file:// URLs), timed against baselines measured in the same run:
//   second `modelreg show -r … -r …` (nothing changed)  vs  the same ls-remote calls alone (target ≤ 2.0×)
//   after one remote gains 10 tags                      vs  the same ls-remote calls alone (target ≤ 3.0×)
// The baseline is `git ls-remote --tags --refs URL` per remote, POOL at a time (xargs -P): what asking
// any remote costs. modelreg asks a file:// URL of a bare repository with one `git for-each-ref` in
// it (the same lines, without ls-remote's second process, upload-pack); any other URL gets the
// baseline's ls-remote.
// Usage: node bench/registries.mjs [--registries N] [--artifacts N] [--events N] [--runs N]
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateRegistry } from './synthetic-registry.mjs';
import { arg, cli, compare, median, root } from './lib.mjs';

const registries = arg('registries', 20);
const artifacts = arg('artifacts', 50);
const events = arg('events', 100);
const runs = arg('runs', 5);
/** The pool size modelreg uses (packages/cli/src/registries.ts). */
const POOL = 4;

const work = join(root, 'bench', '.work', `registries-${registries}x${artifacts * events}`);
const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', MODELREG_CACHE_DIR: join(work, 'cache') };
const git = (cwd, ...args) => execFileSync('git', args, { cwd, env, encoding: 'utf8' });

const remotes = Array.from({ length: registries }, (_, i) => join(work, `models-${String(i).padStart(2, '0')}.git`));
if (!existsSync(join(work, '.complete'))) {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const started = performance.now();
  process.stdout.write(`generating ${registries} registries of ${artifacts * events} tags in ${work} … `);
  const source = join(work, 'source');
  generateRegistry(source, { artifacts, events });
  for (const remote of remotes) {
    git(work, 'clone', '-q', '--bare', source, remote);
    git(remote, 'config', 'uploadpack.allowFilter', 'true');
  }
  writeFileSync(join(work, '.complete'), '');
  console.log(`${((performance.now() - started) / 1000).toFixed(1)} s`);
}
const urls = remotes.map((r) => pathToFileURL(r).href);
// Start from an empty cache, so the first run below clones (partial) every remote.
rmSync(join(work, 'cache'), { recursive: true, force: true });
const user = join(work, 'user');
if (!existsSync(user)) git(work, 'init', '-q', user);

function once(cmd, args, input) {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd: user, env, input, maxBuffer: 1 << 30 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return { ms, stdout: r.stdout.toString() };
}

const show = [process.execPath, [cli, 'show', '--json', ...urls.flatMap((u) => ['-r', u])]];
const lsRemotes = ['xargs', ['-P', String(POOL), '-n', '1', 'git', 'ls-remote', '--tags', '--refs'], urls.join('\n')];

const cloned = once(...show);
console.log(`first show (${registries} partial clones): ${cloned.ms.toFixed(0)} ms, ${Object.keys(JSON.parse(cloned.stdout)).length} rows`);

/** Medians of subject and baseline, run alternately after a warm-up, so drift hits both alike. */
function timePair(subject, before = () => {}) {
  once(...lsRemotes);
  const a = [];
  const b = [];
  for (let i = 0; i < runs; i++) {
    b.push(once(...lsRemotes).ms);
    before(i);
    a.push(once(...subject).ms);
  }
  return [median(a), median(b)];
}

const [unchanged, baseline1] = timePair(show);
const okUnchanged = compare(`show, nothing changed      vs ${registries} ls-remote`, unchanged, baseline1, 2.0);

// Each run: the first remote gains 10 tags (on commits it has), then show.
let round = 0;
const gain = () => {
  const head = git(remotes[0], 'rev-parse', 'main').trim();
  round++;
  for (let t = 0; t < 10; t++) git(remotes[0], 'tag', '-a', '-m', `Registering artifact bench-${process.pid}-${round} version v0.0.${t}`, `bench-${process.pid}-${round}@v0.0.${t}`, head);
};
const [changed, baseline2] = timePair(show, gain);
const okChanged = compare(`show, one remote +10 tags   vs ${registries} ls-remote`, changed, baseline2, 3.0);
process.exitCode = okUnchanged && okChanged ? 0 : 1;
