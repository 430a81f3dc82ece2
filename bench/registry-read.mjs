#!/usr/bin/env node
// `pnpm bench`: reads on synthetic registries of 100,000 annotated tags in two shapes, repacked
// as `git gc` leaves a repository (`git repack -adf`, `git pack-refs --all`), each timed against
// a baseline measured in the same run:
//   many-artifacts: 20,000 artifacts × 5 events; many-events: 1,000 artifacts × 100 events (long
//   stage histories with re-assignments, unassignments and deregistrations)
//   modelreg show --json, cold     vs  the one `git for-each-ref` that lists the tags' names, dates, targets (≤ 1.5×, each shape;
//                                      no registry index: .git/modelreg/ is removed before each run, and the run writes it)
//   modelreg show --json, warm     vs  the same for-each-ref (≤ 0.5×: the index answers, nothing changed)
//   after 100 new tags             vs  the same for-each-ref (≤ 1.0×: the index was built before 100 tags on 100 artifacts were added)
//   modelreg check-ref TAG         vs  `node -e 0` (target ≤ 3.0×, many-events)
// Usage: node bench/registry-read.mjs [--artifacts N --events N] [--runs N]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateRegistry } from './synthetic-registry.mjs';
import { arg, cli, compare, extraCaCertsNote, median, root } from './lib.mjs';

const runs = arg('runs', 7);
const SHAPES = process.argv.includes('--artifacts')
  ? [{ label: 'custom', artifacts: arg('artifacts', 1000), events: arg('events', 100) }]
  : [
      { label: 'many-artifacts', artifacts: 20_000, events: 5 },
      { label: 'many-events', artifacts: 1000, events: 100 },
    ];
const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1' };

/** The registry of a shape, generated and repacked once (bench/.work keeps it). */
function registryRepo({ artifacts, events }) {
  const repo = join(root, 'bench', '.work', `registry-${artifacts}x${events}-gc`);
  if (existsSync(join(repo, '.complete'))) return repo;
  rmSync(repo, { recursive: true, force: true });
  mkdirSync(repo, { recursive: true });
  const started = performance.now();
  process.stdout.write(`generating ${artifacts * events} tags in ${repo} … `);
  generateRegistry(repo, { artifacts, events });
  execFileSync('git', ['repack', '-adfq'], { cwd: repo, env });
  execFileSync('git', ['pack-refs', '--all'], { cwd: repo, env });
  writeFileSync(join(repo, '.complete'), '');
  console.log(`${((performance.now() - started) / 1000).toFixed(1)} s`);
  return repo;
}

let repo;
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
 * in the machine's load hits both alike. `prepare` runs, untimed, before each run of the subject.
 */
function timePair(subject, baseline, prepare = () => {}) {
  prepare();
  once(...subject);
  once(...baseline);
  const a = [];
  const b = [];
  for (let i = 0; i < runs; i++) {
    b.push(once(...baseline));
    prepare();
    a.push(once(...subject));
  }
  return [median(a), median(b)];
}

/**
 * 100 annotated tags, one new version on each of 100 artifacts, written once as objects; `add()`
 * and `remove()` create and delete their refs with one `git update-ref --stdin` each.
 */
function newTags(shape) {
  const file = join(repo, '.new-tags');
  if (!existsSync(file)) {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repo, env, encoding: 'utf8' }).trim();
    const step = Math.floor(shape.artifacts / 100);
    const lines = [];
    for (let i = 0; i < 100; i++) {
      const name = `model-${String(i * step).padStart(4, '0')}@v9.0.0`;
      const body = `object ${head}\ntype commit\ntag ${name}\ntagger Bench <bench@example.com> 1800000000 +0000\n\nRegistering a new version\n`;
      const oid = execFileSync('git', ['hash-object', '-t', 'tag', '-w', '--stdin'], { cwd: repo, env, input: body, encoding: 'utf8' }).trim();
      lines.push(`${oid} ${name}`);
    }
    writeFileSync(file, lines.join('\n') + '\n');
  }
  const tags = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => l.split(' '));
  const updateRefs = (input) => execFileSync('git', ['update-ref', '--stdin'], { cwd: repo, env, input });
  return {
    add: () => updateRefs(tags.map(([oid, name]) => `create refs/tags/${name} ${oid}\n`).join('')),
    remove: () => updateRefs(tags.map(([, name]) => `delete refs/tags/${name}\n`).join('')),
  };
}

const FOR_EACH_REF = ['git', ['for-each-ref', '--format=%(refname)%00%(taggerdate:raw)%00%(*objectname)', 'refs/tags']];
const SHOW = [process.execPath, [cli, 'show', '--json']];
let ok = true;
for (const shape of SHAPES) {
  repo = registryRepo(shape);
  const tagCount = execFileSync('git', ['for-each-ref', '--format=x', 'refs/tags'], { cwd: repo, env, maxBuffer: 1 << 30 })
    .toString()
    .split('\n')
    .filter(Boolean).length;
  console.log(`${shape.label}: ${tagCount} tags, ${shape.artifacts} artifacts, repacked; median of ${runs} alternating runs each`);
  const dropIndex = () => rmSync(join(repo, '.git', 'modelreg'), { recursive: true, force: true });
  const [cold, base1] = timePair(SHOW, FOR_EACH_REF, dropIndex);
  ok = compare(`${shape.label}: show --json, cold          vs git for-each-ref`, cold, base1, 1.5) && ok;
  const [warm, base2] = timePair(SHOW, FOR_EACH_REF);
  ok = compare(`${shape.label}: show --json, warm          vs git for-each-ref`, warm, base2, 0.5) && ok;
  const tags = newTags(shape);
  const [added, base3] = timePair(SHOW, FOR_EACH_REF, () => {
    tags.remove();
    once(...SHOW); // the index, as it was before the new tags
    tags.add();
  });
  tags.remove();
  ok = compare(`${shape.label}: show --json, 100 new tags  vs git for-each-ref`, added, base3, 1.0) && ok;
  if (shape.events >= 100) {
    const tag = `model-${String(Math.floor(shape.artifacts / 2)).padStart(4, '0')}#prod#50`;
    const [checkRef, nodeStart] = timePair([process.execPath, [cli, 'check-ref', tag]], [process.execPath, ['-e', '0']]);
    ok = compare(`${shape.label}: modelreg check-ref    vs node -e 0      `, checkRef, nodeStart, 3.0) && ok;
  }
}
const note = extraCaCertsNote();
if (note) console.log(note);
process.exitCode = ok ? 0 : 1;
