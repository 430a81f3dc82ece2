// Reading a repository's annotation files and config, from the working tree, the index or a
// revision, with a fixed number of git calls however many files there are.
import { ANNOTATION_PATHSPECS, CONFIG_FILES, ModelregError, annotationFormat, type Diagnostic, type RegistryConfig } from '@modelreg/core';
import type { Annotation } from '@modelreg/core/annotations';
import { existingPaths, readFiles, resolveCommit, type FileSource } from '@modelreg/git';
import type { RepoHandle } from './repo.js';

export interface SourceOptions {
  /** Read what is staged (the index), as a commit would record it. */
  staged?: boolean;
  /** Read a revision without checking it out. */
  rev?: string;
}

/** The source the options name; a bare repository (or a remote's cache) has only revisions. */
export async function fileSource(handle: RepoHandle, opts: SourceOptions): Promise<{ source: FileSource; where: string }> {
  if (opts.staged && opts.rev !== undefined) {
    throw new ModelregError('usage', 'give either --staged or --rev, not both', { exitCode: 2 });
  }
  if (opts.rev !== undefined || handle.bare) {
    const rev = opts.rev ?? 'HEAD';
    const commit = await resolveCommit(handle.git, rev);
    if (!commit) {
      throw new ModelregError('ref-not-found', `'${rev}' does not name a commit in this repository`, { hint: 'give a branch, tag or commit id' });
    }
    return { source: { kind: 'rev', rev: commit }, where: opts.rev ?? `HEAD (${commit.slice(0, 7)})` };
  }
  if (opts.staged) return { source: { kind: 'index' }, where: 'the index (staged files)' };
  return { source: { kind: 'worktree' }, where: 'the working tree' };
}

export interface RepoAnnotations {
  annotations: Annotation[];
  /** Problems in the annotation files, the config and their integrity. */
  diagnostics: Diagnostic[];
  config: RegistryConfig;
  files: string[];
}

/**
 * Read, parse and validate every annotation file and the config of a source, and (unless
 * `integrity` is false) check the rules that span files: unique names, paths that exist, types.
 */
export async function readAnnotations(handle: RepoHandle, source: FileSource, where: string, integrity = true): Promise<RepoAnnotations> {
  const configSpecs = CONFIG_FILES.map((f) => `:(top,literal)${f}`);
  const isConfig = (path: string) => (CONFIG_FILES as readonly string[]).includes(path);
  const files = await readFiles(handle.git, source, {
    pathspecs: [...ANNOTATION_PATHSPECS, ...configSpecs],
    matches: (path) => isConfig(path) || annotationFormat(path) !== null,
  });
  const diagnostics: Diagnostic[] = [];
  const annotations: Annotation[] = [];
  let config: RegistryConfig = {};
  const configFile = CONFIG_FILES.map((name) => files.find((f) => f.path === name)).find((f) => f !== undefined);
  if (configFile) {
    const parsed = (await import('@modelreg/core/config')).parseConfig(configFile.content, configFile.path);
    config = parsed.config;
    diagnostics.push(...parsed.diagnostics);
  }
  const annotationFiles = files.filter((f) => !isConfig(f.path)).sort((a, b) => (a.path < b.path ? -1 : 1));
  if (annotationFiles.length === 0) return { annotations, diagnostics, config, files: [] };
  // The parsers and validators load only when there is something to read (~30 ms).
  const { checkAnnotations, parseAnnotationFile, referencedPaths } = await import('@modelreg/core/annotations');
  for (const file of annotationFiles) {
    const parsed = parseAnnotationFile(file.path, file.content);
    annotations.push(...parsed.annotations);
    diagnostics.push(...parsed.diagnostics);
  }
  if (integrity) {
    const exists = await existingPaths(handle.git, source, referencedPaths(annotations));
    diagnostics.push(...checkAnnotations({ annotations, config, existingPaths: exists, where }));
  }
  return { annotations, diagnostics, config, files: annotationFiles.map((f) => f.path) };
}
