// `modelreg stages`: the registry's stages (the config's list, else those in use), or either one alone.
import { ModelregError, registryStages } from '@modelreg/core';
import type { CommandResult, Io } from '../io.js';
import { loadRegistryOnly, loadValidConfig, openHandle } from '../repo.js';
import { toJson } from '../views/gto-json.js';

export interface StagesOptions {
  repo?: string;
  allowed?: boolean;
  used?: boolean;
  json?: boolean;
}

export async function stages(io: Io, opts: StagesOptions): Promise<CommandResult> {
  if (opts.allowed && opts.used) throw new ModelregError('usage', 'give either --allowed or --used, not both', { exitCode: 2 });
  const handle = await openHandle(io, opts.repo);
  const configStages = opts.used ? undefined : (await loadValidConfig(handle)).stages;
  // The config's list answers alone: no need to read the tags.
  const list =
    opts.allowed || configStages
      ? (configStages ?? [])
      : registryStages(await loadRegistryOnly(handle, { detail: 'light' }), undefined);
  return { stdout: opts.json ? toJson(list) : list.map((s) => s + '\n').join('') };
}
