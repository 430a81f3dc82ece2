// A repository's commitlint config, loaded the way @commitlint/load 20.5 loads it but without
// importing it: that import (cosmiconfig, its TypeScript loader, ajv for the config's schema…)
// and its run cost a commit-msg hook more than the lint itself. What is done here is
// @commitlint/load's own code, step for step: the same file search as its cosmiconfig, the same
// `extends` and `parserPreset` resolution as @commitlint/resolve-extends, the same merges (the
// es-toolkit functions they import, loaded from where they load them), the same rule execution
// and parser options. Whatever is not replicated exactly — a TypeScript config, a plugin given by
// name, a cosmiconfig meta config, an id only the global or npx directories hold, a config the
// schema might refuse, another version of those packages — is left to @commitlint/load, so no
// config lints differently. `formatter` is not computed: the hook prints its own lines. One
// shortcut: where an `extends` entry is the very file of modelreg's shareable config that the
// running modelreg ships, the hook's own copy of that config stands in for importing it.
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { readFile, realpath } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { COMMITLINT_CONFIG_FILES, isObject } from './config-files.js';

/** What the commit-msg hook takes from a loaded config: @commitlint/load's result, less formatter and prompt. */
export interface CommitlintConfig {
  rules: Record<string, unknown>;
  parserPreset?: { name?: string; path?: string; parserOpts?: unknown } | undefined;
  ignores?: ((commit: string) => boolean)[] | undefined;
  defaultIgnores?: boolean | undefined;
  helpUrl: string;
  plugins: Record<string, unknown>;
}

export interface LoadOptions {
  /** Where commitlint starts looking for its config (git runs hooks at the top of the work tree). */
  cwd: string;
  /**
   * modelreg's shareable config, where an `extends` entry resolves to `file`: the hook's own copy
   * of it (`config`), the same rules without importing that file again (most of it is validators).
   */
  modelreg?: { file: string; config: () => unknown } | undefined;
}

/** The lean loader does not do what @commitlint/load would do here: load it with that. */
export class Unsupported extends Error {}

/** The versions whose code is replicated here (any other: @commitlint/load). */
const REPLICATED: Record<string, string> = {
  '@commitlint/load': '20.5.',
  '@commitlint/resolve-extends': '20.5.',
  '@commitlint/config-validator': '20.5.',
  '@commitlint/execute-rule': '20.',
  cosmiconfig: '9.',
};

type Merge = (target: unknown, ...sources: unknown[]) => Record<string, unknown>;
type MergeWith = (target: unknown, source: unknown, customizer: (objValue: unknown, srcValue: unknown, key: string) => unknown) => Record<string, unknown>;
type ModuleResolve = (specifier: string, parent: URL, conditions: Set<string>) => URL;

/** The helpers @commitlint/load and @commitlint/resolve-extends import, from where they import them. */
interface Helpers {
  merge: Merge;
  mergeWith: MergeWith;
  moduleResolve: ModuleResolve;
  /** js-yaml, as cosmiconfig requires it (loaded when a YAML file is read). */
  yaml: () => { load: (text: string) => unknown };
  /** resolve-extends' `require`, which reads a `.json` config. */
  require: NodeJS.Require;
  /** resolve-extends' module URL: resolveFrom's base without a parent. */
  resolveExtendsUrl: string;
}

function packageOf(require: NodeJS.Require, name: string): { file: string; require: NodeJS.Require } {
  const manifest = require.resolve(`${name}/package.json`);
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version?: unknown };
  if (typeof version !== 'string' || !version.startsWith(REPLICATED[name]!)) throw new Unsupported(`${name} ${String(version)} is not the version replicated`);
  const file = require.resolve(name);
  return { file, require: createRequire(file) };
}

const CONDITIONS = new Set(['import', 'node']);

