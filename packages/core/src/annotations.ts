// What a model is: annotation files (DVC's `dvc.yaml` `artifacts:`, GTO's legacy `artifacts.yaml`)
// parsed into one model, validated against the precompiled schemas, and checked for integrity.
import { posix } from 'node:path';
import type { RegistryConfig } from './config.js';
import type { Diagnostic } from './diagnostics.js';
import { validateDvcArtifacts, validateGtoArtifacts, validateModelCard } from './generated/validators.js';
import { loadYaml, locate, schemaDiagnostics, type LoadedYaml } from './yaml-source.js';
import { annotationDir, annotationFormat, artifactNameIn, type AnnotationFormat } from './annotation-files.js';
import { isTrackedByDvc } from './dvc-tracking.js';

export * from './annotation-files.js';

export interface Position {
  line: number;
  column: number;
}

export interface Annotation {
  /** Full artifact name: `id` for a root file, `dir/sub:id` for `dir/sub/dvc.yaml` (as DVC and GTO name it). */
  name: string;
  /** The key in the file. */
  id: string;
  file: string;
  format: AnnotationFormat;
  /** Where the entry starts, and where some of its fields are (for messages). */
  at: Position;
  fieldAt: Partial<Record<'type' | 'path' | 'labels', Position>>;
  /** Where a value inside the entry is, e.g. `['labels', 1]` (computed on demand). */
  locate: (path: (string | number)[]) => Position;
  type?: string;
  /** As written in the file. */
  path?: string;
  desc?: string;
  labels?: string[];
  /** As written: usually a mapping, but DVC (and the schema) allow any value, shown as it is. */
  meta?: unknown;
  /** GTO: the path is not in the repository; as written (absent means GTO's default, true). */
  virtual?: boolean;
}

export interface ParsedAnnotations {
  annotations: Annotation[];
  diagnostics: Diagnostic[];
}

type Entry = Record<string, unknown>;

export interface ParseOptions {
  /** Model-card fields of another shape in a dvc.yaml `meta`: warnings (default), or errors (`annotations: {model_card: strict}`). */
  modelCard?: 'warn' | 'strict';
}

/** Parse and validate one annotation file; entries with errors are still returned when readable. */
export function parseAnnotationFile(file: string, content: string | Uint8Array, opts: ParseOptions = {}): ParsedAnnotations {
  const format = annotationFormat(file);
  if (!format) return { annotations: [], diagnostics: [] };
  const loaded = loadYaml(file, content);
  if (loaded.value === undefined) return { annotations: [], diagnostics: loaded.diagnostics };
  const diagnostics = [...loaded.diagnostics];
  const artifactName = (id: string) => artifactNameIn(file, id);
  let entries: unknown;
  let basePath: string[];
  if (format === 'dvc') {
    const root = loaded.value;
    if (root === null || typeof root !== 'object' || Array.isArray(root)) {
      if (root !== null) diagnostics.push(at(loaded, [], 'dvc-shape', 'a dvc.yaml must be a mapping (stages:, artifacts:, …)'));
      return { annotations: [], diagnostics };
    }
    entries = (root as Entry).artifacts;
    basePath = ['artifacts'];
    if (entries === undefined || entries === null) return { annotations: [], diagnostics };
    if (!validateDvcArtifacts(entries)) {
      diagnostics.push(...schemaDiagnostics(loaded, validateDvcArtifacts.errors ?? [], { basePath, fieldPrefix: 'artifacts', artifactName }));
    }
    diagnostics.push(...modelCardDiagnostics(loaded, entries, opts.modelCard ?? 'warn'));
  } else {
    entries = loaded.value;
    basePath = [];
    if (entries === null) return { annotations: [], diagnostics };
    if (!validateGtoArtifacts(entries)) {
      diagnostics.push(...schemaDiagnostics(loaded, validateGtoArtifacts.errors ?? [], { basePath, artifactName }));
    }
  }
  if (typeof entries !== 'object' || entries === null || Array.isArray(entries)) return { annotations: [], diagnostics };
  for (const d of diagnostics) {
    if (d.file === undefined) d.file = file;
  }
  const annotations: Annotation[] = [];
  for (const [id, raw] of Object.entries(entries as Entry)) {
    const entry = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Entry) : {};
    const path = [...basePath, id];
    // Positions are only needed for messages, and finding them needs the slow, position-keeping
    // parse: they are computed on first use.
    const fieldAt: Annotation['fieldAt'] = {};
    for (const field of ['type', 'path', 'labels'] as const) {
      if (entry[field] !== undefined) lazy(fieldAt, field, () => locate(loaded, [...path, field]));
    }
    const annotation = { name: artifactNameIn(file, id), id, file, format, fieldAt } as Annotation;
    Object.defineProperty(annotation, 'locate', { value: (sub: (string | number)[]) => locate(loaded, [...path, ...sub]) });
    lazy(annotation, 'at', () => locate(loaded, path));
    if (typeof entry.type === 'string') annotation.type = entry.type;
    if (typeof entry.path === 'string') annotation.path = entry.path;
    const desc = format === 'dvc' ? entry.desc : entry.description;
    if (typeof desc === 'string') annotation.desc = desc;
    if (Array.isArray(entry.labels)) annotation.labels = entry.labels.filter((l): l is string => typeof l === 'string');
    const meta = format === 'dvc' ? entry.meta : entry.custom;
    if (meta !== undefined && meta !== null) annotation.meta = meta;
    if (format === 'gto' && typeof entry.virtual === 'boolean') annotation.virtual = entry.virtual;
    annotations.push(annotation);
  }
  return { annotations, diagnostics };
}

