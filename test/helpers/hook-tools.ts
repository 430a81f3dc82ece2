// A repository set up as `npm install` would after `modelreg init`: its node_modules holds
// modelreg, husky, lint-staged and commitlint — linked from this workspace's own install, so these
// tests run the current build without the network. `modelreg` is the workspace build of the
// package (@modelreg/cli); install.test.ts installs the packed package itself.
import { mkdirSync, readFileSync, realpathSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestRepo } from './repo.js';

const TEST_MODULES = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules');
/** node_modules entry → where it links to in the test package's node_modules. */
const TOOLS = { husky: 'husky', 'lint-staged': 'lint-staged', '@modelreg': '@modelreg', '@commitlint': '@commitlint' };
/** The commands, linked as npm links them: .bin/NAME → the package's bin script. */
const BINS = { modelreg: '@modelreg/cli', husky: 'husky', 'lint-staged': 'lint-staged', commitlint: '@commitlint/cli' };

/** A real node_modules directory (so `.gitignore`'s `node_modules/` matches it) of links. */
export function installHookTools(repo: TestRepo): void {
  const dir = join(repo.dir, 'node_modules');
  mkdirSync(join(dir, '.bin'), { recursive: true });
  for (const [name, target] of Object.entries(TOOLS)) symlinkSync(join(TEST_MODULES, target), join(dir, name));
  // The package `modelreg` as it is laid out when installed: its bundle/ is the CLI's build.
  mkdirSync(join(dir, 'modelreg'));
  symlinkSync(join(realpathSync(join(TEST_MODULES, '@modelreg/cli')), 'dist'), join(dir, 'modelreg', 'bundle'));
  for (const [name, pkg] of Object.entries(BINS)) {
    const pkgDir = realpathSync(join(TEST_MODULES, pkg));
    const bin = (JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { bin: string | Record<string, string> }).bin;
    symlinkSync(join(pkgDir, typeof bin === 'string' ? bin : bin[name]!), join(dir, '.bin', name));
  }
}
