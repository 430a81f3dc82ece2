// Editing one entry of an annotation file in place: the fields given are changed where they are (the
// `yaml` Document's nodes say where), so comments, quoting, flow or block style, indentation and
// blank lines of everything else, the rest of the same entry included, stay byte for byte. A new
// entry follows the style of the file's existing entries.
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

/** The patch as the entry's own keys (desc/description, meta/custom), `meta`'s dotted keys nested. */
function patchFields(patch: AnnotationPatch, format: AnnotationFormat): [string, unknown][] {
  const names = fieldNames(format);
  const fields: [string, unknown][] = [];
  if (patch.path !== undefined) fields.push(['path', patch.path]);
  if (patch.type !== undefined) fields.push(['type', patch.type]);
  if (patch.desc !== undefined) fields.push([names.desc, patch.desc]);
  if (patch.labels !== undefined) fields.push(['labels', patch.labels]);
  if (patch.meta !== undefined) {
    const meta: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(patch.meta)) setDotted(meta, k, v);
    fields.push([names.meta, meta]);
  }
  return fields;
}

/** The entry after applying the patch, keys in the file's usual order. */
function mergeEntry(existing: Record<string, unknown>, patch: AnnotationPatch, format: AnnotationFormat): Record<string, unknown> {
  const names = fieldNames(format);
  const out: Record<string, unknown> = { ...existing };
  for (const [key, value] of patchFields(patch, format)) {
    if (key !== names.meta) out[key] = value;
    else {
      const meta = { ...((out[key] as Record<string, unknown> | undefined) ?? {}) };
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) setDotted(meta, k, v);
      out[key] = meta;
    }
  }
  return out;
}

/** How a file writes its entries, so an edit or a new entry looks like the rest. */
interface Style {
  /** Spaces per nesting level. */
  indent: number;
  /** Block list items indented below their key (`labels:\n  - a`), or level with it (DVC's `- a`). */
  indentSeq: boolean;
  /** Labels as a flow list (`[a, b]`). */
  flowLabels: boolean;
  /** Flow collections padded inside (`[ a, b ]`). */
  padding: boolean;
}

const DEFAULT_STYLE: Style = { indent: 2, indentSeq: true, flowLabels: false, padding: false };

type Ranged = { range: [number, number, number] };
const rangeOf = (node: unknown) => (node as Ranged).range;

