// `modelreg history [NAME]`: every registry event, newest first.
import { ModelregError, history } from '@modelreg/core';
import type { CommandResult, Io } from '../io.js';
import { loadRegistryOnly } from '../repo.js';
import { loadView, openView, pickLoaded, splitArtifact, singleHandle, withProblems, type View } from '../registries.js';
import { renderTable } from '../table.js';
import { historyJson, toJson } from '../views/gto-json.js';
import { HISTORY_HEADERS, historyRow, historyTable } from '../views/tables.js';
import { NOTHING_FOUND } from './show.js';

export interface HistoryOptions {
  repo?: string[];
  offline?: boolean;
  json?: boolean;
  plain?: boolean;
  asc?: boolean;
}

export async function historyCommand(io: Io, name: string | undefined, opts: HistoryOptions): Promise<CommandResult> {
  const view = await openView(io, opts);
  const handle = singleHandle(view);
  if (!handle) return withProblems(view, await historyMany(view, name, opts));
  const registry = await loadRegistryOnly(handle, name === undefined ? {} : { artifact: name });
  if (name !== undefined && !registry.artifacts.has(name)) {
    throw new ModelregError('artifact-not-found', `cannot find artifact '${name}'`, { hint: 'list the registry with: modelreg show -d' });
  }
  const events = history(registry, name, opts.asc === true);
  if (opts.json) return { stdout: toJson(historyJson(events)) };
  if (events.length === 0) return { stdout: NOTHING_FOUND };
  return { stdout: historyTable(events, opts.plain ? 'plain' : 'grid') };
}

/** Several registries: their events merged by time, each with its registry. */
async function historyMany(view: View, name: string | undefined, opts: HistoryOptions): Promise<CommandResult> {
  const parsed = name === undefined ? undefined : splitArtifact(view, name);
  const artifact = parsed?.artifact;
  const loaded = await loadView(view, artifact === undefined ? {} : { artifact });
  const shown = artifact === undefined ? loaded : [pickLoaded(loaded, artifact, parsed?.repo)];
  // Each registry's events are in order already; a stable sort by instant interleaves them.
  const events = shown.flatMap((r) => history(r.registry, artifact, true).map((e) => ({ repo: r.name, e })));
  events.sort((a, b) => a.e.time - b.e.time);
  if (opts.asc !== true) events.reverse();
  if (opts.json) {
    const json = historyJson(events.map(({ e }) => e));
    return { stdout: toJson(json.map((e, i) => ({ repo: (events[i] as { repo: string }).repo, ...e }))) };
  }
  if (events.length === 0) return { stdout: NOTHING_FOUND };
  return { stdout: renderTable(['repo', ...HISTORY_HEADERS], events.map(({ repo, e }) => [repo, ...historyRow(e)]), opts.plain ? 'plain' : 'grid') };
}
