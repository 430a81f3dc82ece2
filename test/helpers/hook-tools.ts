// A repository set up as `npm install` would after `modelreg init`: its node_modules holds
// modelreg, husky, lint-staged and the commitlint plugin — linked from this workspace's own
// install, since the packages are not published and tests must not need the network.
import { mkdirSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestRepo } from './repo.js';

const TEST_MODULES = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules');
const TOOLS = ['.bin', 'modelreg', 'husky', 'lint-staged', '@modelreg', '@commitlint'];

/** A real node_modules directory (so `.gitignore`'s `node_modules/` matches it) of links. */
export function installHookTools(repo: TestRepo): void {
  const dir = join(repo.dir, 'node_modules');
  mkdirSync(dir);
  for (const tool of TOOLS) symlinkSync(join(TEST_MODULES, tool), join(dir, tool));
}
