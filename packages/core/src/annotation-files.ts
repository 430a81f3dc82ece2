// Which files are annotation files and how their artifacts are named: the light part of
// annotations, with no parser or validator behind it (commands list files before they decide to
// load those).
import { posix } from 'node:path';

export type AnnotationFormat = 'dvc' | 'gto';

/** GTO's file sits at the repository root; DVC's may be in any directory. */
export const GTO_FILE = 'artifacts.yaml';
export const DVC_FILE = 'dvc.yaml';
/**
 * Git pathspecs that find every annotation file of a repository (`annotationFormat` is the same
 * rule), from its top or any directory below it.
 */
export const ANNOTATION_PATHSPECS = [`:(top,glob)**/${DVC_FILE}`, `:(top,literal)${GTO_FILE}`];

/** The format of a file by its path, or null when it is not an annotation file. */
export function annotationFormat(file: string): AnnotationFormat | null {
  if (file === GTO_FILE) return 'gto';
  if (file === DVC_FILE || file.endsWith(`/${DVC_FILE}`)) return 'dvc';
  return null;
}

/** `a/b/dvc.yaml` → `a/b`; a root file → ''. */
export function annotationDir(file: string): string {
  const dir = posix.dirname(file);
  return dir === '.' ? '' : dir;
}

/** The artifact name an entry `id` of `file` has. */
export function artifactNameIn(file: string, id: string): string {
  const dir = annotationFormat(file) === 'dvc' ? annotationDir(file) : '';
  return dir ? `${dir}:${id}` : id;
}

// DVC's own files, which say what DVC tracks (see dvc-tracking.ts).
export const DVC_LOCK_FILE = 'dvc.lock';
const DVC_SUFFIX = '.dvc';

/** Git pathspecs of the files that say what DVC tracks besides dvc.yaml (`dvcFileKind` is the same rule). */
export const DVC_TRACKING_PATHSPECS = [`:(glob)**/${DVC_LOCK_FILE}`, `:(glob)**/*${DVC_SUFFIX}`];

export type DvcFileKind = 'stages' | 'lock' | 'dvc';

/** Which DVC file `file` is by its path: a dvc.yaml, a dvc.lock, an `X.dvc`; null for any other. */
export function dvcFileKind(file: string): DvcFileKind | null {
  const base = posix.basename(file);
  if (base === DVC_FILE) return 'stages';
  if (base === DVC_LOCK_FILE) return 'lock';
  return base.endsWith(DVC_SUFFIX) && base.length > DVC_SUFFIX.length ? 'dvc' : null;
}

/** A dvc.lock or an `X.dvc` file: what DVC tracks besides a dvc.yaml's stages. */
export function isDvcTrackingFile(file: string): boolean {
  const kind = dvcFileKind(file);
  return kind === 'lock' || kind === 'dvc';
}
