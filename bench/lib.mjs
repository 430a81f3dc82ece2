// What the benchmark scripts share: where things are, their arguments, and medians.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, realpathSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The built CLI, run as `node CLI …` (what a package manager's bin shim runs). */
export const cli = join(root, 'packages', 'cli', 'bin', 'modelreg.js');
/** What users run: the package's bin (npm, the pre-commit framework), the committed bundle. */
export const bundledCli = join(root, 'bundle', 'modelreg.mjs');

/** `--NAME N` from the command line, else `fallback`. */
export function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

/** Print `subject` against `baseline` (ms) as a ratio with its target; true when within it. */
export function compare(label, subject, baseline, target) {
  const ratio = subject / baseline;
  const verdict = ratio <= target ? 'ok' : 'OVER TARGET';
  console.log(`${label}: ${subject.toFixed(1)} ms vs ${baseline.toFixed(1)} ms → ratio ${ratio.toFixed(2)} (target ≤ ${target}) ${verdict}`);
  return ratio <= target;
}

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/**
 * node_modules for a repository set up by `modelreg init`: modelreg, husky, lint-staged and the
 * commitlint packages, linked from the workspace's test package (nothing is published).
 */
export function linkHookTools(dir) {
  const from = join(root, 'test', 'node_modules');
  mkdirSync(join(dir, 'node_modules', '.bin'), { recursive: true });
  for (const name of ['husky', 'lint-staged', '@modelreg', '@commitlint']) symlinkSync(join(from, name), join(dir, 'node_modules', name));
  // The package `modelreg` as it is laid out when installed: its bundle/ is the CLI's build.
  mkdirSync(join(dir, 'node_modules', 'modelreg'));
  symlinkSync(join(realpathSync(join(from, '@modelreg/cli')), 'dist'), join(dir, 'node_modules', 'modelreg', 'bundle'));
  // The commands as npm links them (.bin/NAME → the bin script): pnpm's shims find their package
  // by a path relative to where they are, which a linked .bin breaks.
  for (const [name, pkg] of Object.entries({ modelreg: '@modelreg/cli', husky: 'husky', 'lint-staged': 'lint-staged', commitlint: '@commitlint/cli' })) {
    const pkgDir = realpathSync(join(from, pkg));
    const { bin } = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
    symlinkSync(join(pkgDir, typeof bin === 'string' ? bin : bin[name]), join(dir, 'node_modules', '.bin', name));
  }
}

/**
 * A line on NODE_EXTRA_CA_CERTS when it is set ('' otherwise): Node reads and parses that CA
 * bundle at every start, before any of modelreg runs, and a git baseline does not pay it. The
 * ratios stay as measured; this says how much of them it is (median `node -e 0` with and without).
 */
export function extraCaCertsNote(runs = 9) {
  if (!process.env.NODE_EXTRA_CA_CERTS) return '';
  const time = (env) => {
    const t0 = performance.now();
    spawnSync(process.execPath, ['-e', '0'], { env });
    return performance.now() - t0;
  };
  const withCerts = [];
  const without = [];
  for (let i = 0; i < runs; i++) {
    withCerts.push(time(process.env));
    without.push(time({ ...process.env, NODE_EXTRA_CA_CERTS: '' }));
  }
  const cost = median(withCerts) - median(without);
  return `note: NODE_EXTRA_CA_CERTS is set; Node parses ${process.env.NODE_EXTRA_CA_CERTS} at every start: ${cost >= 0 ? '+' : ''}${cost.toFixed(0)} ms to each run of modelreg here (node -e 0: ${median(withCerts).toFixed(0)} vs ${median(without).toFixed(0)} ms)`;
}