function column(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

/** The style of the entries of `map` (the last one that shows each trait), the defaults otherwise. */
function styleOf(text: string, map: YAMLMap | null | undefined): Style {
  const style = { ...DEFAULT_STYLE };
  const { isMap, isSeq } = yamlLib();
  for (const entry of map?.items ?? []) {
    const value = entry.value;
    if (!isMap(value) || value.flow) continue;
    const first = value.items[0];
    if (first) style.indent = Math.max(1, column(text, rangeOf(first.key)[0]) - column(text, rangeOf(entry.key)[0]));
    for (const pair of value.items) {
      if (!isSeq(pair.value) || pair.value.items.length === 0) continue;
      if (pair.value.flow) {
        if (yamlLib().isScalar(pair.key) && pair.key.value === 'labels') style.flowLabels = true;
        style.padding = /^[[{] /.test(text.slice(rangeOf(pair.value)[0]));
      } else {
        if (yamlLib().isScalar(pair.key) && pair.key.value === 'labels') style.flowLabels = false;
        style.indentSeq = column(text, rangeOf(pair.value)[0]) > column(text, rangeOf(pair.key)[0]);
      }
    }
  }
  return style;
}

/** A value as a node styled like `like` (its quoting, flow or block), or like the file's entries. */
function styledNode(value: unknown, like: unknown, key: string, style: Style): YamlNode {
  const lib = yamlLib();
  const node = new lib.Document().createNode(value) as YamlNode;
  if (lib.isScalar(node) && lib.isScalar(like) && like.type) node.type = like.type;
  if (lib.isCollection(node)) {
    if (lib.isCollection(like)) node.flow = like.flow === true;
    else if (key === 'labels') node.flow = style.flowLabels;
  }
  return node;
}

/** `key: value` as YAML text at `indent` (its first line unindented), ending with `eol` when it spans lines. */
function renderPair(key: string, node: YamlNode, indent: number, style: Style, eol: string): string {
  const lib = yamlLib();
  const map = new lib.YAMLMap();
  map.items.push(new lib.Pair(new lib.Scalar(key), node));
  const body = new lib.Document(map).toString({ indent: style.indent, indentSeq: style.indentSeq, flowCollectionPadding: style.padding, lineWidth: 0 });
  const lines = body.replace(/\n$/, '').split('\n');
  if (lines.length === 1) return lines[0] as string;
  return lines.map((l, i) => (i === 0 ? l : ' '.repeat(indent) + l)).join(eol) + eol;
}

interface Splice {
  start: number;
  end: number;
  text: string;
}

/**
 * Set `fields` in the block mapping `map` where they are: an existing value is replaced in its
 * own range, mappings are descended into, missing keys are added after the mapping's last line.
 * Everything else keeps its bytes. False when a value cannot be edited in place.
 */
function setFields(text: string, map: YAMLMap, fields: [string, unknown][], style: Style, eol: string, splices: Splice[]): boolean {
  const lib = yamlLib();
  const keyIndent = map.items[0] ? column(text, rangeOf(map.items[0].key)[0]) : 0;
  const [, mapEnd] = rangeOf(map);
  const insertAt = text[mapEnd - 1] === '\n' ? mapEnd : lineEnd(text, mapEnd);
  for (const [key, value] of fields) {
    const pair = map.items.find((p) => lib.isScalar(p.key) && String(p.key.value) === key);
    // A mapping (meta, or a mapping inside it) is edited key by key where it is a block mapping.
    if (pair && isMapping(value) && lib.isMap(pair.value) && !pair.value.flow && pair.value.items.length > 0) {
      if (!setFields(text, pair.value, Object.entries(value), style, eol, splices)) return false;
      continue;
    }
    if (pair) {
      const [keyStart, keyEnd] = rangeOf(pair.key);
      const valueRange = (pair.value as Partial<Ranged> | null)?.range;
      if (!valueRange) return false;
      const merged = isMapping(value) && lib.isMap(pair.value) ? deepMerge(pair.value.toJSON() as Record<string, unknown>, value) : value;
      const rendered = renderPair(key, styledNode(merged, pair.value, key, style), keyIndent, style, eol);
      // The key as written (quoted or not), then the value as rendered, up to where the old value
      // ended (an empty one ends at its key): a comment after it on its line stays.
      const end = Math.max(valueRange[1], keyEnd);
      const oldSpansLines = text[end - 1] === '\n';
      const newSpansLines = rendered.endsWith(eol);
      const tail = newSpansLines && !oldSpansLines ? lineEnd(text, end) : end;
      splices.push({ start: keyStart, end: tail, text: text.slice(keyStart, keyEnd) + rendered.slice(key.length) + (oldSpansLines && !newSpansLines ? eol : '') });
      continue;
    }
    const line = ' '.repeat(keyIndent) + renderPair(key, styledNode(value, undefined, key, style), keyIndent, style, eol);
    splices.push({ start: insertAt, end: insertAt, text: (insertAt === text.length && !text.endsWith('\n') ? eol : '') + (line.endsWith(eol) ? line : line + eol) });
  }
  return true;
}

const isMapping = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** `patch` over `base`, mappings merged key by key. */
function deepMerge(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out = { ...base };
  for (const [k, v] of Object.entries(patch)) out[k] = isMapping(v) && isMapping(out[k]) ? deepMerge(out[k] as Record<string, unknown>, v) : v;
  return out;
}

/** Apply splices (ranges do not overlap; those at one offset in the order given). */
function applySplices(text: string, splices: Splice[]): string {
  const ordered = splices.map((s, i) => ({ ...s, i })).sort((a, b) => b.start - a.start || b.i - a.i);
  let out = text;
  for (const s of ordered) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return out;
}

function render(id: string, entry: Record<string, unknown>, indent: number, eol: string, style: Style = DEFAULT_STYLE): string {
  const lib = yamlLib();
  const doc = new lib.Document({ [id]: entry });
  const labels = doc.getIn([id, 'labels'], true);
  if (lib.isSeq(labels)) labels.flow = style.flowLabels;
  const body = doc.toString({ indent: style.indent, indentSeq: style.indentSeq, flowCollectionPadding: style.padding, lineWidth: 0 });
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
  const style = styleOf(text, map);
  // An entry is edited field by field (a flow or an empty one as a whole value, in its own style).
  if (pair && map) {
    const splices: Splice[] = [];
    if (setFields(text, map, [[id, Object.fromEntries(patchFields(patch, format))]], style, eol, splices)) return applySplices(text, splices);
  }
  const current = existing && typeof existing === 'object' && yamlLib().isMap(existing) ? (existing.toJSON() as Record<string, unknown>) : {};
  const entry = mergeEntry(current, patch, format);
  if (pair && map) {
    const [start, end] = pairRange(text, map, pair);
    const indent = start === 0 && format === 'gto' ? 0 : (pair.key as { range: [number] }).range[0] - start;
    return text.slice(0, start) + render(id, entry, indent, eol, style) + text.slice(end);
  }
  if (map && map.items.length > 0 && !map.flow) {
    const last = map.items[map.items.length - 1] as Pair;
    const [start, end] = pairRange(text, map, last);
    const indent = (last.key as { range: [number] }).range[0] - start;
    const before = text.slice(0, end);
    return before + (before.endsWith('\n') ? '' : eol) + render(id, entry, indent, eol, style) + text.slice(end);
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