/**
 * DVC accepts any `meta`; the model-card fields (schemas/model-card.schema.json) are advice: a
 * value of another shape is a warning, or an error when the team's config asks for it.
 */
function modelCardDiagnostics(loaded: LoadedYaml, entries: unknown, level: 'warn' | 'strict'): Diagnostic[] {
  if (entries === null || typeof entries !== 'object' || Array.isArray(entries)) return [];
  const diagnostics: Diagnostic[] = [];
  for (const [id, entry] of Object.entries(entries as Entry)) {
    const meta = entry !== null && typeof entry === 'object' ? (entry as Entry).meta : undefined;
    if (meta === null || typeof meta !== 'object' || Array.isArray(meta) || validateModelCard(meta)) continue;
    const found = schemaDiagnostics(loaded, validateModelCard.errors ?? [], {
      basePath: ['artifacts', id, 'meta'],
      fieldPrefix: `artifacts.${id}.meta`,
      code: 'model-card-shape',
      severity: level === 'strict' ? 'error' : 'warning',
      artifactName: () => artifactNameIn(loaded.file, id),
    });
    const hint = level === 'strict' ? MODEL_CARD_HINT.strict : MODEL_CARD_HINT.warn;
    diagnostics.push(...found.map((d) => ({ ...d, hint })));
  }
  return diagnostics;
}

const MODEL_CARD_HINT = {
  warn: 'DVC accepts any value; model-card tools expect this shape (.modelreg.yaml `annotations: {model_card: strict}` makes this an error)',
  strict: 'model-card fields must have this shape (.modelreg.yaml `annotations: {model_card: strict}`)',
};

/** Define `key` on `target` as a value computed once, when first read. */
function lazy<T extends object, K extends keyof T>(target: T, key: K, compute: () => T[K]): void {
  let value: T[K] | undefined;
  Object.defineProperty(target, key, { enumerable: true, configurable: true, get: () => (value ??= compute()) });
}

function at(loaded: LoadedYaml, path: (string | number)[], code: string, message: string): Diagnostic {
  return { code, severity: 'error', file: loaded.file, ...locate(loaded, path), message };
}

const URL_RE = /^[a-z][a-z0-9+.-]*:\/\//i;

/** `s3://…`, `https://…`: a location outside the repository. */
export function isUrl(path: string): boolean {
  return URL_RE.test(path);
}

/** Whether an annotation's path names something that must be committed in this repository. */
export function isRepoPath(a: Annotation): boolean {
  return a.path !== undefined && !isUrl(a.path) && !(a.format === 'gto' && a.virtual !== false);
}

/** The repository path an annotation's `path` names (DVC paths are relative to their dvc.yaml), or null if it leaves the repository. */
export function repoPathOf(a: Annotation): string | null {
  if (a.path === undefined || posix.isAbsolute(a.path)) return null;
  const joined = posix.normalize(posix.join(annotationDir(a.format === 'dvc' ? a.file : ''), a.path)).replace(/\/+$/, '');
  return joined === '..' || joined.startsWith('../') || joined === '.' ? null : joined;
}