async function loadHelpers(): Promise<Helpers> {
  const load = packageOf(createRequire(import.meta.url), '@commitlint/load');
  const resolveExtends = packageOf(load.require, '@commitlint/resolve-extends');
  packageOf(load.require, '@commitlint/config-validator');
  packageOf(load.require, '@commitlint/execute-rule');
  const cosmiconfig = packageOf(load.require, 'cosmiconfig');
  const imr = (await import(pathToFileURL(resolveExtends.require.resolve('import-meta-resolve')).href)) as { moduleResolve: ModuleResolve };
  // As `import { merge } from "es-toolkit/compat"` resolves in each: the same function, from its own file.
  const esToolkit = (fn: string, from: string) => import(imr.moduleResolve(`es-toolkit/compat/${fn}`, pathToFileURL(from), CONDITIONS).href) as Promise<{ default: unknown }>;
  const [merge, mergeWith] = await Promise.all([esToolkit('merge', load.file), esToolkit('mergeWith', resolveExtends.file)]);
  let yaml: { load: (text: string) => unknown } | undefined;
  return {
    merge: merge.default as Merge,
    mergeWith: mergeWith.default as MergeWith,
    moduleResolve: imr.moduleResolve,
    yaml: () => (yaml ??= cosmiconfig.require('js-yaml') as { load: (text: string) => unknown }),
    require: resolveExtends.require,
    resolveExtendsUrl: pathToFileURL(resolveExtends.file).href,
  };
}

const hasOwn = (v: unknown, key: string) => Object.prototype.hasOwnProperty.call(v, key);

// --- @commitlint/config-validator: the schema, checked. Where it is unclear whether ajv would accept
// a config, the lean loader does not go on (@commitlint/load refuses it or not).

function validRule(rule: unknown): boolean {
  if (typeof rule === 'function') return true;
  if (!Array.isArray(rule) || rule.length < 1 || rule.length > 3) return false;
  const [level, when] = rule as unknown[];
  if (typeof level !== 'number' || ![0, 1, 2].includes(level)) return false;
  return rule.length < 2 || when === 'always' || when === 'never';
}

function validConfig(config: unknown): boolean {
  if (!isObject(config)) return false;
  const { extends: ext, parserPreset, helpUrl, formatter, rules, plugins, ignores, defaultIgnores } = config;
  const optional = (v: unknown, valid: (v: unknown) => boolean) => v === undefined || valid(v);
  const isString = (v: unknown) => typeof v === 'string';
  const arrayOf = (valid: (v: unknown) => boolean) => (v: unknown) => Array.isArray(v) && [...v].every(valid);
  return (
    optional(ext, (e) => isString(e) || arrayOf(isString)(e)) &&
    optional(parserPreset, (p) => isString(p) || typeof p === 'function' || (isObject(p) && optional(p['name'], isString) && optional(p['path'], isString))) &&
    optional(helpUrl, isString) &&
    optional(formatter, isString) &&
    optional(rules, (r) => {
      if (!isObject(r)) return false;
      for (const name in r) if (!validRule(r[name])) return false;
      return true;
    }) &&
    optional(plugins, arrayOf((p) => isString(p) || (isObject(p) && isObject(p['rules'])))) &&
    optional(ignores, arrayOf((i) => typeof i === 'function')) &&
    optional(defaultIgnores, (d) => typeof d === 'boolean')
  );
}

function validate(config: unknown): void {
  if (!validConfig(config)) throw new Unsupported('the config may not be valid for commitlint');
}

// --- cosmiconfig 9, as @commitlint/load's loadConfig sets it up (searchStrategy 'global').

/**
 * Whether `.js` and `.cjs` configs are imported (cosmiconfig's async loader) rather than required:
 * load-config.js's test, Node ≥ 20.8 as it reads the version, or an ESM package at `cwd`.
 */
function importsScripts(cwd: string): boolean {
  const [major = 0, minor = 0] = process.version.replace('v', '').split('.').map((v) => parseInt(v));
  if (major >= 20 && minor >= 8) return true;
  const manifest = join(cwd, 'package.json');
  return existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf-8')) as { type?: unknown } | null)?.type === 'module';
}

/** cosmiconfig's `getPropertyByPath` for a one-word property. */
function property(source: unknown, name: string): unknown {
  if (hasOwn(source, name)) return (source as Record<string, unknown>)[name];
  return (source as Record<string, unknown>)[name];
}

