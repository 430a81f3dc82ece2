// `modelreg history [NAME]`: every registry event, newest first.
import { ModelregError, history } from '@modelreg/core';
import type { CommandResult, Io } from '../io.js';
import { loadRegistryOnly, openHandle } from '../repo.js';
import { historyJson, toJson } from '../views/gto-json.js';
import { historyTable } from '../views/tables.js';
import { NOTHING_FOUND } from './show.js';

export interface HistoryOptions {
  repo?: string;
  json?: boolean;
  plain?: boolean;
  asc?: boolean;
}

export async function historyCommand(io: Io, name: string | undefined, opts: HistoryOptions): Promise<CommandResult> {
  const handle = await openHandle(io, opts.repo);
  const registry = await loadRegistryOnly(handle, name === undefined ? {} : { artifact: name });
  if (name !== undefined && !registry.artifacts.has(name)) {
    throw new ModelregError('artifact-not-found', `cannot find artifact '${name}'`, { hint: 'list the registry with: modelreg show -d' });
  }
  const events = history(registry, name, opts.asc === true);
  if (opts.json) return { stdout: toJson(historyJson(events)) };
  if (events.length === 0) return { stdout: NOTHING_FOUND };
  return { stdout: historyTable(events, opts.plain ? 'plain' : 'grid') };
}
