// `modelreg stages`: the registry's stages (the config's list, else those in use), or either one
// alone; over every registry in view.
import { ModelregError, mergeStageLists, type StageList } from '@modelreg/core';
import type { CommandResult, Io } from '../io.js';
import { loadValidConfig, type RepoHandle } from '../repo.js';
import { indexWanted, registryView } from '../summary-index.js';
import { configFacts } from '../worktree-index.js';
import { eachInView, openView, singleHandle, withProblems } from '../registries.js';
import { toJson } from '../views/gto-json.js';

export interface StagesOptions {
  repo?: string[];
  offline?: boolean;
  allowed?: boolean;
  used?: boolean;
  json?: boolean;
  /** false: read the stages in use from the tags, not from the registry index (`--no-cache`). */
  cache?: boolean;
}

export async function stages(io: Io, opts: StagesOptions): Promise<CommandResult> {
  if (opts.allowed && opts.used) throw new ModelregError('usage', 'give either --allowed or --used, not both', { exitCode: 2 });
  const view = await openView(io, opts);
  const handle = singleHandle(view);
  const cache = indexWanted(io.env, opts.cache);
  const list = handle ? (await stagesOf(handle, opts, cache)).stages : mergeStageLists(await eachInView(view, ({ handle: h }) => stagesOf(h, opts, cache)));
  return withProblems(view, { stdout: stagesText(list, opts) });
}

/** The stages as `stages` prints them. */
export const stagesText = (list: readonly string[], opts: Pick<StagesOptions, 'json'>): string => (opts.json ? toJson(list) : list.map((s) => s + '\n').join(''));

/** One registry's stages. */
async function stagesOf(handle: RepoHandle, opts: StagesOptions, cache: boolean): Promise<StageList> {
  const config = opts.used ? undefined : await configFacts(handle, { cache });
  // A config with errors is refused, with the first of them.
  const configStages = config && !config.valid ? (await loadValidConfig(handle)).stages : config?.stages;
  // The config's list answers alone: no need to read the tags.
  if (opts.allowed || configStages) return { stages: configStages ?? [], configured: true };
  return { stages: (await registryView(handle, {}, { cache })).stages, configured: false };
}
