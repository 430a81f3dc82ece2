// `modelreg stages`: stages in use (default), or allowed by the config; over every registry in view.
import { usedStages } from '@modelreg/core';
import type { CommandResult, Io } from '../io.js';
import { loadRegistryOnly, loadValidConfig } from '../repo.js';
import { eachInView, openView, withProblems } from '../registries.js';
import { toJson } from '../views/gto-json.js';

export interface StagesOptions {
  repo?: string[];
  offline?: boolean;
  allowed?: boolean;
  used?: boolean;
  json?: boolean;
}

export async function stages(io: Io, opts: StagesOptions): Promise<CommandResult> {
  const view = await openView(io, opts);
  const found = new Set<string>();
  await eachInView(view, async ({ handle }) => {
    if (opts.allowed) for (const s of (await loadValidConfig(handle)).stages ?? []) found.add(s);
    if (opts.used || !opts.allowed) {
      const registry = await loadRegistryOnly(handle, { detail: 'light' });
      for (const s of usedStages(registry.artifacts.values())) found.add(s);
    }
  });
  const list = [...found].sort();
  return withProblems(view, { stdout: opts.json ? toJson(list) : list.map((s) => s + '\n').join('') });
}
