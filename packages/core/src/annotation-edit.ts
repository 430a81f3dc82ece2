// Editing one entry of an annotation file in place: only the lines of that entry change, so the
// comments, key order and formatting of everything else stay byte for byte.
import type { Document, Node as YamlNode, Pair, YAMLMap } from 'yaml';
import { yamlLib } from './yaml-lib.js';
import { ModelregError } from './errors.js';
import type { AnnotationFormat } from './annotations.js';

/** The fields `modelreg annotate` sets, in the file's own vocabulary later (desc/description, meta/custom). */
export interface AnnotationPatch {
  type?: string;
  path?: string;
  desc?: string;
  labels?: string[];
  /** Dotted keys (`metrics.accuracy`) to values. */
  meta?: Record<string, unknown>;
}

const fieldNames = (format: AnnotationFormat) =>
  format === 'dvc' ? { desc: 'desc', meta: 'meta' } : { desc: 'description', meta: 'custom' };

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

/** The mapping that holds the entries: `artifacts:` in dvc.yaml, the root in artifacts.yaml. */
function entriesMap(doc: Document.Parsed, format: AnnotationFormat): YAMLMap | null | undefined {
  const root = doc.contents;
  if (format === 'gto') return yamlLib().isMap(root) ? root : root === null ? null : undefined;
  if (!yamlLib().isMap(root)) return root === null ? null : undefined;
  const value = root.get('artifacts', true);
  return yamlLib().isMap(value) ? value : value === undefined || (yamlLib().isScalar(value) && value.value === null) ? null : undefined;
}

function findPair(map: YAMLMap, id: string): Pair | undefined {
  return map.items.find((p) => yamlLib().isScalar(p.key) && String(p.key.value) === id) as Pair | undefined;
}

/** The [start, end) text range of a pair: from its key's line to the next pair's key line. */
function pairRange(text: string, map: YAMLMap, pair: Pair): [number, number] {
  const i = map.items.indexOf(pair);
  const keyStart = (pair.key as { range: [number, number, number] }).range[0];
  const next = map.items[i + 1];
  if (next) return [lineStart(text, keyStart), lineStart(text, (next.key as { range: [number, number, number] }).range[0])];
  const valueEnd = (pair.value as { range?: [number, number, number] } | null)?.range?.[1] ?? keyStart;
  return [lineStart(text, keyStart), lineEnd(text, Math.max(valueEnd - 1, keyStart))];
}

function setDotted(target: Record<string, unknown>, dotted: string, value: unknown): void {
  const keys = dotted.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const child = node[key];
    node = (node[key] = child !== null && typeof child === 'object' && !Array.isArray(child) ? { ...(child as object) } : {}) as Record<string, unknown>;
  }
  node[keys[keys.length - 1] as string] = value;
}

/** The entry after applying the patch, keys in the file's usual order. */
function mergeEntry(existing: Record<string, unknown>, patch: AnnotationPatch, format: AnnotationFormat): Record<string, unknown> {
  const names = fieldNames(format);
  const out: Record<string, unknown> = { ...existing };
  if (patch.path !== undefined) out.path = patch.path;
  if (patch.type !== undefined) out.type = patch.type;
  if (patch.desc !== undefined) out[names.desc] = patch.desc;
  if (patch.labels !== undefined) out.labels = patch.labels;
  if (patch.meta !== undefined) {
    const meta = { ...((out[names.meta] as Record<string, unknown> | undefined) ?? {}) };
    for (const [k, v] of Object.entries(patch.meta)) setDotted(meta, k, v);
    out[names.meta] = meta;
  }
  return out;
}

function render(id: string, entry: Record<string, unknown>, indent: number, eol: string): string {
  const body = yamlLib().stringify({ [id]: entry }, { indent: 2, lineWidth: 0 });
  const pad = ' '.repeat(indent);
  return body
    .split('\n')
    .filter((l, i, all) => l !== '' || i < all.length - 1)
    .map((l) => pad + l)
    .join(eol) + eol;
}

