// '@modelreg/commitlint-plugin/config': the shareable config. The rules' context is computed once,
// when commitlint loads the config (async rule configs), from the repository commitlint runs in.
import type { GitContext } from '@modelreg/git';
import { isAmending } from './amend.js';
import { emptyContext } from './context.js';
import plugin, { type RuleName } from './index.js';
import { loadModelContext, type LoadedContext } from './load-context.js';

type Level = 0 | 1 | 2;
export type RuleConfig = () => Promise<readonly [Level, 'always', ReturnType<typeof emptyContext>]>;

export interface ModelregCommitlintConfig {
  plugins: (typeof plugin)[];
  rules: Record<RuleName, RuleConfig>;
}

/** A message naming the plugin, for errors commitlint prints. */
class ContextError extends Error {
  constructor(cause: unknown) {
    super(`@modelreg/commitlint-plugin: cannot read the staged change: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'ContextError';
  }
}

/** git's messages in English, so "not a git repository" can be recognised. */
const english = (git: GitContext): GitContext => ({ ...git, env: { ...(git.env ?? process.env), LC_ALL: 'C' } });
const notARepository = (e: unknown) => e instanceof Error && /not a git repository/i.test(e.message + String((e as { stderr?: string }).stderr ?? ''));

/**
 * The config for the repository `where()` names (default: the current directory, where git runs
 * hooks). Outside a repository (a message linted in CI) only the format rules apply.
 */
export function createConfig(where: () => GitContext = () => ({ cwd: process.cwd(), env: process.env })): ModelregCommitlintConfig {
  let pending: Promise<LoadedContext | null> | undefined;
  const load = () =>
    (pending ??= loadModelContext(english(where()), { amending: isAmending() }).catch((e: unknown) => {
      if (notARepository(e)) return null;
      throw new ContextError(e);
    }));
  const rule =
    (level: (l: LoadedContext) => Level): RuleConfig =>
    async () => {
      const loaded = await load();
      if (!loaded) return [0, 'always', emptyContext()] as const;
      return [level(loaded), 'always', loaded.context] as const;
    };
  return {
    plugins: [plugin],
    rules: {
      'model-trailer-required': rule((l) => (l.policy.required ? 2 : 0)),
      'model-trailer-known': rule((l) => (l.policy.known ? 2 : 0)),
      'model-bump-valid': async () => [2, 'always', (await load())?.context ?? emptyContext()] as const,
      'model-metric-format': async () => [2, 'always', (await load())?.context ?? emptyContext()] as const,
      'model-data-format': async () => [2, 'always', (await load())?.context ?? emptyContext()] as const,
    },
  };
}

export default createConfig();
