// `modelreg show [NAME[@VERSION|@latest|#STAGE]]`: the registry, or one artifact's versions.
import { ModelregError, parseShortcut, selectVersions, summary, type ViewOptions } from '@modelreg/core';
import type { CommandResult, Io } from '../io.js';
import { loadRegistry, openHandle } from '../repo.js';
import { summaryJson, toJson, versionsJson } from '../views/gto-json.js';
import { summaryTable, versionsTable } from '../views/tables.js';

export interface ShowOptions extends ViewOptions {
  repo?: string;
  json?: boolean;
  plain?: boolean;
  /** Print only the refs (registration tags) of the selected versions. */
  ref?: boolean;
  /** Print only the selected versions. */
  version?: boolean;
}

export const NOTHING_FOUND = 'Nothing found in the current workspace\n';

export async function show(io: Io, name: string | undefined, opts: ShowOptions): Promise<CommandResult> {
  const style = opts.plain ? 'plain' : 'grid';
  const handle = await openHandle(io, opts.repo);
  if (name === undefined) {
    if (opts.ref || opts.version) {
      throw new ModelregError('usage', '--ref and --version need an artifact', { hint: 'e.g. modelreg show NAME#prod --version', exitCode: 2 });
    }
    const { registry } = await loadRegistry(handle, { detail: 'light' });
    const { stages, rows } = summary(registry, opts);
    if (opts.json) return { stdout: toJson(summaryJson(stages, rows)) };
    return { stdout: rows.length === 0 ? NOTHING_FOUND : summaryTable(stages, rows, style) };
  }
  const selector = parseShortcut(name);
  if (!selector) {
    throw new ModelregError('usage', `'${name}' is not an artifact selector`, {
      hint: 'use NAME, NAME@vX.Y.Z, NAME@latest, NAME@greatest or NAME#STAGE',
      exitCode: 2,
    });
  }
  const { registry } = await loadRegistry(handle, { artifact: selector.artifact, withCommitInfo: opts.json === true });
  const artifact = registry.artifacts.get(selector.artifact);
  if (!artifact) {
    throw new ModelregError('artifact-not-found', `cannot find artifact '${selector.artifact}'`, {
      hint: 'list the registry with: modelreg show -d',
    });
  }
  const rows = artifact.deprecated && !opts.all ? [] : selectVersions(artifact, selector, opts);
  if (opts.ref) return { stdout: rows.map((r) => (r.version.registered ? r.version.created.tag : r.version.version) + '\n').join('') };
  if (opts.version) return { stdout: rows.map((r) => r.version.version + '\n').join('') };
  if (opts.json) return { stdout: toJson(versionsJson(rows)) };
  return { stdout: rows.length === 0 ? NOTHING_FOUND : versionsTable(rows, style) };
}
