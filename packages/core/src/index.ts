export * from './names.js';
export * from './semver.js';
export * from './tag-grammar.js';
export * from './time.js';
export * from './diagnostics.js';
export * from './errors.js';
export * from './messages.js';
export * from './validate.js';
export * from './registry.js';
export * from './queries.js';
export * from './plan.js';
// Config parsing loads the YAML parser: it has its own entry point, '@modelreg/core/config',
// so commands that never read a config do not pay for it.
export type { RegistryConfig } from './config.js';
export { CONFIG_FILES } from './config-files.js';
export * from './shortcut.js';
