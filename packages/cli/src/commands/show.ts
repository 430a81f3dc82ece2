// `modelreg show [NAME[@VERSION|@latest|#STAGE]]`: the registry, or one artifact's versions.
import { ModelregError, nearestShortcut, parseShortcut, selectVersions, summary, type ViewOptions } from '@modelreg/core';
import type { Annotation } from '@modelreg/core/annotations';
import type { CommandResult, Io } from '../io.js';
import { loadRegistryOnly, openHandle } from '../repo.js';
import { annotationsOf } from '../annotation-source.js';
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

async function annotationText(annotation: Annotation | undefined): Promise<string> {
  if (!annotation) return '';
  // Formatted as `describe` prints it, by the one function that does.
  const { annotationYaml } = await import('./describe.js');
  return `\n${annotationYaml(annotation)}`;
}

export async function show(io: Io, name: string | undefined, opts: ShowOptions): Promise<CommandResult> {
  const style = opts.plain ? 'plain' : 'grid';
  const handle = await openHandle(io, opts.repo);
  if (name === undefined) {
    if (opts.ref || opts.version) {
      throw new ModelregError('usage', '--ref and --version need an artifact', { hint: 'e.g. modelreg show NAME#prod --version', exitCode: 2 });
    }
    const [registry, annotations] = await Promise.all([loadRegistryOnly(handle, { detail: 'light' }), annotationsOf(handle)]);
    const { stages, rows } = summary(registry, opts);
    // Annotated but never registered: listed as GTO lists them, `*name`.
    const unregistered = annotations.map((a) => a.name).filter((n) => !registry.artifacts.has(n));
    if (opts.json) return { stdout: toJson(summaryJson(stages, rows, unregistered)) };
    if (rows.length === 0 && unregistered.length === 0) return { stdout: NOTHING_FOUND };
    return { stdout: summaryTable(stages, rows, style, unregistered) };
  }
  const selector = parseShortcut(name);
  if (!selector) {
    const meant = nearestShortcut(name);
    throw new ModelregError('usage', `'${name}' is not an artifact selector`, {
      hint: `${meant ? `did you mean '${meant}'? ` : ''}use NAME, NAME@vX.Y.Z, NAME@latest, NAME@greatest or NAME#STAGE`,
      exitCode: 2,
    });
  }
  const registry = await loadRegistryOnly(handle, { artifact: selector.artifact, withCommitInfo: opts.json === true });
  const artifact = registry.artifacts.get(selector.artifact);
  const rows = !artifact || (artifact.deprecated && !opts.all) ? [] : selectVersions(artifact, selector, opts);
  // A version or a stage shows the annotation at that version's commit, as describe does; --plain
  // is GTO's table alone.
  const selected = selector.version !== undefined || selector.stage !== undefined || selector.latest === true;
  const at = selected ? rows[0]?.version.commit : undefined;
  const skip = opts.json || opts.ref || opts.version || (opts.plain && artifact) || (selected && at === undefined);
  const annotation = skip ? undefined : (await annotationsOf(handle, at)).find((a) => a.name === selector.artifact);
  const described = await annotationText(annotation);
  if (!artifact) {
    if (described) return { stdout: `'${selector.artifact}' is annotated but has no registered version\n${described}` };
    throw new ModelregError('artifact-not-found', `cannot find artifact '${selector.artifact}'`, {
      hint: 'list the registry with: modelreg show -d',
    });
  }
  if (opts.ref) return { stdout: rows.map((r) => (r.version.registered ? r.version.created.tag : r.version.version) + '\n').join('') };
  if (opts.version) return { stdout: rows.map((r) => r.version.version + '\n').join('') };
  if (opts.json) return { stdout: toJson(versionsJson(rows)) };
  return { stdout: (rows.length === 0 ? NOTHING_FOUND : versionsTable(rows, style)) + described };
}
