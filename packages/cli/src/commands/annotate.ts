// `modelreg annotate` and `modelreg remove`: edit one entry of the right annotation file in the
// working tree, validated before anything is written; the rest of the file stays as it was.
import { existsSync } from 'node:fs';
import { lstat, mkdir, realpath } from 'node:fs/promises';
import { dirname, join, posix, relative, sep } from 'node:path';
import { parse as parseYamlScalar } from 'yaml';
import { ModelregError, assertArtifactName, formatDiagnostic, isUnreadableFile } from '@modelreg/core';
import {
  DVC_FILE,
  GTO_FILE,
  annotationDir,
  annotationFormat,
  parseAnnotationFile,
  removeAnnotation,
  upsertAnnotation,
  type Annotation,
  type AnnotationPatch,
} from '@modelreg/core/annotations';
import { WORKTREE_READ_LIMIT, readFileCapped, withRepoLock, writeFileAtomic } from '@modelreg/git';
import type { CommandResult, Io } from '../io.js';
import { readAnnotations } from '../annotation-source.js';
import { openHandle, type RepoHandle } from '../repo.js';

export interface AnnotateOptions {
  repo?: string;
  type?: string;
  path?: string;
  desc?: string;
  label?: string[];
  meta?: string[];
  file?: string;
}

async function workingTree(io: Io, repo: string | undefined): Promise<RepoHandle> {
  const handle = await openHandle(io, repo);
  if (handle.bare) {
    throw new ModelregError('no-working-tree', 'annotations are edited in a working tree, and this repository has none', {
      hint: 'run the command in a clone, then commit and push',
    });
  }
  return handle;
}

/** Where an artifact's entry lives or would go: its current file, `dir/dvc.yaml` for `dir:id`, else the root file. */
function targetFile(name: string, existing: Annotation[], fileOpt: string | undefined): { file: string; id: string } {
  const colon = name.indexOf(':');
  const dir = colon < 0 ? '' : name.slice(0, colon);
  const id = colon < 0 ? name : name.slice(colon + 1);
  if (fileOpt !== undefined) {
    const file = posix.normalize(fileOpt);
    if (posix.isAbsolute(file) || file === '..' || file.startsWith('../')) {
      throw new ModelregError('usage', `'${fileOpt}' is outside the repository`, { hint: `give a path from the repository's top, e.g. models/${DVC_FILE}`, exitCode: 2 });
    }
    const format = annotationFormat(file);
    if (!format) throw new ModelregError('usage', `'${fileOpt}' is not an annotation file`, { hint: `use a ${DVC_FILE} or the root ${GTO_FILE}`, exitCode: 2 });
    // An entry of dir/dvc.yaml is named dir:id: the name given must be that one.
    const fileDir = format === 'dvc' ? annotationDir(file) : '';
    if (dir !== fileDir) {
      const there = `${fileDir ? `${fileDir}:` : ''}${id}`;
      throw new ModelregError('usage', `'${name}' cannot live in ${file}: artifacts there are named '${there}'`, {
        hint: `annotate '${there}' instead, or leave out --file`,
        exitCode: 2,
      });
    }
    return { file, id };
  }
  const current = existing.find((a) => a.name === name);
  if (current) return { file: current.file, id: current.id };
  if (dir) return { file: `${dir}/${DVC_FILE}`, id };
  const hasDvc = existing.some((a) => a.file === DVC_FILE);
  const hasGto = existing.some((a) => a.file === GTO_FILE);
  return { file: hasGto && !hasDvc ? GTO_FILE : DVC_FILE, id };
}

function parseMeta(pairs: string[]): Record<string, unknown> {
  const meta: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new ModelregError('usage', `--meta '${pair}' is not KEY=VALUE`, { hint: 'e.g. --meta owner=ml-team --meta metrics.auc=0.91', exitCode: 2 });
    const key = pair.slice(0, eq);
    // `__proto__` would set the object's prototype instead of a key, and the value would vanish.
    if (key.split('.').includes('__proto__')) {
      throw new ModelregError('usage', `--meta '${pair}': '__proto__' cannot be a meta key`, { hint: 'choose another key name', exitCode: 2 });
    }
    const raw = pair.slice(eq + 1);
    // Numbers and booleans are stored as such (auc=0.91, true) when they read back as written;
    // anything else (007, 1.10, 0x1F, a 20-digit id) stays the string it was.
    let value: unknown = raw;
    try {
      const parsed: unknown = parseYamlScalar(raw);
      if ((typeof parsed === 'number' || typeof parsed === 'boolean') && String(parsed) === raw) value = parsed;
    } catch {
      value = raw;
    }
    meta[key] = value;
  }
  return meta;
}