/** The paths among `referencedPaths` that only DVC can make present: those of dvc.yaml artifacts. */
export function dvcReferencedPaths(annotations: Annotation[]): string[] {
  return referencedPaths(annotations.filter((a) => a.format === 'dvc'));
}

/** Paths whose existence `checkAnnotations` needs to know. */
export function referencedPaths(annotations: Annotation[]): string[] {
  const paths = new Set<string>();
  for (const a of annotations) {
    const p = isRepoPath(a) ? repoPathOf(a) : null;
    if (p) paths.add(p);
  }
  return [...paths].sort();
}

export interface IntegrityInput {
  annotations: Annotation[];
  config: RegistryConfig;
  /** Which of `referencedPaths(annotations)` exist where the files were read from. */
  existingPaths: ReadonlySet<string>;
  /** What "exists" means, for messages: 'the working tree', 'the index', 'abc1234'. */
  where: string;
  /** The outputs DVC tracks where the files were read from (`dvcTrackedOutputs`): a dvc.yaml path among them is present too. */
  dvcOutputs?: ReadonlyMap<string, unknown>;
}

/** Integrity rules that need no history: unique names, committed paths exist, allowed types and labels. */
export function checkAnnotations(input: IntegrityInput): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  // Fields are shown as they are spelled in the file: `artifacts.churn.path`, `churn.path`.
  const fieldOf = (a: Annotation, key?: string) => `${a.format === 'dvc' ? 'artifacts.' : ''}${a.id}${key ? `.${key}` : ''}`;
  const seen = new Map<string, Annotation>();
  for (const a of input.annotations) {
    const first = seen.get(a.name);
    if (first) {
      diagnostics.push({
        code: 'duplicate-artifact',
        severity: 'error',
        file: a.file,
        ...a.at,
        artifact: a.name,
        field: fieldOf(a),
        message: `'${a.name}' is already annotated in ${first.file}:${first.at.line}`,
        hint: 'an artifact is described once: remove or rename one of them',
      });
    } else seen.set(a.name, a);
    if (isRepoPath(a)) {
      const p = repoPathOf(a);
      if (p === null) {
        diagnostics.push({
          code: 'path-outside-repo',
          severity: 'error',
          file: a.file,
          ...(a.fieldAt.path ?? a.at),
          artifact: a.name,
          field: fieldOf(a, 'path'),
          message: `'${a.path}' points outside the repository`,
          hint: 'use a path inside the repository, or a URL such as s3://bucket/model.pkl',
        });
      } else if (!input.existingPaths.has(p) && !(a.format === 'dvc' && input.dvcOutputs && isTrackedByDvc(p, input.dvcOutputs))) {
        diagnostics.push({
          code: 'path-missing',
          severity: 'error',
          file: a.file,
          ...(a.fieldAt.path ?? a.at),
          artifact: a.name,
          field: fieldOf(a, 'path'),
          message: `'${a.path}' does not exist in ${input.where}`,
          hint: a.format === 'gto' ? "commit the file, fix the path, or mark the artifact 'virtual: true'" : 'commit it, track it with `dvc add`, or fix the path',
        });
      }
    }
    const labels = input.config.labels;
    if (labels && labels.length > 0) {
      (a.labels ?? []).forEach((label, i) => {
        if (labels.includes(label)) return;
        diagnostics.push({
          code: 'label-not-allowed',
          severity: 'error',
          file: a.file,
          ...a.locate(['labels', i]),
          artifact: a.name,
          field: `${fieldOf(a, 'labels')}[${i}]`,
          message: `'${label}' is not an allowed label`,
          hint: `allowed labels are: ${labels.join(', ')} (from ${input.config.file ?? 'the config'})`,
        });
      });
    }
    const types = input.config.types;
    if (types && types.length > 0 && a.type !== undefined && !types.includes(a.type)) {
      diagnostics.push({
        code: 'type-not-allowed',
        severity: 'error',
        file: a.file,
        ...(a.fieldAt.type ?? a.at),
        artifact: a.name,
        field: fieldOf(a, 'type'),
        message: `'${a.type}' is not an allowed type`,
        hint: `allowed types are: ${types.join(', ')} (from ${input.config.file ?? 'the config'})`,
      });
    }
  }
  return diagnostics;
}
