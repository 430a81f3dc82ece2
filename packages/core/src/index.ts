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
export * from './history-rules.js';
// Config and annotation parsing load the YAML parser and the schema validators: they have their
// own entry points, '@modelreg/core/config' and '@modelreg/core/annotations', so commands that
// read neither (check-ref in CI, show on a large registry) do not pay for them.
export type { RegistryConfig } from './config.js';
export { CONFIG_FILES, MAX_YAML_BYTES } from './config-files.js';
export type { LoadedYaml, Position as YamlPosition, SchemaDiagnosticOptions, YamlPath } from './yaml-source.js';
export * from './shortcut.js';
export * from './trailers.js';
export * from './annotation-files.js';
export * from './artifact-removal.js';
export * from './closest.js';
export * from './registry-view.js';
