// `modelreg hook commit-msg FILE`: lint the message git is about to commit with commitlint, using
// the repository's commitlint config when it has one, else @modelreg/commitlint-plugin's config.
// A config that holds nothing but modelreg's (the one init writes) is run as no config is: the
// model rules alone, without commitlint, whose loader costs most of a commit's time and whose
// parser grows faster than the square of a long line.
// Prints nothing when the message passes; one line per problem otherwise, then how to go on.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { LintOptions, LintRuleConfig } from '@commitlint/types';
import { COMMITLINT_CONFIG_FILES, extendsModelreg, holdsOnlyModelreg } from './config-files.js';
import type { HookContext, HookResult } from './context.js';

const PREFIX = 'modelreg commit-msg';

const messages = {
  // As the other hooks and commitlint itself print it: the problem and its fix, then the rule.
  problem: (rule: string, line: string) => `${PREFIX}: ${line} [${rule}]`,
  warning: (rule: string, line: string) => `${PREFIX}: warning: ${line} [${rule}]`,
  refused: (file: string) =>
    `${PREFIX}: commit refused: fix the message (git keeps it in ${file}) and commit again, or bypass the check with 'git commit --no-verify'`,
  unreadable: (file: string, why: string) => `${PREFIX}: cannot read the commit message file ${file} (${why}): the hook passes git's first argument, 'modelreg hook commit-msg "$1"'`,
  badConfig: (file: string, why: string) => `${PREFIX}: cannot load the commitlint config ${file}: ${why}`,
  invalidConfig: (file: string, why: string) => `${PREFIX}: the commitlint config ${file} is not valid: ${why}`,
  noContext: (why: string) => `${PREFIX}: ${why}`,
};

function declaresCommitlint(file: string, name: string): boolean {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return false;
  }
  if (name === 'package.yaml') return /^commitlint\s*:/m.test(text);
  try {
    const pkg: unknown = JSON.parse(text);
    return typeof pkg === 'object' && pkg !== null && 'commitlint' in pkg;
  } catch {
    return false;
  }
}

/**
 * The commitlint config file commitlint would use from `cwd` (this directory, then its parents up
 * to the home directory, as cosmiconfig searches), found without loading commitlint: a repository
 * without one never pays for @commitlint/load. (cosmiconfig's global `~/.config/commitlint` is not
 * looked at.)
 */
export function findCommitlintConfig(cwd: string, home = homedir()): string | null {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    for (const name of COMMITLINT_CONFIG_FILES) {
      const file = join(dir, name);
      if (!existsSync(file)) continue;
      if (name.startsWith('package.') && !declaresCommitlint(file, name)) continue;
      return file;
    }
    if (dir === home || dirname(dir) === dir) return null;
  }
}

/**
 * The config in `file` as data, read without commitlint's loader: JSON and YAML parsed, JavaScript
 * imported (as commitlint would run it). Undefined for what only the loader reads (TypeScript) or
 * what fails here: commitlint then loads it and reports any problem as it always has.
 */
async function readConfigData(file: string): Promise<unknown> {
  const name = basename(file);
  try {
    if (/\.[cm]?ts$/.test(name)) return undefined;
    if (/\.[cm]?js$/.test(name)) {
      const loaded = (await import(pathToFileURL(file).href)) as { default?: unknown };
      return loaded.default;
    }
    const text = readFileSync(file, 'utf8');
    if (name === 'package.json') return (JSON.parse(text) as { commitlint?: unknown }).commitlint;
    const data: unknown = (await import('yaml')).parse(text);
    return name === 'package.yaml' ? (data as { commitlint?: unknown } | null)?.commitlint : data;
  } catch {
    return undefined;
  }
}

/** The first non-empty line of an error's message (commitlint's errors run to several lines). */
function firstLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return (text.split('\n').find((l) => l.trim() !== '') ?? text).trim();
}

/** A rule's result, as commitlint reports it. */
interface Outcome {
  name: string;
  message: string;
}

interface LintResult {
  errors: Outcome[];
  warnings: Outcome[];
}

/** The repository's commitlint config could not be loaded, or commitlint refused it. */
class ConfigError extends Error {
  constructor(
    readonly kind: 'load' | 'invalid',
    message: string,
  ) {
    super(message);
  }
}

/**
 * The repository's own config, as `commitlint --edit` loads it (commitlint-config.ts: without
 * @commitlint/load when that can be done exactly) and through @commitlint/lint.
 */
