// What the benchmark scripts share: where things are, their arguments, and medians.
import { mkdirSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The built CLI, run as `node CLI …` (what a package manager's bin shim runs). */
export const cli = join(root, 'packages', 'cli', 'bin', 'modelreg.js');

/** `--NAME N` from the command line, else `fallback`. */
export function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
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
  mkdirSync(join(dir, 'node_modules'));
  for (const tool of ['.bin', 'modelreg', 'husky', 'lint-staged', '@modelreg', '@commitlint']) symlinkSync(join(from, tool), join(dir, 'node_modules', tool));
}
