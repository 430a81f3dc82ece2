// `modelreg describe NAME[@vX.Y.Z|@latest|#STAGE]`: what the artifact was at that version's commit.
import { stringify } from 'yaml';
import { ModelregError, annotationFormat, nearestShortcut, parseShortcut, selectVersions, type Shortcut } from '@modelreg/core';
import type { Annotation } from '@modelreg/core/annotations';
import type { CommandResult, Io } from '../io.js';
import { fileSource, readAnnotations } from '../annotation-source.js';
import { loadRegistryOnly, type RepoHandle } from '../repo.js';
import { loadView, openView, pickLoaded, singleHandle, splitArtifact, withProblems } from '../registries.js';
import { toJson } from '../views/gto-json.js';

export interface DescribeOptions {
  repo?: string[];
  offline?: boolean;
  json?: boolean;
  path?: boolean;
  type?: boolean;
  desc?: boolean;
}

function annotationJson(a: Annotation) {
  return {
    name: a.name,
    file: a.file,
    type: a.type ?? null,
    path: a.path ?? null,
    desc: a.desc ?? null,
    labels: a.labels ?? [],
    meta: a.meta ?? {},
    ...(a.format === 'gto' ? { virtual: a.virtual !== false } : {}),
  };
}

/** An annotation as `describe` prints it: YAML. */
export function annotationYaml(a: Annotation): string {
  return stringify(annotationJson(a), { lineWidth: 0 });
}

export async function describe(io: Io, selectorText: string, opts: DescribeOptions): Promise<CommandResult> {
  const parsed = parseShortcut(selectorText);
  if (!parsed) {
    const meant = nearestShortcut(selectorText);
    throw new ModelregError('usage', `'${selectorText}' is not an artifact selector`, {
      hint: `${meant ? `did you mean '${meant}'? ` : ''}use NAME, NAME@vX.Y.Z, NAME@latest or NAME#STAGE`,
      exitCode: 2,
    });
  }
  const view = await openView(io, opts);
  const handle = singleHandle(view);
  if (handle) return describeIn(handle, parsed, selectorText, opts);
  // Several registries: the one that has the artifact's tags (named REPO/NAME when in several).
  const { repo, artifact } = splitArtifact(view, parsed.artifact);
  const holder = pickLoaded(await loadView(view, { artifact, detail: 'light' }), artifact, repo);
  const result = await describeIn(holder.handle, { ...parsed, artifact }, selectorText, opts, holder.name);
  return withProblems(view, result);
}

/** The annotation in one registry; `repo` (several in view) adds a `repo` field to JSON. */
async function describeIn(handle: RepoHandle, selector: Shortcut, selectorText: string, opts: DescribeOptions, repo?: string): Promise<CommandResult> {
  let rev: string | undefined;
  if (selector.version !== undefined || selector.latest || selector.stage !== undefined) {
    const registry = await loadRegistryOnly(handle, { artifact: selector.artifact, detail: 'light' });
    const artifact = registry.artifacts.get(selector.artifact);
    const row = artifact ? selectVersions(artifact, selector, { all: selector.version !== undefined })[0] : undefined;
    if (!row) {
      throw new ModelregError('version-not-found', `'${selectorText}' names no version`, { hint: `see the versions with: modelreg show ${selector.artifact}` });
    }
    rev = row.version.commit;
  }
  const { source, where } = await fileSource(handle, rev === undefined ? {} : { rev });
  const { annotations, diagnostics } = await readAnnotations(handle, source, where, false);
  const annotation = annotations.find((a) => a.name === selector.artifact);
  if (!annotation) {
    // An annotation file that cannot be read may be where it is: say so rather than suggest adding it.
    const broken = [...new Set(diagnostics.filter((d) => d.severity === 'error' && d.file !== undefined && annotationFormat(d.file) !== null).map((d) => d.file as string))];
    throw new ModelregError('annotation-not-found', `'${selector.artifact}' is not annotated in ${rev === undefined ? where : `commit ${rev.slice(0, 7)}`}`, {
      hint: broken.length > 0
        ? `${broken.join(', ')} ${broken.length === 1 ? 'has' : 'have'} errors that may hide it (modelreg check lists them)`
        : `describe it with: modelreg annotate ${selector.artifact} --path PATH`,
    });
  }
  const field = (v: string | undefined): CommandResult => ({ stdout: v === undefined ? '' : v + '\n' });
  if (opts.path) return field(annotation.path);
  if (opts.type) return field(annotation.type);
  if (opts.desc) return field(annotation.desc);
  if (opts.json) return { stdout: toJson(repo === undefined ? annotationJson(annotation) : { repo, ...annotationJson(annotation) }) };
  return { stdout: annotationYaml(annotation) };
}
