// Where commitlint looks for its config, and how modelreg's own config is named in it: read by the
// commit-msg hook (which config to load) and by init (which config to merge into).

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

/**
 * How a commitlint config names modelreg's shareable config: the path init writes (commitlint
 * resolves a bare `extends` name only as a scoped package or `commitlint-config-*`), the export
 * `modelreg/commitlint`, and what earlier versions of init wrote.
 */
export const MODELREG_CONFIGS = ['modelreg/commitlint', 'node_modules/modelreg/', '@modelreg/commitlint-plugin'];

export const isModelregConfig = (e: unknown) => typeof e === 'string' && MODELREG_CONFIGS.some((name) => e.includes(name));

/**
 * Does a commitlint config (as data) hold nothing but modelreg's shareable config, as the one init
 * writes? Then its rules are modelreg's alone, and the hook runs them without commitlint.
 */
export function holdsOnlyModelreg(config: unknown): boolean {
  if (!isObject(config)) return false;
  const extended = [config['extends']].flat();
  return Object.keys(config).join() === 'extends' && extended.length > 0 && extended.every(isModelregConfig);
}

/** Does a commitlint config (as data) extend modelreg's shareable config, among others or alone? */
export function extendsModelreg(config: unknown): boolean {
  return isObject(config) && [config['extends']].flat().some(isModelregConfig);
}

/** A plain object (not null, not an array), as a config or one of its values must be. */
export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
