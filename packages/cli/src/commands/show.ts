// `modelreg show [NAME[@VERSION|@latest|#STAGE]]`: the registry, or one artifact's versions.
import { GTO_FILE, ModelregError, nearestShortcut, parseShortcut, selectVersions, summary, versionAuthor, withHeadVersion, type ViewOptions } from '@modelreg/core';
import type { Annotation } from '@modelreg/core/annotations';
import type { CommandResult, Io } from '../io.js';
import { loadConfig, loadRegistryOnly, openHandle, type RepoHandle } from '../repo.js';
import { annotationsOf } from '../annotation-source.js';
import { readAnnotationsAt, readHeadCommit, type HeadCommit } from '@modelreg/git';
import { summaryJson, toJson, versionsJson } from '../views/gto-json.js';
import { displayVersion, summaryLines, summaryTable, versionsTable } from '../views/tables.js';

export interface ShowOptions extends ViewOptions {
  repo?: string;
  json?: boolean;
  plain?: boolean;
  /** Print only the refs (registration tags) of the selected versions. */
  ref?: boolean;
  /** Print only the selected versions. */
  version?: boolean;
  /** Print only the artifact names of the registry. */
  name?: boolean;
  /** Print only the stages of each listed version. */
  stage?: boolean;
}

const OUTPUT_FLAGS = ['json', 'plain', 'name', 'version', 'stage', 'ref'] as const;

const lines = (items: string[]) => items.map((l) => l + '\n').join('');

export const NOTHING_FOUND = 'Nothing found in the current workspace\n';

/** HEAD, when `artifacts.yaml` there lists NAME: GTO then discovers a version at HEAD (see `withHeadVersion`). */
async function headListing(handle: RepoHandle, name: string): Promise<HeadCommit | null> {
  const listed = await readAnnotationsAt(handle.git, 'HEAD', [GTO_FILE]);
  return listed.some((a) => a.name === name) ? readHeadCommit(handle.git) : null;
}

async function annotationText(annotation: Annotation | undefined): Promise<string> {
  if (!annotation) return '';
  // Formatted as `describe` prints it, by the one function that does.
  const { annotationYaml } = await import('./describe.js');
  return `\n${annotationYaml(annotation)}`;
}

export async function show(io: Io, name: string | undefined, opts: ShowOptions): Promise<CommandResult> {
  const style = opts.plain ? 'plain' : 'grid';
  const given = OUTPUT_FLAGS.filter((flag) => opts[flag]);
  if (given.length > 1) {
    throw new ModelregError('usage', `give one output format at a time, not ${given.map((f) => `--${f}`).join(' and ')}`, { exitCode: 2 });
  }
  const handle = await openHandle(io, opts.repo);
  if (name === undefined) {
    if (opts.ref || opts.version || opts.stage) {
      throw new ModelregError('usage', '--ref, --version and --stage need an artifact', { hint: 'e.g. modelreg show NAME#prod --version', exitCode: 2 });
    }
    const [registry, annotations, { config }] = await Promise.all([loadRegistryOnly(handle, { detail: 'light' }), annotationsOf(handle), loadConfig(handle)]);
    const { stages, rows } = summary(registry, { ...opts, ...(config.stages ? { configStages: config.stages } : {}) });
    // Annotated but never registered: listed as GTO lists them, `*name`.
    const unregistered = annotations.map((a) => a.name).filter((n) => !registry.artifacts.has(n));
    if (opts.json) return { stdout: toJson(summaryJson(stages, rows, unregistered)) };
    if (opts.name) return { stdout: lines(summaryLines(stages, rows, unregistered).map((cells) => cells[0] as string)) };
    if (rows.length === 0 && unregistered.length === 0) return { stdout: NOTHING_FOUND };
    return { stdout: summaryTable(stages, rows, style, unregistered) };
  }
  if (opts.name) throw new ModelregError('usage', '--name lists the registry: give no artifact', { hint: 'e.g. modelreg show --name', exitCode: 2 });
  const selector = parseShortcut(name);
  if (!selector) {
    const meant = nearestShortcut(name);
    throw new ModelregError('usage', `'${name}' is not an artifact selector`, {
      hint: `${meant ? `did you mean '${meant}'? ` : ''}use NAME, NAME@vX.Y.Z, NAME@latest, NAME@greatest or NAME#STAGE`,
      exitCode: 2,
    });
  }
  const [registry, head] = await Promise.all([
    loadRegistryOnly(handle, { artifact: selector.artifact, withCommitInfo: opts.json === true }),
    headListing(handle, selector.artifact),
  ]);
  const tagged = registry.artifacts.get(selector.artifact);
  const artifact = head ? withHeadVersion(tagged, selector.artifact, head) : tagged;
  const rows = !artifact || (artifact.deprecated && !opts.all) ? [] : selectVersions(artifact, selector, opts);
  // A version or a stage shows the annotation at that version's commit, as describe does; --plain
  // is GTO's table alone.
  const selected = selector.version !== undefined || selector.stage !== undefined || selector.latest === true;
  const at = selected ? rows[0]?.version.commit : undefined;
  const skip = opts.json || opts.ref || opts.version || opts.stage || (opts.plain && tagged) || (selected && at === undefined);
  const annotation = skip ? undefined : (await annotationsOf(handle, at)).find((a) => a.name === selector.artifact);
  const described = await annotationText(annotation);
  if (!tagged && described) return { stdout: `'${selector.artifact}' is annotated but has no registered version\n${described}` };
  if (!artifact) {
    throw new ModelregError('artifact-not-found', `cannot find artifact '${selector.artifact}'`, {
      hint: 'list the registry with: modelreg show -d',
    });
  }
  if (opts.ref) return { stdout: lines(rows.map((r) => displayVersion(versionAuthor(r.version).ref))) };
  if (opts.version) return { stdout: lines(rows.map((r) => displayVersion(r.version.version))) };
  if (opts.stage) return { stdout: lines(rows.map((r) => r.stages.map((s) => s.stage).join(', '))) };
  if (opts.json) return { stdout: toJson(versionsJson(rows)) };
  return { stdout: (rows.length === 0 ? NOTHING_FOUND : versionsTable(rows, style)) + described };
}
