// What DVC tracks, read from its files: a dvc.yaml stage's outputs, dvc.lock's entries (with their
// hashes) and `.dvc` files. An artifact path is usually such an output, git-ignored by design: it is
// present when DVC tracks it, and it changes when its dvc.lock entry's hash or its `.dvc` file does.
import { posix } from 'node:path';
import { DVC_LOCK_FILE, annotationDir, dvcFileKind } from './annotation-files.js';
import { loadYaml } from './yaml-source.js';

/** Repository path of an output → its hash as DVC recorded it (null where none is: dvc.yaml `outs`). */
export type DvcOutputs = Map<string, string | null>;

const isMapping = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** `dir` + `path` as a repository path, or null when it leaves the repository or is a template (`${item}`). */
function repoPath(dir: string, path: unknown): string | null {
  if (typeof path !== 'string' || path === '' || path.includes('${') || posix.isAbsolute(path) || /^[a-z][a-z0-9+.-]*:\/\//i.test(path)) return null;
  const joined = posix.normalize(posix.join(dir, path)).replace(/\/+$/, '');
  return joined === '.' || joined === '..' || joined.startsWith('../') ? null : joined;
}

// DVC records an output's content under one of these keys, by where it is stored.
const HASH_KEYS = ['md5', 'sha256', 'etag', 'checksum', 'version_id'];

function hashOf(entry: Record<string, unknown>): string | null {
  for (const key of HASH_KEYS) if (typeof entry[key] === 'string' || typeof entry[key] === 'number') return `${key}:${entry[key]}`;
  return null;
}

/** `outs:` of a dvc.lock stage or a `.dvc` file: a list of `{path, md5, …}`. */
function recordedOuts(dir: string, outs: unknown, into: DvcOutputs): void {
  if (!Array.isArray(outs)) return;
  for (const out of outs) {
    if (!isMapping(out)) continue;
    const path = repoPath(dir, out.path);
    if (path !== null) into.set(path, hashOf(out));
  }
}

/** `outs:`/`metrics:`/`plots:` of a dvc.yaml stage: a list of paths, or of `{path: {options}}`. */
function declaredOuts(dir: string, outs: unknown, into: DvcOutputs): void {
  if (!Array.isArray(outs)) return;
  for (const out of outs) {
    const paths = typeof out === 'string' ? [out] : isMapping(out) ? Object.keys(out) : [];
    for (const p of paths) {
      const path = repoPath(dir, p);
      if (path !== null && !into.has(path)) into.set(path, null);
    }
  }
}

/**
 * The outputs one DVC file declares, by repository path: a dvc.yaml stage's `outs`, `metrics` and
 * `plots` (relative to the stage's `wdir`), a dvc.lock's entries, a `.dvc` file's `outs`. A file
 * that does not read as YAML declares nothing (`modelreg check` reports dvc.yaml's problems).
 */
export function dvcOutputs(file: string, content: string | Uint8Array): DvcOutputs {
  const outputs: DvcOutputs = new Map();
  const kind = dvcFileKind(file);
  if (kind === null) return outputs;
  const value = loadYaml(file, content).value;
  if (!isMapping(value)) return outputs;
  const dir = annotationDir(file);
  if (kind === 'dvc') {
    recordedOuts(dir, value.outs, outputs);
    return outputs;
  }
  // dvc.lock 2.0 nests stages under `stages:`; the 1.0 format has them at the top.
  const stages = kind === 'stages' || isMapping(value.stages) ? value.stages : value;
  if (!isMapping(stages)) return outputs;
  for (const stage of Object.values(stages)) {
    if (!isMapping(stage)) continue;
    if (kind === 'lock') {
      recordedOuts(dir, stage.outs, outputs);
      continue;
    }
    let wdir = dir;
    if (typeof stage.wdir === 'string') {
      const w = posix.normalize(posix.join(dir, stage.wdir));
      if (w === '..' || w.startsWith('../')) continue;
      wdir = w === '.' ? '' : w;
    }
    for (const key of ['outs', 'metrics', 'plots']) declaredOuts(wdir, stage[key], outputs);
  }
  return outputs;
}

/** Every output declared by `files` (any mix of DVC files and others, which are skipped). */
export function dvcTrackedOutputs(files: readonly { path: string; content: string | Uint8Array }[]): DvcOutputs {
  const all: DvcOutputs = new Map();
  for (const f of files) for (const [path, hash] of dvcOutputs(f.path, f.content)) if (hash !== null || !all.has(path)) all.set(path, hash);
  return all;
}

/** `a/b/c` → `a/b/c`, `a/b`, `a`. */
function pathAndParents(path: string): string[] {
  const paths: string[] = [];
  for (let p = path; p !== ''; p = p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '') paths.push(p);
  return paths;
}

/** Whether DVC tracks `path`: it is an output, inside an output directory, or a directory holding outputs. */
export function isTrackedByDvc(path: string, outputs: ReadonlySet<string> | ReadonlyMap<string, unknown>): boolean {
  if (pathAndParents(path).some((p) => outputs.has(p))) return true;
  const prefix = `${path}/`;
  for (const out of outputs.keys()) if (out.startsWith(prefix)) return true;
  return false;
}

/** A DVC file a commit changes, as it was and as it is (null where it does not exist). */
export interface DvcFileChange {
  path: string;
  before: string | Uint8Array | null;
  after: string | Uint8Array | null;
}

/**
 * The outputs a change to DVC files changes, as DVC sees it: every output of a changed `.dvc`
 * file, and the dvc.lock entries whose hash differs (added and removed ones too). Together with
 * the files Git sees changed, this is what "a commit changes a model" means.
 */
export function outputsChangedBy(changes: readonly DvcFileChange[]): string[] {
  const changed = new Set<string>();
  for (const { path, before, after } of changes) {
    const kind = dvcFileKind(path);
    if (kind !== 'lock' && kind !== 'dvc') continue;
    const was = before === null ? new Map<string, string | null>() : dvcOutputs(path, before);
    const is = after === null ? new Map<string, string | null>() : dvcOutputs(path, after);
    for (const [out, hash] of is) if (kind === 'dvc' || was.get(out) !== hash) changed.add(out);
    for (const out of was.keys()) if (kind === 'dvc' || !is.has(out)) changed.add(out);
  }
  return [...changed].sort();
}

/**
 * The DVC files that may say how `paths` are tracked: a `.dvc` file for each path or a directory
 * above it, and the dvc.lock beside each of `dvcYamlFiles` (where `dvc repro` writes it).
 */
export function dvcFilesTracking(paths: readonly string[], dvcYamlFiles: readonly string[]): string[] {
  const files = new Set<string>();
  for (const path of paths) for (const p of pathAndParents(path)) files.add(`${p}.dvc`);
  for (const file of dvcYamlFiles) files.add(posix.join(annotationDir(file), DVC_LOCK_FILE));
  return [...files].sort();
}