async function lintWithRepoConfig(ctx: HookContext, message: string, extendsModelreg: boolean): Promise<LintResult> {
  // Start loading lint while the config loads and git works.
  const lintModule = import('@commitlint/lint');
  lintModule.catch(() => {}); // awaited below; not an unhandled rejection if the config fails first
  const [{ loadCommitlintConfig }, { readCommentChar }, { resolveCommentChar }, { createConfig }] = await Promise.all([
    import('./commitlint-config.js'),
    import('@modelreg/git'),
    import('@modelreg/commitlint-plugin'),
    import('@modelreg/commitlint-plugin/config'),
  ]);
  let config;
  try {
    // Where the config extends the shareable config this modelreg ships (bundle/commitlint.mjs, next
    // to the chunk this code is bundled into), this hook's own copy of it, its context read from ctx.
    const ours = createConfig(() => ({ cwd: ctx.cwd, env: ctx.env }));
    // Its rules read that context from git once, whichever asks first: when the config names it,
    // ask now, so that git works on the other core while commitlint's modules load.
    if (extendsModelreg) ours.rules['model-trailer-required']().catch(() => {});
    const modelreg = { file: fileURLToPath(new URL('../commitlint.mjs', import.meta.url)), config: () => ours };
    ({ config } = await loadCommitlintConfig({ cwd: ctx.cwd, env: ctx.env, modelreg }));
  } catch (e) {
    throw new ConfigError('load', firstLine(e));
  }
  // The model rules' context has git's comment character already; other configs ask git.
  const known = Object.values(config.rules).find((r) => typeof (r as [unknown, unknown, { commentChar?: unknown }?] | undefined)?.[2]?.commentChar === 'string');
  const commentChar = known ? (known as [unknown, unknown, { commentChar: string }])[2].commentChar : await readCommentChar({ cwd: ctx.cwd, env: ctx.env }).catch(() => '#');
  const lint = (await lintModule).default;
  const options: LintOptions = {
    plugins: config.plugins as LintOptions['plugins'],
    parserOpts: { ...(config.parserPreset?.parserOpts as LintOptions['parserOpts']), commentChar: resolveCommentChar(commentChar, message) },
    ...(config.ignores ? { ignores: config.ignores } : {}),
    ...(config.defaultIgnores !== undefined ? { defaultIgnores: config.defaultIgnores } : {}),
    ...(config.helpUrl ? { helpUrl: config.helpUrl } : {}),
  };
  try {
    return await lint(message, config.rules as LintRuleConfig, options);
  } catch (e) {
    throw new ConfigError('invalid', firstLine(e));
  }
}

/**
 * No commitlint config: the model trailer rules alone, their context read from ctx.cwd. They need
 * only the raw message, so commitlint itself (most of the time a hook takes) is not loaded.
 */
async function lintWithModelRules(ctx: HookContext, message: string): Promise<LintResult> {
  const [{ createConfig }, { rules, resolveCommentChar, stripComments }] = await Promise.all([
    import('@modelreg/commitlint-plugin/config'),
    import('@modelreg/commitlint-plugin'),
  ]);
  const result: LintResult = { errors: [], warnings: [] };
  const config = createConfig(() => ({ cwd: ctx.cwd, env: ctx.env }));
  const configured = await Promise.all(Object.entries(config.rules).map(async ([name, rule]) => [name as keyof typeof rules, await rule()] as const));
  const commentChar = resolveCommentChar(configured[0]?.[1][2].commentChar, message);
  // Git aborts an empty message itself; commitlint does not lint it either.
  if (stripComments(message, commentChar).trim() === '') return result;
  for (const [name, [level, when, value]] of configured) {
    if (level === 0) continue;
    const [valid, text] = rules[name]({ raw: message }, when, value);
    if (!valid) (level === 2 ? result.errors : result.warnings).push({ name, message: text ?? name });
  }
  return result;
}

function lines(results: Outcome[], format: (rule: string, line: string) => string): string[] {
  return results.flatMap((r) => (r.message || r.name).split('\n').map((line) => format(r.name, line)));
}

export async function commitMsg(ctx: HookContext, file: string): Promise<HookResult> {
  let message: string;
  try {
    message = readFileSync(resolve(ctx.cwd, file), 'utf8');
  } catch (e) {
    return { stderr: messages.unreadable(file, (e as NodeJS.ErrnoException).code ?? firstLine(e)) + '\n', exitCode: 1 };
  }
  const configFile = findCommitlintConfig(ctx.cwd, ctx.env.HOME ?? homedir());
  const shown = configFile ? relative(ctx.cwd, configFile) || configFile : '';
  let result: LintResult;
  try {
    const data = configFile !== null ? await readConfigData(configFile) : undefined;
    const commitlintNeeded = configFile !== null && !holdsOnlyModelreg(data);
    result = commitlintNeeded ? await lintWithRepoConfig(ctx, message, extendsModelreg(data)) : await lintWithModelRules(ctx, message);
  } catch (e) {
    const why = firstLine(e).replace(/^@modelreg\/commitlint-plugin: /, '');
    const line = !(e instanceof ConfigError) ? messages.noContext(why) : e.kind === 'invalid' ? messages.invalidConfig(shown, why) : messages.badConfig(shown, why);
    return { stderr: line + '\n', exitCode: 1 };
  }
  const out = [...lines(result.errors, messages.problem), ...lines(result.warnings, messages.warning)];
  if (result.errors.length > 0) out.push(messages.refused(file));
  return { ...(out.length > 0 ? { stderr: out.join('\n') + '\n' } : {}), exitCode: result.errors.length > 0 ? 1 : 0 };
}
