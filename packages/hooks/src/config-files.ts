// Where the tools modelreg works with look for their config: read by the commit-msg hook (which
// config to load) and by init (which config to merge into).

/** Where commitlint (cosmiconfig) looks for its config, in its order. */
export const COMMITLINT_CONFIG_FILES = [
  'package.json',
  'package.yaml',
  '.commitlintrc',
  '.commitlintrc.json',
  '.commitlintrc.yaml',
  '.commitlintrc.yml',
  '.commitlintrc.js',
  '.commitlintrc.cjs',
  '.commitlintrc.mjs',
  'commitlint.config.js',
  'commitlint.config.cjs',
  'commitlint.config.mjs',
  '.commitlintrc.ts',
  '.commitlintrc.cts',
  '.commitlintrc.mts',
  'commitlint.config.ts',
  'commitlint.config.cts',
  'commitlint.config.mts',
];

/** Where lint-staged looks for its config (after package.json), in its order. */
export const LINT_STAGED_CONFIG_FILES = [
  '.lintstagedrc',
  '.lintstagedrc.json',
  '.lintstagedrc.yaml',
  '.lintstagedrc.yml',
  '.lintstagedrc.mjs',
  '.lintstagedrc.js',
  '.lintstagedrc.cjs',
  '.lintstagedrc.mts',
  '.lintstagedrc.ts',
  '.lintstagedrc.cts',
  'lint-staged.config.mjs',
  'lint-staged.config.js',
  'lint-staged.config.cjs',
  'lint-staged.config.mts',
  'lint-staged.config.ts',
  'lint-staged.config.cts',
];