/** The file's text, refusing one that is not readable YAML (binary, broken, too large…): it is never rewritten. */
function readText(path: string, file: string): string {
  const bytes = readFileCapped(path, WORKTREE_READ_LIMIT);
  if (bytes === null) return '';
  const unreadable = parseAnnotationFile(file, bytes).diagnostics.find(isUnreadableFile);
  if (unreadable) {
    throw new ModelregError('unreadable-annotation-file', formatDiagnostic(unreadable), { hint: 'fix the file first; nothing was written' });
  }
  return bytes.toString('utf8');
}

/**
 * Refuse to write `file` through a symbolic link or into anything but a regular file, or into a
 * directory that a link takes outside the repository: an edit must stay in the working tree.
 */
async function assertInsideWorkingTree(root: string, file: string): Promise<void> {
  const absolute = join(root, file);
  const stat = await lstat(absolute).catch(() => null);
  if (stat?.isSymbolicLink()) {
    throw new ModelregError('annotation-file-link', `${file} is a symbolic link; modelreg edits only regular files`, {
      hint: 'edit the file it points to yourself, or replace the link with a copy',
    });
  }
  // A FIFO would block the write; a directory cannot be written.
  if (stat && !stat.isFile()) {
    throw new ModelregError('annotation-file-kind', `${file} is not a regular file; modelreg edits only regular files`, { hint: 'replace it with a file' });
  }
  let dir = dirname(absolute);
  while (!existsSync(dir)) dir = dirname(dir);
  const [realRoot, realDir] = await Promise.all([realpath(root), realpath(dir)]);
  if (realDir !== realRoot && !realDir.startsWith(realRoot + sep)) {
    throw new ModelregError('outside-repository', `${file} is outside the repository: ${relative(root, dir)} links to ${realDir}`, {
      hint: 'annotate files inside the working tree',
    });
  }
}

/** Validate the new text as the file it will become; refuse to write a file that fails. */
function assertValid(file: string, text: string): void {
  const errors = parseAnnotationFile(file, text).diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    throw new ModelregError('invalid-annotation', `${formatDiagnostic(errors[0]!)}`, {
      hint: `nothing was written${errors.length > 1 ? ` (${errors.length} problems; modelreg check lists them)` : ''}`,
    });
  }
}

export async function annotate(io: Io, name: string, opts: AnnotateOptions): Promise<CommandResult> {
  assertArtifactName(name);
  const handle = await workingTree(io, opts.repo);
  const patch: AnnotationPatch = {
    ...(opts.type !== undefined ? { type: opts.type } : {}),
    ...(opts.path !== undefined ? { path: opts.path } : {}),
    ...(opts.desc !== undefined ? { desc: opts.desc } : {}),
    ...(opts.label && opts.label.length > 0 ? { labels: opts.label } : {}),
    ...(opts.meta && opts.meta.length > 0 ? { meta: parseMeta(opts.meta) } : {}),
  };
  // Read, check and write under the repository's lock: a parallel edit would otherwise be lost.
  return withRepoLock(handle.git, async () => {
    const { annotations } = await readAnnotations(handle, { kind: 'worktree' }, 'the working tree', false);
    const { file, id } = targetFile(name, annotations, opts.file);
    const absolute = join(handle.git.cwd, file);
    await assertInsideWorkingTree(handle.git.cwd, file);
    const before = readText(absolute, file);
    const exists = annotations.some((a) => a.file === file && a.id === id);
    if (!exists && annotationFormat(file) === 'dvc' && patch.path === undefined) {
      throw new ModelregError('missing-path', `a new entry in ${file} needs a path`, { hint: `e.g. modelreg annotate ${name} --path models/${id}.pkl`, exitCode: 2 });
    }
    const after = upsertAnnotation(before, annotationFormat(file)!, id, patch);
    assertValid(file, after);
    if (after === before) return { stdout: `'${name}' in ${file} is already up to date\n` };
    await mkdir(dirname(absolute), { recursive: true });
    await writeFileAtomic(absolute, after);
    return { stdout: `${exists ? 'Updated' : 'Annotated'} '${name}' in ${file}\n` };
  });
}

export async function remove(io: Io, name: string, opts: { repo?: string }): Promise<CommandResult> {
  assertArtifactName(name);
  const handle = await workingTree(io, opts.repo);
  return withRepoLock(handle.git, async () => {
    const { annotations } = await readAnnotations(handle, { kind: 'worktree' }, 'the working tree', false);
    const current = annotations.find((a) => a.name === name);
    if (!current) throw new ModelregError('annotation-not-found', `'${name}' is not annotated in this working tree`, { hint: 'see the annotations with: modelreg check' });
    const absolute = join(handle.git.cwd, current.file);
    await assertInsideWorkingTree(handle.git.cwd, current.file);
    const after = removeAnnotation(readText(absolute, current.file), current.format, current.id);
    assertValid(current.file, after);
    await writeFileAtomic(absolute, after);
    return { stdout: `Removed '${name}' from ${current.file}\n` };
  });
}
