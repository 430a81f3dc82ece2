// Registry config: `.modelreg.yaml` (schemas/modelreg-config.schema.json), or GTO's `.gto`, of
// which only `types` and `stages` are read. Text in, config and diagnostics out.
import type { Diagnostic } from './diagnostics.js';
import type { ModelregConfig, RegistrySource, StageRule } from './generated/types.js';
import { validateModelregConfig } from './generated/validators.js';
import { closestMatch, loadYaml, locate, schemaDiagnostics, type LoadedYaml } from './yaml-source.js';

export { CONFIG_FILES } from './config-files.js';
export type { FieldPath, ModelregConfig, RegistrySource, Signer, StageRule } from './generated/types.js';

export type TrailerPolicy = NonNullable<ModelregConfig['trailers']>;
export type ChangelogSettings = NonNullable<ModelregConfig['changelog']>;
export type AnnotationPolicy = NonNullable<ModelregConfig['annotations']>;

export interface RegistryConfig {
  /** Allowed artifact types; undefined = any. */
  types?: string[];
  /** Allowed annotation labels (`.modelreg.yaml` only); undefined = any. */
  labels?: string[];
  /** Allowed stages; undefined = any. */
  stages?: string[];
  /** How strictly annotation files are checked (`.modelreg.yaml` only). */
  annotations?: AnnotationPolicy;
  /** Promotion rules by stage (`.modelreg.yaml` only). A rule with `signers` has `signed: true`. */
  rules?: Record<string, StageRule>;
  /** Commit-trailer policy (`.modelreg.yaml` only). */
  trailers?: TrailerPolicy;
  /** Changelog links (`.modelreg.yaml` only). */
  changelog?: ChangelogSettings;
  /** Registries of a cross-repository view (`.modelreg.yaml` only). */
  registries?: RegistrySource[];
  /** The file it was read from, for messages. */
  file?: string;
}

const GTO_FILE = '.gto';
/** What `.gto` has that modelreg reads. */
const GTO_KEYS = ['types', 'stages'] as const;
/** GTO's other settings (pydantic-settings, any case): valid in `.gto`, unused here. */
const GTO_ONLY_SETTINGS = new Set(['index', 'log_level', 'debug', 'enrichments', 'autoload_enrichments', 'config_file_name', 'emojis']);
const SECTIONS = ['types', 'labels', 'annotations', 'stages', 'rules', 'trailers', 'changelog', 'registries'] as const;

const messages = {
  notMapping: 'the config must be a mapping (types:, stages:)',
  gtoSetting: (key: string) => `'${key}' is a GTO setting that modelreg does not use`,
  modelregOnly: (key: string) => `'${key}' is read from .modelreg.yaml only, not from GTO's .gto`,
  moveToModelreg: 'move it to a .modelreg.yaml (which then replaces .gto)',
  sameKey: (key: string, first: string, line: number) => `duplicate key '${key}': GTO reads keys in any case, and '${first}' is already set on line ${line}`,
  unknownGtoKey: (key: string, suggestion: string | undefined) =>
    `unknown key '${key}' in .gto${suggestion ? ` (did you mean '${suggestion}'?)` : ''}: it is ignored`,
  unknownStage: (stage: string, suggestion: string | undefined) =>
    `stage '${stage}' is not in 'stages'${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`,
  allowedStages: (stages: string[]) => `allowed stages are: ${stages.join(', ') || 'none'}`,
  requiresItself: (stage: string) => `stage '${stage}' cannot require itself`,
  sameRegistry: (name: string) => `registry name '${name}' is used twice: each registry needs its own name`,
  cycle: (path: string[]) => `promotion rules form a cycle (${path.join(' → ')}): no version could ever enter these stages`,
};

const own = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

function problem(loaded: LoadedYaml, path: (string | number)[], message: string, extra: Partial<Diagnostic> = {}, atKey = false): Diagnostic {
  const field = path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.').replace(/\.\[/g, '[');
  return {
    code: 'config-value',
    severity: 'error',
    file: loaded.file,
    ...locate(loaded, path, { key: atKey }),
    ...(field ? { field } : {}),
    message,
    ...extra,
  };
}

/** `.gto`: keys other than types/stages are GTO's own settings (or mistakes): warnings, never errors. */
function gtoSubset(loaded: LoadedYaml, value: Record<string, unknown>, diagnostics: Diagnostic[]): Record<string, unknown> {
  const subset: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const lower = key.toLowerCase();
    if ((GTO_KEYS as readonly string[]).includes(lower)) {
      const first = Object.keys(value).find((k) => k !== key && k.toLowerCase() === lower);
      if (first !== undefined && own(subset, lower)) {
        const line = locate(loaded, [first], { key: true }).line;
        diagnostics.push(problem(loaded, [key], messages.sameKey(key, first, line), { code: 'config-syntax' }, true));
        continue;
      }
      subset[lower] = value[key];
      continue;
    }
    const extra = { code: 'config-ignored-key', severity: 'warning' as const };
    if (GTO_ONLY_SETTINGS.has(lower)) diagnostics.push(problem(loaded, [key], messages.gtoSetting(key), extra, true));
    else if ((SECTIONS as readonly string[]).includes(lower)) {
      diagnostics.push(problem(loaded, [key], messages.modelregOnly(key), { ...extra, hint: messages.moveToModelreg }, true));
    } else diagnostics.push(problem(loaded, [key], messages.unknownGtoKey(key, closestMatch(key, [...GTO_KEYS])), extra, true));
  }
  return subset;
}

