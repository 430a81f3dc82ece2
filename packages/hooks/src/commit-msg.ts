// `modelreg hook commit-msg FILE`: lint the message git is about to commit with commitlint, using
// the repository's commitlint config when it has one, else @modelreg/commitlint-plugin's config.
// Prints nothing when the message passes; one line per problem otherwise, then how to go on.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { LintOptions, LintRuleConfig, LintRuleOutcome } from '@commitlint/types';
import type { HookContext, HookResult } from './context.js';

const PREFIX = 'modelreg commit-msg';

const messages = {
  problem: (rule: string, line: string) => `${PREFIX}: ${rule}: ${line}`,
  warning: (rule: string, line: string) => `${PREFIX}: ${rule} (warning): ${line}`,
  refused: (file: string) =>
    `${PREFIX}: commit refused: fix the message (git keeps it in ${file}) and commit again, or bypass the check with 'git commit --no-verify'`,
  unreadable: (file: string, why: string) => `${PREFIX}: cannot read the commit message file ${file} (${why}): the hook passes git's first argument, 'modelreg hook commit-msg "$1"'`,
  badConfig: (file: string, why: string) => `${PREFIX}: cannot load the commitlint config ${file}: ${why}`,
  invalidConfig: (file: string, why: string) => `${PREFIX}: the commitlint config ${file} is not valid: ${why}`,
  noContext: (why: string) => `${PREFIX}: ${why}`,
};

/** Where commitlint (cosmiconfig) looks for a config, in its order. */
const CONFIG_FILES = [
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
 * The commitlint config file commitlint would use from `cwd` (this directory, then its parents),
 * found without loading commitlint: a repository without one never pays for @commitlint/load.
 */
export function findCommitlintConfig(cwd: string): string | null {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    for (const name of CONFIG_FILES) {
      const file = join(dir, name);
      if (!existsSync(file)) continue;
      if (name.startsWith('package.') && !declaresCommitlint(file, name)) continue;
      return file;
    }
    if (dirname(dir) === dir) return null;
  }
}

/** The first line of an error's message, with a hint of what kind of error it was. */
function firstLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return (text.split('\n').find((l) => l.trim() !== '') ?? text).trim();
}

interface Loaded {
  rules: LintRuleConfig;
  options: LintOptions;
}

/** The repository's own config, through @commitlint/load (extends, plugins, parser preset…). */
async function loadRepoConfig(ctx: HookContext): Promise<Loaded> {
  const load = (await import('@commitlint/load')).default;
  const config = await load({}, { cwd: ctx.cwd });
  return {
    rules: config.rules as LintRuleConfig,
    options: {
      plugins: config.plugins,
      ...(config.parserPreset?.parserOpts ? { parserOpts: config.parserPreset.parserOpts as LintOptions['parserOpts'] } : {}),
      ...(config.ignores ? { ignores: config.ignores } : {}),
      ...(config.defaultIgnores !== undefined ? { defaultIgnores: config.defaultIgnores } : {}),
      ...(config.helpUrl ? { helpUrl: config.helpUrl } : {}),
    },
  };
}

/** No commitlint config: the model trailer rules alone, their context read from ctx.cwd. */
async function loadDefaultConfig(ctx: HookContext): Promise<Loaded> {
  const [{ createConfig }, { default: plugin }] = await Promise.all([import('@modelreg/commitlint-plugin/config'), import('@modelreg/commitlint-plugin')]);
  const config = createConfig(() => ({ cwd: ctx.cwd, env: ctx.env }));
  const entries = await Promise.all(Object.entries(config.rules).map(async ([name, rule]) => [name, await rule()] as const));
  return { rules: Object.fromEntries(entries) as LintRuleConfig, options: { plugins: { modelreg: plugin } } };
}

function lines(results: LintRuleOutcome[], format: (rule: string, line: string) => string): string[] {
  return results.flatMap((r) => (r.message || r.name).split('\n').map((line) => format(r.name, line)));
}

export async function commitMsg(ctx: HookContext, file: string): Promise<HookResult> {
  const path = resolve(ctx.cwd, file);
  let message: string;
  try {
    message = readFileSync(path, 'utf8');
  } catch (e) {
    return { stderr: messages.unreadable(file, (e as NodeJS.ErrnoException).code ?? firstLine(e)) + '\n', exitCode: 1 };
  }
  const configFile = findCommitlintConfig(ctx.cwd);
  const shown = configFile ? relative(ctx.cwd, configFile) || configFile : '';
  const [{ readCommitState }, { resolveCommentChar }] = await Promise.all([import('@modelreg/git'), import('@modelreg/commitlint-plugin')]);
  let loaded: Loaded;
  let commentChar: string;
  try {
    const state = readCommitState({ cwd: ctx.cwd, env: ctx.env }).catch(() => ({ commentChar: '#' }));
    [loaded, { commentChar }] = await Promise.all([configFile ? loadRepoConfig(ctx) : loadDefaultConfig(ctx), state]);
  } catch (e) {
    const why = firstLine(e).replace(/^@modelreg\/commitlint-plugin: /, '');
    return { stderr: (configFile ? messages.badConfig(shown, why) : messages.noContext(why)) + '\n', exitCode: 1 };
  }
  const lint = (await import('@commitlint/lint')).default;
  const parserOpts = { ...loaded.options.parserOpts, commentChar: resolveCommentChar(commentChar, message) };
  let result;
  try {
    result = await lint(message, loaded.rules, { ...loaded.options, parserOpts });
  } catch (e) {
    return { stderr: messages.invalidConfig(shown || 'in use', firstLine(e)) + '\n', exitCode: 1 };
  }
  const out = [...lines(result.errors, messages.problem), ...lines(result.warnings, messages.warning)];
  if (result.errors.length > 0) out.push(messages.refused(file));
  return { ...(out.length > 0 ? { stderr: out.join('\n') + '\n' } : {}), exitCode: result.errors.length > 0 ? 1 : 0 };
}