/** Whether a node holds an anchor (`&a`) or an alias (`*a`, `<<: *a`) anywhere in it. */
function usesAliases(node: YamlNode): boolean {
  const { visit, isAlias, isNode } = yamlLib();
  let found = false;
  visit(node, (_key, n) => {
    if (isAlias(n) || (isNode(n) && n.anchor)) {
      found = true;
      return visit.BREAK;
    }
    return undefined;
  });
  return found;
}

/** Add or update entry `id` of an annotation file's text (empty text = a new file). */
export function upsertAnnotation(text: string, format: AnnotationFormat, id: string, patch: AnnotationPatch): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const doc = yamlLib().parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ModelregError('unreadable-annotation-file', `cannot edit a file that does not parse: ${doc.errors[0]?.message.split('\n')[0]}`, {
      hint: 'fix the file first (modelreg check lists the problems)',
    });
  }
  const map = entriesMap(doc, format);
  if (map === undefined) {
    throw new ModelregError('unexpected-annotation-shape', format === 'dvc' ? "'artifacts' in dvc.yaml is not a mapping" : 'artifacts.yaml is not a mapping', {
      hint: 'fix the file first (modelreg check lists the problems)',
    });
  }
  const pair = map ? findPair(map, id) : undefined;
  const existing = pair ? (doc.getIn(format === 'dvc' ? ['artifacts', id] : [id]) as unknown) : undefined;
  if (existing && typeof existing === 'object' && usesAliases(existing as YamlNode)) {
    throw new ModelregError('yaml-alias-entry', `cannot edit '${id}': its entry uses YAML anchors or aliases (such as '<<: *base'), which rewriting it would lose`, {
      hint: 'edit that entry by hand',
    });
  }
  const current = existing && typeof existing === 'object' && yamlLib().isMap(existing) ? (existing.toJSON() as Record<string, unknown>) : {};
  const entry = mergeEntry(current, patch, format);
  if (pair && map) {
    const [start, end] = pairRange(text, map, pair);
    const indent = start === 0 && format === 'gto' ? 0 : (pair.key as { range: [number] }).range[0] - start;
    return text.slice(0, start) + render(id, entry, indent, eol) + text.slice(end);
  }
  if (map && map.items.length > 0 && !map.flow) {
    const last = map.items[map.items.length - 1] as Pair;
    const [start, end] = pairRange(text, map, last);
    const indent = (last.key as { range: [number] }).range[0] - start;
    const before = text.slice(0, end);
    return before + (before.endsWith('\n') ? '' : eol) + render(id, entry, indent, eol) + text.slice(end);
  }
  if (map && map.items.length > 0) {
    throw new ModelregError('flow-mapping', 'cannot add an entry to a flow-style mapping ({…}) without rewriting it', {
      hint: 'write the mapping in block style, one key per line',
    });
  }
  // No entries yet: replace an empty `artifacts:` line, or append the section.
  const sep = text === '' || text.endsWith('\n') ? '' : eol;
  if (format === 'gto') return text + sep + render(id, entry, 0, eol);
  const root = doc.contents;
  if (yamlLib().isMap(root)) {
    const artifactsPair = findPair(root, 'artifacts');
    if (artifactsPair) {
      const [start, end] = pairRange(text, root, artifactsPair);
      const indent = (artifactsPair.key as { range: [number] }).range[0] - start;
      return text.slice(0, start) + ' '.repeat(indent) + 'artifacts:' + eol + render(id, entry, indent + 2, eol) + text.slice(end);
    }
  }
  return text + sep + 'artifacts:' + eol + render(id, entry, 2, eol);
}

/** Remove entry `id`; the text is unchanged elsewhere. Throws when there is no such entry. */
export function removeAnnotation(text: string, format: AnnotationFormat, id: string): string {
  const doc = yamlLib().parseDocument(text, { uniqueKeys: true });
  const map = doc.errors.length === 0 ? entriesMap(doc, format) : undefined;
  const pair = map ? findPair(map, id) : undefined;
  if (!map || !pair) throw new ModelregError('annotation-not-found', `'${id}' is not annotated in this file`);
  if (map.flow) {
    throw new ModelregError('flow-mapping', 'cannot remove an entry from a flow-style mapping ({…}) without rewriting it', {
      hint: 'write the mapping in block style, one key per line',
    });
  }
  const [start, end] = pairRange(text, map, pair);
  return text.slice(0, start) + text.slice(end);
}