/** Rules that need more than the schema: stages named by rules exist, and no rule chain is circular. */
function checkRules(loaded: LoadedYaml, config: RegistryConfig): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const rules = config.rules;
  if (!rules) return diagnostics;
  const stages = config.stages;
  const unknown = (stage: string, path: (string | number)[], atKey = false) => {
    if (stages && !stages.includes(stage)) {
      const hint = messages.allowedStages(stages);
      diagnostics.push(problem(loaded, path, messages.unknownStage(stage, closestMatch(stage, stages)), { hint }, atKey));
    }
  };
  for (const [stage, rule] of Object.entries(rules)) {
    unknown(stage, ['rules', stage], true);
    (rule.requires ?? []).forEach((required, i) => {
      if (required === stage) diagnostics.push(problem(loaded, ['rules', stage, 'requires', i], messages.requiresItself(stage)));
      else unknown(required, ['rules', stage, 'requires', i]);
    });
  }
  // A cycle (prod requires staging, staging requires prod) can never be satisfied.
  const state = new Map<string, 'visiting' | 'done'>();
  const reported = new Set<string>();
  const visit = (stage: string, trail: string[]): void => {
    if (state.get(stage) === 'done') return;
    if (state.get(stage) === 'visiting') {
      const cycle = [...trail.slice(trail.indexOf(stage)), stage];
      const id = [...cycle.slice(0, -1)].sort().join('\0');
      if (!reported.has(id)) {
        reported.add(id);
        diagnostics.push(problem(loaded, ['rules', cycle[0] as string, 'requires'], messages.cycle(cycle)));
      }
      return;
    }
    state.set(stage, 'visiting');
    for (const next of rules[stage]?.requires ?? []) if (next !== stage && own(rules, next)) visit(next, [...trail, stage]);
    state.set(stage, 'done');
  };
  for (const stage of Object.keys(rules)) visit(stage, []);
  return diagnostics;
}

const inFileOrder = (diagnostics: Diagnostic[]) =>
  diagnostics
    .map((d, i) => ({ d, i }))
    .sort((a, b) => (a.d.line ?? 0) - (b.d.line ?? 0) || (a.d.column ?? 0) - (b.d.column ?? 0) || a.i - b.i)
    .map(({ d }) => d);

/** Parse a config file's content. Every problem is a diagnostic naming `file:line:column`; a section with errors is left out. */
export function parseConfig(text: string | Uint8Array, file: string): { config: RegistryConfig; diagnostics: Diagnostic[] } {
  const config: RegistryConfig = { file };
  const loaded = loadYaml(file, text);
  const diagnostics: Diagnostic[] = loaded.diagnostics.map((d) => (d.severity === 'error' ? { ...d, code: 'config-syntax' } : d));
  if (loaded.value === undefined) return { config, diagnostics };
  const value = loaded.value;
  if (value === null) return { config, diagnostics };
  if (typeof value !== 'object' || Array.isArray(value)) {
    diagnostics.push(problem(loaded, [], messages.notMapping, { code: 'config-shape' }));
    return { config, diagnostics };
  }
  const data = file === GTO_FILE ? gtoSubset(loaded, value as Record<string, unknown>, diagnostics) : (value as Record<string, unknown>);
  const broken = new Set<string>();
  if (!validateModelregConfig(data)) {
    const errors = validateModelregConfig.errors ?? [];
    for (const e of errors) {
      const section = e.instancePath.split('/')[1];
      if (section) broken.add(section);
    }
    diagnostics.push(...schemaDiagnostics({ ...loaded, value: data }, errors, { code: 'config-value' }));
  }
  const section = <K extends (typeof SECTIONS)[number]>(key: K): NonNullable<ModelregConfig[K]> | undefined => {
    if (broken.has(key) || !own(data, key)) return undefined;
    const v = data[key];
    return v === null || v === undefined ? undefined : (v as NonNullable<ModelregConfig[K]>);
  };
  const types = section('types');
  if (types) config.types = [...new Set(types)];
  const labels = section('labels');
  if (labels) config.labels = [...new Set(labels)];
  const annotations = section('annotations');
  if (annotations) config.annotations = annotations;
  const stages = section('stages');
  if (stages) config.stages = [...new Set(stages)];
  const rules = section('rules');
  if (rules) {
    config.rules = {};
    for (const [stage, rule] of Object.entries(rules)) {
      if (!rule) continue;
      config.rules[stage] = rule.signers && rule.signers.length > 0 ? { ...rule, signed: true } : rule;
    }
  }
  const trailers = section('trailers');
  if (trailers) config.trailers = trailers;
  const changelog = section('changelog');
  if (changelog) config.changelog = changelog;
  const registries = section('registries');
  if (registries) {
    const seen = new Set<string>();
    registries.forEach((r, i) => {
      if (seen.has(r.name)) diagnostics.push(problem(loaded, ['registries', i, 'name'], messages.sameRegistry(r.name)));
      seen.add(r.name);
    });
    if (seen.size === registries.length) config.registries = registries;
  }
  diagnostics.push(...checkRules(loaded, config));
  return { config, diagnostics: inFileOrder(diagnostics) };
}