/**
 * cosmiconfig reads a meta config (its own options) from the current directory first: a
 * `cosmiconfig` key in package.json, a package.yaml, or `.config/config.*`. Any of those: not here.
 */
function checkNoMetaConfig(): void {
  const cwd = process.cwd();
  if (existsSync(join(cwd, 'package.yaml')) || existsSync(join(cwd, '.config'))) throw new Unsupported('a cosmiconfig meta config may apply');
  let text: string;
  try {
    text = readFileSync(join(cwd, 'package.json'), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  if (text.trim() !== '' && property(JSON.parse(text), 'cosmiconfig') != null) throw new Unsupported('package.json configures cosmiconfig');
}

/** What cosmiconfig's loader makes of a search place's contents: undefined or null when it is skipped. */
async function loadSearchPlace(h: Helpers, file: string, contents: string, importScripts: boolean): Promise<unknown> {
  if (contents.trim() === '') return undefined;
  const ext = extname(file);
  let loaded: unknown;
  if (ext === '.json') loaded = JSON.parse(contents);
  else if (ext === '.yaml' || ext === '.yml' || ext === '') loaded = h.yaml().load(contents);
  else if (ext === '.mjs' || ((ext === '.js' || ext === '.cjs') && importScripts)) {
    loaded = ((await import(pathToFileURL(await realpath(file)).href)) as { default?: unknown }).default;
  } else if (ext === '.js' || ext === '.cjs') throw new Unsupported(`${basename(file)}: cosmiconfig would require it`);
  else throw new Unsupported(`${basename(file)}: commitlint's TypeScript-capable loader reads it`);
  if (basename(file, ext) === 'package') loaded = property(loaded, 'commitlint') ?? null;
  if (loaded && hasOwn(loaded, '$import')) throw new Unsupported('cosmiconfig $import');
  return loaded;
}

/** The config file commitlint finds from `cwd` and its contents as loaded, as cosmiconfig's search returns them. */
async function searchConfig(h: Helpers, cwd: string): Promise<{ filepath: string; config: unknown }> {
  const importScripts = importsScripts(cwd);
  checkNoMetaConfig();
  const stop = resolve(homedir());
  for (let dir = resolve(cwd); ; ) {
    for (const place of COMMITLINT_CONFIG_FILES) {
      const file = join(dir, place);
      let contents: string;
      try {
        contents = await readFile(file, 'utf-8');
      } catch (e) {
        if (['ENOENT', 'EISDIR', 'ENOTDIR', 'EACCES'].includes((e as NodeJS.ErrnoException).code ?? '')) continue;
        throw e;
      }
      const config = await loadSearchPlace(h, file, contents, importScripts);
      if (config !== undefined && config !== null) return { filepath: file, config };
    }
    const parent = dirname(dir);
    if (dir === stop || parent === dir) break;
    dir = parent;
  }
  throw new Unsupported('no config file: commitlint would look in its global directory');
}

// --- @commitlint/resolve-extends 20.5.

const PATH_SUFFIXES = ['', '.js', '.json', `${sep}index.js`, `${sep}index.json`];
const SPECIFIER_SUFFIXES = ['', '.js', '.json', '/index.js', '/index.json'];

/** resolve-extends' `resolveFrom`, without its resolve-from fallback (Yarn PnP): not found here, not loaded here. */
function resolveFrom(h: Helpers, lookup: string, parent?: string): string {
  if (isAbsolute(lookup)) {
    for (const suffix of PATH_SUFFIXES) if (existsSync(lookup + suffix)) return lookup + suffix;
  }
  const base = parent ? pathToFileURL(statSync(parent).isDirectory() ? join(parent, 'noop.js') : parent) : new URL(h.resolveExtendsUrl);
  for (const suffix of SPECIFIER_SUFFIXES) {
    try {
      return fileURLToPath(h.moduleResolve(lookup + suffix, base, CONDITIONS));
    } catch {
      // the next suffix
    }
  }
  throw new Unsupported(`cannot resolve ${lookup} from ${parent ?? 'commitlint'} as commitlint's import resolution does`);
}

async function dynamicImport(h: Helpers, id: string): Promise<unknown> {
  if (id.endsWith('.json')) return h.require(id) as unknown;
  if (!isAbsolute(id)) throw new Unsupported(`${id} is not a path`);
  const imported = (await import(pathToFileURL(id).toString())) as Record<string, unknown>;
  return ('default' in imported && imported['default']) || imported;
}

async function loadParserPreset(h: Helpers, resolvedParserPreset: string): Promise<{ path: string; parserOpts: unknown }> {
  const finalParserOpts = await dynamicImport(h, resolvedParserPreset);
  const relativeParserPath = relative(process.cwd(), resolvedParserPreset);
  return { path: `./${relativeParserPath}`.split(sep).join('/'), parserOpts: finalParserOpts };
}

function getId(raw: unknown, prefix: string): string {
  if (typeof raw !== 'string') throw new Unsupported('an extends entry that is not a string');
  const first = raw.charAt(0);
  if (first === '@') return raw.includes('/') ? raw : [raw, prefix].filter(String).join('/');
  return first === '.' || isAbsolute(raw) ? raw : [prefix, raw].filter(String).join('-');
}

interface ExtendsContext {
  cwd: string;
  modelreg?: LoadOptions['modelreg'];
}

function sameFile(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

type Config = Record<string, unknown>;

async function loadExtends(h: Helpers, config: Config, context: ExtendsContext): Promise<Config[]> {
  const e = config['extends'];
  const ext: unknown[] = e ? (Array.isArray(e) ? e : [e]) : [];
  return await ext.reduce<Promise<Config[]>>(async (configs, raw) => {
    const resolved = resolveFrom(h, getId(raw, 'commitlint-config'), context.cwd);
    const own = context.modelreg && sameFile(resolved, context.modelreg.file) ? context.modelreg.config() : await dynamicImport(h, resolved);
    const c: Config = { ...(own as Config) };
    const cwd = dirname(resolved);
    const ctx = { ...context, cwd };
    if (typeof c['parserPreset'] === 'string') {
      const resolvedParserPreset = resolveFrom(h, c['parserPreset'], cwd);
      c['parserPreset'] = { name: c['parserPreset'], ...(await loadParserPreset(h, resolvedParserPreset)) };
    }
    validate(config);
    return [...(await configs), ...(await loadExtends(h, c, ctx)), c];
  }, Promise.resolve([]));
}

async function resolveExtends(h: Helpers, config: Config, context: ExtendsContext): Promise<Config> {
  const e = config['extends'];
  const extended = await loadExtends(h, config, context);
  extended.push(config);
  return extended.reduce(
    (r, { extends: _, ...c }) =>
      h.mergeWith(r, c, (objValue, srcValue, key) => {
        if (key === 'plugins') {
          if (Array.isArray(objValue)) return objValue.concat(srcValue);
        } else if (Array.isArray(objValue)) {
          return srcValue;
        }
        return undefined;
      }),
    e ? { extends: e } : {},
  );
}

// --- @commitlint/load 20.5: load-parser-opts.js and load.js.

const isObjectLike = (obj: unknown): obj is Record<string, unknown> => Boolean(obj) && typeof obj === 'object';

type Parser = Record<string, unknown> & { parserOpts?: unknown; name?: unknown };

async function loadParserOpts(pendingParser: unknown): Promise<Parser | undefined> {
  if (typeof pendingParser === 'function') return loadParserOpts((pendingParser as () => unknown)());
  if (!pendingParser || typeof pendingParser !== 'object') return undefined;
  const parser = (await pendingParser) as Parser;
  if (!parser.parserOpts) return parser;
  if (typeof parser.parserOpts === 'object') {
    parser.parserOpts = await parser.parserOpts;
    if (isObjectLike(parser.parserOpts) && isObjectLike(parser.parserOpts['parserOpts'])) {
      const { parserOpts: inner, ...rest } = parser.parserOpts;
      parser.parserOpts = { ...inner, ...rest };
    }
    return parser;
  }
  if (typeof parser.parserOpts === 'function' && typeof parser.name === 'string' && parser.name.startsWith('conventional-changelog-')) {
    const factory = parser.parserOpts as (cb: (err: unknown, opts?: { parserOpts?: unknown }) => void) => unknown;
    return new Promise((done) => {
      const result = factory((_, opts) => done({ ...parser, parserOpts: opts?.parserOpts }));
      if (result) {
        void Promise.resolve(result).then((opts: { parserOpts?: unknown; parser?: unknown } | undefined) => done({ ...parser, parserOpts: opts?.parserOpts || opts?.parser }));
      }
    });
  }
  return parser;
}

const DEFAULT_HELP_URL = 'https://github.com/conventional-changelog/commitlint/#what-is-commitlint';

/** load() of @commitlint/load 20.5.3 with no seed, replicated; Unsupported (or any error) when it cannot be. */
export async function loadLean(options: LoadOptions): Promise<CommitlintConfig> {
  const h = await loadHelpers();
  const loaded = await searchConfig(h, options.cwd);
  const resolvedConfig: unknown = typeof loaded.config === 'function' ? await (loaded.config as () => unknown)() : await loaded.config;
  validate(resolvedConfig);
  const config = h.merge({ extends: [], plugins: [], rules: {} }, resolvedConfig, {});
  if (typeof config['parserPreset'] === 'string') {
    const resolvedParserPreset = resolveFrom(h, config['parserPreset'], loaded.filepath);
    config['parserPreset'] = { name: config['parserPreset'], ...(await loadParserPreset(h, resolvedParserPreset)) };
  }
  const extended = await resolveExtends(h, config, { cwd: dirname(loaded.filepath), modelreg: options.modelreg });
  const plugins: Record<string, unknown> = {};
  if (Array.isArray(extended['plugins'])) {
    for (const plugin of new Set(extended['plugins'] as unknown[])) {
      if (typeof plugin === 'string') throw new Unsupported(`the plugin ${plugin}, given by name`);
      plugins['local'] = plugin;
    }
  }
  const rules: Record<string, unknown> = {};
  const executed = await Promise.all(
    Object.entries((extended['rules'] as Record<string, unknown> | undefined) || {}).map(async ([name, rule]) => [name, await (typeof rule === 'function' ? (rule as () => unknown)() : rule)] as const),
  );
  for (const [name, value] of executed) rules[name] = value;
  const helpUrl = typeof extended['helpUrl'] === 'string' ? extended['helpUrl'] : typeof config['helpUrl'] === 'string' ? config['helpUrl'] : DEFAULT_HELP_URL;
  return {
    parserPreset: (await loadParserOpts(extended['parserPreset'])) as CommitlintConfig['parserPreset'],
    ignores: extended['ignores'] as CommitlintConfig['ignores'],
    defaultIgnores: extended['defaultIgnores'] as CommitlintConfig['defaultIgnores'],
    plugins,
    rules,
    helpUrl,
  };
}

/** Set (to anything) in the hook's environment: the config is loaded by @commitlint/load itself. */
export const FORCE_COMMITLINT_LOAD = 'MODELREG_COMMITLINT_LOAD';

/**
 * The config as @commitlint/load returns it: loaded here when that can be done exactly (`lean`),
 * else by @commitlint/load, which also reports any problem with the config in its own words.
 */
export async function loadCommitlintConfig(options: LoadOptions & { env?: NodeJS.ProcessEnv }): Promise<{ config: CommitlintConfig; fallback?: string }> {
  let fallback = `${FORCE_COMMITLINT_LOAD} is set`;
  if (!options.env?.[FORCE_COMMITLINT_LOAD]) {
    try {
      return { config: await loadLean(options) };
    } catch (e) {
      // @commitlint/load below: the same config, or its own error.
      fallback = e instanceof Unsupported ? e.message : `error: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
  const { default: load } = await import('@commitlint/load');
  return { config: (await load({}, { cwd: options.cwd })) as CommitlintConfig, fallback };
}
