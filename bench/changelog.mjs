#!/usr/bin/env node
// `pnpm bench`: `modelreg changelog --format json` on a synthetic repository of 20,000 commits
// and 1,000 version tags (20 models × 50 versions, plus stage tags), timed against the one
// `git log` that prints those commits with their trailers, in the same run. Target: ratio ≤ 2.0 in
// every one of 7 alternating pairs. It runs bundle/modelreg.mjs, what users run (`pnpm bundle`).
// A quarter of the commits carry model trailers (`Model:`, `Model-Bump:`, `Model-Metric:`,
// `Model-Data:`), a third carry `Signed-off-by:`, and the rest are plain code changes;
// `--share 1` makes every commit a model commit (every commit then appears in the changelog).
// Usage: node bench/changelog.mjs [--commits N] [--models N] [--versions N] [--share F] [--runs N]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { arg, bundledCli, extraCaCertsNote, median, root } from './lib.mjs';

const commits = arg('commits', 20_000);
const models = arg('models', 20);
const versions = arg('versions', 50);
const share = arg('share', 0.25);
const runs = arg('runs', 7);
const TARGET = 2.0;
const BASE_TIME = 1_700_000_000;
const BUMPS = ['patch', 'minor', 'major'];

/** One `git fast-import` stream: commits with trailers, then annotated version and stage tags. */
function generate(dir) {
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1' };
  execFileSync('git', ['init', '-q', '-b', 'main', dir], { env });
  const chunks = [];
  const data = (text) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  const modelName = (m) => `model-${String(m).padStart(2, '0')}`;
  for (let c = 1; c <= commits; c++) {
    const who = `Bench Author <bench@example.com> ${BASE_TIME + c} +0000`;
    // Spread evenly: commit c is a model commit when the running share crosses an integer.
    const isModel = Math.floor(c * share) !== Math.floor((c - 1) * share);
    const m = Math.floor(c * share) % models; // model commits take the models in turn
    const trailers = [];
    if (isModel) {
      trailers.push(`Model: ${modelName(m)}`);
      if (c % 7 === 0) trailers.push(`Model-Bump: ${BUMPS[c % 3]}`);
      if (c % 5 === 0) trailers.push(`Model-Metric: auc=0.${String(500 + (c % 499)).padStart(3, '0')}`, `Model-Metric: loss=${(c % 100) / 10}`);
      if (c % 50 === 0) trailers.push(`Model-Data: s3://bench/${modelName(m)}/${c}`);
    }
    if (c % 3 === 0) trailers.push('Signed-off-by: Bench Author <bench@example.com>');
    const subject = isModel ? `Change ${c} of ${modelName(m)}` : `Refactor module ${c % 97} for the model pipeline`;
    const message = `${subject}\n\nWhat changed and why, in a few words.\nNote: a body line that looks like a trailer.\n${trailers.length ? `\n${trailers.join('\n')}\n` : ''}`;
    const file = isModel ? `models/${modelName(m)}.bin` : `src/module-${c % 97}.py`;
    chunks.push(`commit refs/heads/main\nmark :${c}\nauthor ${who}\ncommitter ${who}\n${data(message)}M 644 inline ${file}\n${data(`content ${c}`)}`);
  }
  let clock = BASE_TIME + commits + 1;
  const spacing = Math.floor(commits / versions);
  for (let k = 0; k < versions; k++) {
    for (let m = 0; m < models; m++) {
      const commit = Math.min(commits, k * spacing + (m + 1) * Math.max(1, Math.floor(spacing / models)));
      const name = modelName(m);
      const version = `v1.${k}.0`;
      chunks.push(`tag ${name}@${version}\nfrom :${commit}\ntagger Bench Tagger <tagger@example.com> ${clock++} +0000\n${data(`Registering artifact ${name} version ${version}`)}`);
      if (k % 10 === 9) {
        chunks.push(`tag ${name}#prod#${k + 1}\nfrom :${commit}\ntagger Bench Tagger <tagger@example.com> ${clock++} +0000\n${data(`Assigning stage prod to artifact ${name} version ${version}`)}`);
      }
    }
  }
  execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, env, input: chunks.join(''), maxBuffer: 1 << 30 });
  execFileSync('git', ['pack-refs', '--all'], { cwd: dir, env });
  execFileSync('git', ['reset', '-q', '--hard', 'main'], { cwd: dir, env });
}

const repo = join(root, 'bench', '.work', `changelog-${commits}x${models}x${versions}-${share}`);
if (!existsSync(join(repo, '.complete'))) {
  rmSync(repo, { recursive: true, force: true });
  mkdirSync(repo, { recursive: true });
  const started = performance.now();
  process.stdout.write(`generating ${commits} commits and ${models * versions} version tags in ${repo} … `);
  generate(repo);
  writeFileSync(join(repo, '.complete'), '');
  console.log(`${((performance.now() - started) / 1000).toFixed(1)} s`);
}
const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1' };

/** Wall time in ms of one run (stdout to a pipe, as in real use) and what it printed. */
function timeOne(cmd, args) {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd: repo, env, maxBuffer: 1 << 30 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return { ms, stdout: r.stdout };
}

const gitLog = () => timeOne('git', ['log', '--format=%H%x00%(trailers:unfold,only)%x00']);
const changelog = () => timeOne(process.execPath, [bundledCli, 'changelog', '--format', 'json']);
// One round to warm the page cache, then pairs in alternating order (git log first, then
// changelog first), so a busy moment or a warm cache does not favour one side; every pair counts.
gitLog();
const first = changelog();
const pairs = [];
for (let i = 0; i < runs; i++) {
  if (i % 2 === 0) pairs.push([gitLog().ms, changelog().ms]);
  else pairs.push([changelog().ms, gitLog().ms].reverse());
}
const doc = JSON.parse(first.stdout.toString());
const listed = doc.models.reduce((n, m) => n + m.versions.length, 0);
const listedCommits = doc.models.reduce((n, m) => n + m.versions.reduce((k, v) => k + v.commits.length, 0) + m.unreleased.commits.length, 0);
console.log(
  `repository: ${commits} commits (${Math.round(share * 100)}% with model trailers), ${models * versions} version tags; ` +
    `changelog lists ${listed} versions, ${listedCommits} commits (${(first.stdout.length / 1e6).toFixed(1)} MB); ${runs} alternating pairs`,
);
const ratios = pairs.map(([git, ours]) => ours / git);
pairs.forEach(([git, ours], i) => console.log(`  pair ${i + 1}: ${ours.toFixed(1)} ms vs ${git.toFixed(1)} ms → ${ratios[i].toFixed(2)}`));
const worst = Math.max(...ratios);
const verdict = worst <= TARGET ? 'ok' : 'OVER TARGET';
console.log(
  `modelreg changelog --format json vs git log with trailers: median ${median(pairs.map((p) => p[1])).toFixed(1)} ms vs ${median(pairs.map((p) => p[0])).toFixed(1)} ms → ` +
    `ratio median ${median(ratios).toFixed(2)}, worst ${worst.toFixed(2)} (target ≤ ${TARGET} in every pair) ${verdict}`,
);
const note = extraCaCertsNote();
if (note) console.log(note);
process.exitCode = worst <= TARGET ? 0 : 1;
