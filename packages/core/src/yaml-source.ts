// Safe YAML loading and locating for every annotation file and config: bytes in, a value plus
// diagnostics out, never an exception. Every problem names `file:line:column` as an editor shows
// it, and schema errors (ajv's, from the precompiled validators) become one human line each.
import { closestName } from './closest.js';
import { MAX_YAML_BYTES } from './config-files.js';
import type { ErrorObject } from 'ajv';
import jsyaml from 'js-yaml';
import type { Document, LineCounter, Pair } from 'yaml';
import { yamlLib } from './yaml-lib.js';
import type { Diagnostic, Severity } from './diagnostics.js';

/** How many alias expansions a file may have before it is taken for an alias bomb. */
export const MAX_YAML_ALIASES = 100;

export interface LoadedYaml {
  file: string;
  /** The parsed document, for locating nodes; null when the file is not YAML text at all. */
  doc: Document.Parsed | null;
  lineCounter: LineCounter;
  /** The plain data; undefined when the file cannot be used (see `diagnostics`). */
  value: unknown;
  diagnostics: Diagnostic[];
}

export interface Position {
  line: number;
  column: number;
}

export type YamlPath = (string | number)[];

// ---- Messages (all user-facing text of this module) ----------------------------------------

const NAME_RULE = "letters, digits, '_', '-', '/'; start and end alphanumeric";

/** What a `pattern` means, by the pattern's source; the schemas use these exact strings. */
const PATTERN_MEANING: Record<string, { message: string; code: string }> = {
  '^[A-Za-z0-9]([A-Za-z0-9_/-]*[A-Za-z0-9])?$': { message: `must match the name rule (${NAME_RULE})`, code: 'invalid-name' },
  '^([A-Za-z0-9_./-]+:)?[A-Za-z0-9]([A-Za-z0-9_/-]*[A-Za-z0-9])?$': {
    message: `must match the artifact name rule (an optional 'dir/sub:' prefix, then ${NAME_RULE})`,
    code: 'invalid-name',
  },
  '^(path|type|desc|labels|meta(\\.[A-Za-z0-9_-]+)*)$': {
    message: "must be an annotation field: path, type, desc, labels, meta or meta.KEY (e.g. meta.owner)",
    code: 'invalid-value',
  },
  '^([0-9A-Fa-f]{16}|[0-9A-Fa-f]{40}|SHA256:[A-Za-z0-9+/]{43}=?|[^@\\s]+@[^@\\s]+)$': {
    message: 'must be an OpenPGP key id or fingerprint (16 or 40 hex digits), an SSH key fingerprint (SHA256:…) or an email',
    code: 'invalid-value',
  },
  '^[A-Za-z0-9]([A-Za-z0-9_.-]*[A-Za-z0-9])?$': {
    message: "must be a registry name (letters, digits, '_', '-', '.'; no '/'; start and end alphanumeric)",
    code: 'invalid-name',
  },
  '\\{sha\\}': { message: 'must contain {sha} (where the commit id goes)', code: 'invalid-value' },
  '\\{tag\\}': { message: 'must contain {tag} (where the tag name goes)', code: 'invalid-value' },
};

const FORMAT_MEANING: Record<string, string> = {
  'uri-template': 'a URL template such as https://example.com/commit/{sha}',
  'date-time': 'a date and time such as 2024-01-01T00:15:00+00:00',
  uri: 'a URL',
  email: 'an email address',
};

const TYPE_PHRASE = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  null: 'empty',
} as const;

/** Explicit "did you mean" pairs that edit distance would miss (DVC vs GTO vocabulary). */
const KEY_ALIASES = new Map<string, string[]>([
  ['description', ['desc']],
  ['desc', ['description']],
  ['custom', ['meta']],
  ['meta', ['custom']],
  ['metadata', ['meta', 'custom']],
  ['tags', ['labels']],
  ['promotion', ['rules']],
  ['promotions', ['rules']],
]);

const messages = {
  // Working-tree files are read up to one byte past the limit (a link to /dev/zero must not be read
  // forever), so the size is not always known: say what the limit is.
  tooLarge: () => `the file is larger than ${MAX_YAML_BYTES / 1_000_000} MB, the limit for annotation and config files`,
  binary: 'the file contains a NUL byte: it is binary, not YAML text',
  encoding: 'the file is not valid UTF-8 text',
  duplicateKey: (key: string, first: number | undefined) => `duplicate key '${key}'${first ? ` (first set on line ${first})` : ''}`,
  tabIndent: 'tabs are not allowed as indentation: indent with spaces',
  multipleDocs: "the file holds more than one YAML document ('---'): keep a single document",
  nonStringKey: 'keys must be plain names, not lists or mappings',
  aliasBomb: `aliases expand too much (more than ${MAX_YAML_ALIASES} expansions): this looks like a YAML alias bomb`,
  unresolvedAlias: (name: string) => `alias '*${name}' refers to no anchor '&${name}' defined before it`,
  tooDeep: 'the data is nested too deeply',
  missingKey: (key: string) => `missing required key '${key}'`,
  unknownKey: (key: string, suggestion: string | undefined) => `unknown key '${key}'${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`,
  allowedKeys: (keys: string[]) => {
    const extra = keys.includes('meta') ? 'meta' : keys.includes('custom') ? 'custom' : undefined;
    return `allowed keys: ${keys.join(', ')}${extra ? `; put anything else under '${extra}'` : ''}`;
  },
  mustBe: (expected: string, got: string) => `must be ${expected}, got ${got}`,
  oneOf: (values: unknown[], got: unknown, suggestion: string | undefined) =>
    `must be one of ${values.map((v) => JSON.stringify(v)).join(', ')}, got ${JSON.stringify(got)}${suggestion ? ` (did you mean ${JSON.stringify(suggestion)}?)` : ''}`,
  notEmpty: 'must not be empty',
  pattern: (pattern: string) => `must match the pattern ${pattern}`,
  duplicateItem: (value: unknown, first: number, second: number) =>
    `must not list ${JSON.stringify(value)} twice (items ${first} and ${second})`,
};

// ---- Loading ---------------------------------------------------------------------------------

const at = (lineCounter: LineCounter, offset: number): Position => {
  const { line, col } = lineCounter.linePos(offset);
  return { line: Math.max(line, 1), column: Math.max(col, 1) };
};

/** yaml's message without its position suffix and code excerpt (the diagnostic has the position). */
function firstLine(message: string): string {
  return (message.split('\n')[0] as string).replace(/ at line \d+, column \d+:?$/, '');
}

/** Byte offset of the first invalid UTF-8 sequence, or -1. */
function invalidUtf8At(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i] as number;
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** The line and column (UTF-16 units, as yaml counts them) of a byte offset. */
function bytePosition(bytes: Uint8Array, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  if (line === 1 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) lineStart = 3; // a BOM is not a column
  const prefix = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(Math.min(lineStart, offset), offset));
  return { line, column: prefix.length + 1 };
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function yamlCode(code: string): string {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'yaml-duplicate-key';
    case 'TAB_AS_INDENT':
      return 'yaml-tab-indent';
    case 'RESOURCE_EXHAUSTION':
      return 'yaml-too-deep';
    default:
      return 'yaml-syntax';
  }
}

/** The text of a mapping key as the plain data has it. */
function keyText(key: unknown): string {
  if (yamlLib().isScalar(key)) return key.value === null || key.value === undefined ? '' : String(key.value);
  return String(key ?? '');
}

function nodeStart(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range ? range[0] : undefined;
}

/** The key node that starts at `offset` (yaml reports a duplicate key at the second one). */
function keyAt(doc: Document.Parsed, offset: number): { key: string; first?: number } | undefined {
  let found: { key: string; first?: number } | undefined;
  yamlLib().visit(doc, {
    Map(_, map) {
      const index = map.items.findIndex((p) => nodeStart(p.key) === offset);
      if (index < 0) return undefined;
      const key = keyText(map.items[index]?.key);
      const first = map.items.find((p, i) => i < index && keyText(p.key) === key);
      found = { key, ...(first ? { first: nodeStart(first.key) } : {}) };
      return yamlLib().visit.BREAK;
    },
  });
  return found;
}

function firstAlias(doc: Document.Parsed, unresolvedOnly: boolean): { offset: number; name: string } | undefined {
  let found: { offset: number; name: string } | undefined;
  yamlLib().visit(doc, {
    Alias(_, alias) {
      if (unresolvedOnly && alias.resolve(doc) !== undefined) return undefined;
      found = { offset: nodeStart(alias) ?? 0, name: alias.source };
      return yamlLib().visit.BREAK;
    },
  });
  return found;
}

/**
 * Read YAML text safely: size limit, binary and encoding checks, BOM (positions stay those an
 * editor shows), CRLF, syntax errors, duplicate keys, tabs, non-string keys, alias bombs and
 * excessive nesting all become diagnostics. Never throws.
 */
export function loadYaml(file: string, content: string | Uint8Array): LoadedYaml {
  const problem = (code: string, message: string, position: Position, severity: Severity = 'error'): Diagnostic => ({
    code,
    severity,
    file,
    line: position.line,
    column: position.column,
    message,
  });
  const unusable = (d: Diagnostic): LoadedYaml => ({ file, doc: null, lineCounter: new (yamlLib().LineCounter)(), value: undefined, diagnostics: [d] });
  const start: Position = { line: 1, column: 1 };
  try {
    let text: string;
    if (typeof content === 'string') {
      const bytes = content.length > MAX_YAML_BYTES / 3 ? utf8Length(content) : 0;
      if (bytes > MAX_YAML_BYTES) return unusable(problem('file-too-large', messages.tooLarge(), start));
      text = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
      const nul = text.indexOf('\0');
      if (nul >= 0) {
        const lines = text.slice(0, nul).split('\n');
        return unusable(problem('file-binary', messages.binary, { line: lines.length, column: (lines.at(-1) as string).length + 1 }));
      }
    } else {
      if (content.byteLength > MAX_YAML_BYTES) return unusable(problem('file-too-large', messages.tooLarge(), start));
      const nul = content.indexOf(0);
      if (nul >= 0) return unusable(problem('file-binary', messages.binary, bytePosition(content, nul)));
      const bad = invalidUtf8At(content);
      if (bad >= 0) return unusable(problem('file-encoding', messages.encoding, bytePosition(content, bad)));
      text = new TextDecoder('utf-8').decode(content); // drops a BOM
    }

    const fast = fastLoad(file, text);
    if (fast) return fast;
    const lineCounter = new (yamlLib().LineCounter)();
    const doc = yamlLib().parseDocument(text, documentOptions(lineCounter));
    const diagnostics: Diagnostic[] = [];
    for (const error of doc.errors) {
      const offset = error.pos[0];
      let message = firstLine(error.message);
      if (error.code === 'DUPLICATE_KEY') {
        const dup = keyAt(doc, offset);
        if (dup) message = messages.duplicateKey(dup.key, dup.first === undefined ? undefined : at(lineCounter, dup.first).line);
      } else if (error.code === 'TAB_AS_INDENT') message = messages.tabIndent;
      else if (error.code === 'MULTIPLE_DOCS') message = messages.multipleDocs;
      else if (error.code === 'NON_STRING_KEY') message = messages.nonStringKey;
      else if (error.code === 'RESOURCE_EXHAUSTION') message = messages.tooDeep;
      diagnostics.push(problem(yamlCode(error.code), message, at(lineCounter, offset)));
    }
    for (const warning of doc.warnings) {
      diagnostics.push(problem('yaml-warning', firstLine(warning.message), at(lineCounter, warning.pos[0]), 'warning'));
    }
    if (doc.errors.length > 0) return { file, doc, lineCounter, value: undefined, diagnostics };

    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (/alias count/i.test(message)) {
        const alias = firstAlias(doc, false);
        diagnostics.push(problem('yaml-alias-limit', messages.aliasBomb, alias ? at(lineCounter, alias.offset) : start));
      } else if (/unresolved alias/i.test(message)) {
        const alias = firstAlias(doc, true);
        diagnostics.push(problem('yaml-syntax', messages.unresolvedAlias(alias?.name ?? '?'), alias ? at(lineCounter, alias.offset) : start));
      } else if (e instanceof RangeError) {
        diagnostics.push(problem('yaml-too-deep', messages.tooDeep, start));
      } else {
        diagnostics.push(problem('yaml-syntax', firstLine(message), start));
      }
      return { file, doc, lineCounter, value: undefined, diagnostics };
    }
    return { file, doc, lineCounter, value, diagnostics };
  } catch (e) {
    // Nothing above should throw; if the parser does, the file is still reported, not crashed on.
    return unusable(problem('yaml-syntax', `cannot read the file: ${e instanceof Error ? firstLine(e.message) : String(e)}`, start));
  }
}

const documentOptions = (lineCounter: LineCounter) => ({
  lineCounter,
  uniqueKeys: true,
  stringKeys: true,
  merge: true, // DVC and GTO read YAML with ruamel, which accepts `<<` merge keys
  prettyErrors: false,
  logLevel: 'error' as const, // errors only: no process warnings from the parser
});

// Text that could parse differently between the two parsers, or that needs the careful path's
// limits and messages: anchors, aliases and merge keys (alias bombs), tags, tabs, complex keys.
const NEEDS_CAREFUL_PARSE = /[&*!\t]|<<|^\s*\?/m;

/**
 * The fast path for the common case, a well-formed plain file: js-yaml's core schema reads it an
 * order of magnitude faster than the `yaml` package (a repository may hold a thousand dvc.yaml
 * files). The document with positions is only built when a problem must be located. Anything
 * unusual, and any error, goes to the careful path, which alone produces diagnostics.
 */
function fastLoad(file: string, text: string): LoadedYaml | null {
  if (NEEDS_CAREFUL_PARSE.test(text)) return null;
  let value: unknown;
  try {
    value = jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA, json: false });
  } catch {
    return null;
  }
  let lineCounter: LineCounter | undefined;
  let doc: Document.Parsed | null | undefined;
  return {
    file,
    value: value === undefined ? null : value,
    diagnostics: [],
    get lineCounter() {
      return (lineCounter ??= new (yamlLib().LineCounter)());
    },
    get doc() {
      doc ??= yamlLib().parseDocument(text, documentOptions(this.lineCounter));
      return doc;
    },
  };
}

// ---- Locating --------------------------------------------------------------------------------

/** The pair for `key` in a mapping, looking through `<<` merge keys too. */
function findPair(doc: Document.Parsed, map: unknown, key: string, depth = 0): Pair | undefined {
  if (!yamlLib().isMap(map) || depth > 10) return undefined;
  const own = map.items.find((p) => keyText(p.key) === key);
  if (own) return own;
  for (const pair of map.items) {
    if (keyText(pair.key) !== '<<') continue;
    const sources = yamlLib().isSeq(pair.value) ? pair.value.items : [pair.value];
    for (const source of sources) {
      const found = findPair(doc, yamlLib().isAlias(source) ? source.resolve(doc) : source, key, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

/** Where an editor should put the cursor for a value: the value itself, or its key for a block collection or an empty value. */
function valuePosition(node: unknown, key: unknown): number | undefined {
  const keyStart = key === null || key === undefined ? undefined : nodeStart(key);
  if (yamlLib().isScalar(node)) {
    const empty = node.value === null && (node.source === '' || node.source === undefined);
    return empty && keyStart !== undefined ? keyStart : (nodeStart(node) ?? keyStart);
  }
  if ((yamlLib().isMap(node) || yamlLib().isSeq(node)) && !node.flow && keyStart !== undefined) return keyStart;
  return nodeStart(node) ?? keyStart;
}

/**
 * Where the node at `path` is (1-based line and column). With `key: true`, the key of the last
 * mapping entry rather than its value (an unknown or misnamed key). A path that does not exist
 * falls back to its nearest existing parent.
 */
export function locate(loaded: LoadedYaml, path: YamlPath, opts: { key?: boolean } = {}): Position {
  const doc = loaded.doc;
  if (!doc) return { line: 1, column: 1 };
  let node: unknown = doc.contents;
  let offset = nodeStart(node);
  for (let i = 0; i < path.length; i++) {
    if (yamlLib().isAlias(node)) node = node.resolve(doc);
    const segment = path[i] as string | number;
    let key: unknown = null;
    if (yamlLib().isMap(node)) {
      const pair = findPair(doc, node, String(segment));
      if (!pair) break;
      key = pair.key;
      node = pair.value;
    } else if (yamlLib().isSeq(node)) {
      const index = typeof segment === 'number' ? segment : /^\d+$/.test(segment) ? Number(segment) : -1;
      const item = node.items[index];
      if (item === undefined) break;
      node = item;
    } else break;
    const last = i === path.length - 1;
    offset = (last && opts.key && key ? nodeStart(key) : undefined) ?? valuePosition(node, key) ?? offset;
  }
  return offset === undefined ? { line: 1, column: 1 } : at(loaded.lineCounter, offset);
}

// ---- Schema errors → diagnostics ---------------------------------------------------------------

export interface SchemaDiagnosticOptions {
  /** Where the validated value sits in the document (`['artifacts']` for dvc.yaml). */
  basePath?: YamlPath;
  /** How the field path starts in messages (default: `basePath` rendered). */
  fieldPrefix?: string;
  /** Every diagnostic gets this code instead of the per-kind one (`unknown-key`, `invalid-name`, …). */
  code?: string;
  severity?: Severity;
  /**
   * When the validated value maps artifact IDs to entries: the artifact name for an ID, which
   * fills `artifact` on every diagnostic inside that entry (e.g. `id => artifactNameIn(file, id)`).
   */
  artifactName?: (id: string) => string;
}

/** The candidate a misspelt key most likely meant: an explicit alias, or the closest by edit distance. */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  for (const alias of KEY_ALIASES.get(word.toLowerCase()) ?? []) if (candidates.includes(alias)) return alias;
  return closestName(word, candidates);
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return 'a string';
    case 'number':
      return `the number ${value}`;
    case 'boolean':
      return String(value);
    case 'object':
      return 'a mapping';
    default:
      return typeof value;
  }
}

type SchemaObject = Record<string, unknown>;
const asSchema = (s: unknown): SchemaObject => (s !== null && typeof s === 'object' && !Array.isArray(s) ? (s as SchemaObject) : {});

/** How a schema's expected type reads: "a list of names", "a mapping", "a string or empty"… */
function expected(schema: SchemaObject): string {
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : typeof schema.type === 'string' ? [schema.type] : [];
  const shown = types.length > 1 ? types.filter((t) => t !== 'null') : types;
  const phrases = shown.map((t) => {
    if (t === 'array') {
      const items = asSchema(schema.items);
      const itemPattern = typeof items.pattern === 'string' ? items.pattern : undefined;
      if (itemPattern && PATTERN_MEANING[itemPattern]?.code === 'invalid-name') return 'a list of names';
      if (items.type === 'string') return 'a list of strings';
      return TYPE_PHRASE.array;
    }
    if (t === 'string' && typeof schema.pattern === 'string' && PATTERN_MEANING[schema.pattern]?.code === 'invalid-name') return 'a name';
    return (TYPE_PHRASE as Record<string, string | undefined>)[t] ?? t;
  });
  return phrases.length === 0 ? 'something else' : alternatives(phrases);
}

/** "a", "a or b", "a, b or c" (with "true/false" inside a longer list). */
function alternatives(phrases: string[]): string {
  if (phrases.length <= 2) return phrases.join(' or ');
  const short = phrases.map((p) => (p === TYPE_PHRASE.boolean ? 'true/false' : p));
  return `${short.slice(0, -1).join(', ')} or ${short.at(-1)}`;
}

function segmentsOf(instancePath: string): string[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The data at `segments` below `root`, for telling list indexes from mapping keys. */
function dataAt(root: unknown, segments: readonly (string | number)[]): unknown {
  let value = root;
  for (const segment of segments) {
    if (value === null || typeof value !== 'object') return undefined;
    value = Object.prototype.hasOwnProperty.call(value, segment) ? (value as Record<string, unknown>)[segment as string] : undefined;
  }
  return value;
}

const PLAIN_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_/-]*$/;

function renderField(prefix: string, root: unknown, segments: readonly string[]): string {
  let out = prefix;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as string;
    const container = dataAt(root, segments.slice(0, i));
    if (Array.isArray(container) && /^\d+$/.test(segment)) out += `[${segment}]`;
    else if (PLAIN_SEGMENT.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

interface Draft {
  /** Instance path segments (below basePath) of the field the message is about. */
  segments: string[];
  /** Locate the key of the last segment rather than its value. */
  key: boolean;
  code: string;
  message: string;
  hint?: string;
}

/** One draft per ajv error, or null for errors that only repeat another (e.g. `propertyNames`, `if`). */
function draftFor(error: ErrorObject): Draft | null {
  const segments = segmentsOf(error.instancePath);
  const parent = asSchema(error.parentSchema);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { segments, key: false, code: 'missing-key', message: messages.missingKey(String(params.missingProperty)) };
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const name = String(params.additionalProperty ?? params.unevaluatedProperty);
      const allowed = Object.keys(asSchema(parent.properties));
      return {
        segments: [...segments, name],
        key: true,
        code: 'unknown-key',
        message: messages.unknownKey(name, closestMatch(name, allowed)),
        ...(allowed.length > 0 ? { hint: messages.allowedKeys(allowed) } : {}),
      };
    }
    case 'type':
      return { segments, key: false, code: 'wrong-type', message: messages.mustBe(expected(parent), describe(error.data)) };
    case 'pattern': {
      const pattern = String(params.pattern);
      const meaning = PATTERN_MEANING[pattern];
      return {
        segments,
        key: false,
        code: meaning?.code ?? 'invalid-value',
        message: `${meaning?.message ?? messages.pattern(pattern)}, got ${JSON.stringify(error.data)}`,
      };
    }
    case 'format': {
      const format = String(params.format);
      return { segments, key: false, code: 'invalid-value', message: messages.mustBe(FORMAT_MEANING[format] ?? `in the ${format} format`, JSON.stringify(error.data)) };
    }
    case 'enum': {
      const values = (params.allowedValues as unknown[]) ?? [];
      const strings = values.filter((v): v is string => typeof v === 'string');
      const suggestion = typeof error.data === 'string' ? closestMatch(error.data, strings) : undefined;
      return { segments, key: false, code: 'invalid-value', message: messages.oneOf(values, error.data, suggestion) };
    }
    case 'const':
      return { segments, key: false, code: 'invalid-value', message: messages.mustBe(JSON.stringify(params.allowedValue), JSON.stringify(error.data)) };
    case 'minLength':
      return { segments, key: false, code: 'invalid-value', message: params.limit === 1 ? messages.notEmpty : `must be at least ${params.limit} characters long` };
    case 'minItems':
      return { segments, key: false, code: 'invalid-value', message: params.limit === 1 ? messages.notEmpty : `must list at least ${params.limit} items` };
    case 'uniqueItems':
      return {
        segments: [...segments, String(params.i)],
        key: false,
        code: 'invalid-value',
        message: messages.duplicateItem(Array.isArray(error.data) ? error.data[params.i as number] : undefined, params.j as number, params.i as number),
      };
    case 'if':
    case 'propertyNames':
      return null;
    default:
      return { segments, key: false, code: 'invalid-value', message: error.message ?? `fails the ${error.keyword} rule` };
  }
}

const isPrefix = (prefix: string, path: string) => path === prefix || path.startsWith(`${prefix}/`);

/**
 * ajv reports, with `allErrors`, every failed branch of an `anyOf`/`oneOf` and then the
 * combinator itself; `propertyNames` failures come as the inner error plus a wrapper. Keep one
 * error per real problem: the branch that got furthest into the data (its errors are deeper than
 * the combinator), or else a single "must be X or Y" for the combinator.
 */
function collapse(errors: readonly ErrorObject[]): Array<ErrorObject | Draft> {
  const out: Array<ErrorObject | Draft> = [];
  const pending = [...errors];
  for (let index = 0; index < pending.length; index++) {
    const error = pending[index] as ErrorObject;
    if (error.keyword === 'propertyNames') {
      // The inner errors (on the key itself) come right before, at the same instancePath.
      const name = String((error.params as { propertyName?: unknown }).propertyName);
      let inner: ErrorObject | undefined;
      while (out.length > 0) {
        const prev = out[out.length - 1] as ErrorObject;
        if (!('keyword' in prev) || prev.instancePath !== error.instancePath || prev.data !== name) break;
        inner = out.pop() as ErrorObject;
      }
      const draft = inner ? draftFor(inner) : null;
      out.push({
        segments: [...segmentsOf(error.instancePath), name],
        key: true,
        code: draft?.code ?? 'invalid-name',
        message: draft?.message ?? `invalid key ${JSON.stringify(name)}`,
      });
      continue;
    }
    if (error.keyword !== 'anyOf' && error.keyword !== 'oneOf') {
      out.push(error);
      continue;
    }
    // Branch errors: the contiguous run just before, at or below the combinator's instancePath.
    const branch: ErrorObject[] = [];
    while (out.length > 0) {
      const prev = out[out.length - 1] as ErrorObject;
      if (!('keyword' in prev) || !isPrefix(error.instancePath, prev.instancePath)) break;
      branch.unshift(out.pop() as ErrorObject);
    }
    const deeper = branch.filter((e) => e.instancePath !== error.instancePath);
    if (deeper.length > 0) {
      out.push(...deeper);
      continue;
    }
    const typeErrors = branch.filter((e) => e.keyword === 'type');
    const others = branch.filter((e) => e.keyword !== 'type');
    if (others.length > 0) {
      out.push(...others);
      continue;
    }
    if (typeErrors.length > 0) {
      const phrases = [...new Set(typeErrors.map((e) => expected(asSchema(e.parentSchema))))];
      out.push({
        segments: segmentsOf(error.instancePath),
        key: false,
        code: 'wrong-type',
        message: messages.mustBe(alternatives(phrases), describe(error.data)),
      });
      continue;
    }
    out.push(error);
  }
  return out;
}

/**
 * Turn ajv errors from a precompiled validator into diagnostics that name `file:line:column`,
 * the field (`artifacts.churn.labels[1]`), the artifact, and what was expected. One diagnostic
 * per real problem, in file order.
 */
export function schemaDiagnostics(loaded: LoadedYaml, errors: readonly ErrorObject[], opts: SchemaDiagnosticOptions = {}): Diagnostic[] {
  const basePath = opts.basePath ?? [];
  const root = dataAt(loaded.value, basePath);
  const prefix = opts.fieldPrefix ?? renderField('', loaded.value, basePath.map(String));
  const seen = new Set<string>();
  const out: Array<Diagnostic & { order: number }> = [];
  for (const item of collapse(errors)) {
    const draft = 'keyword' in item ? draftFor(item) : item;
    if (!draft) continue;
    const field = renderField(prefix, root, draft.segments);
    const identity = `${field}\0${draft.message}`;
    if (seen.has(identity)) continue;
    seen.add(identity);
    const position = locate(loaded, [...basePath, ...draft.segments], { key: draft.key });
    const id = draft.segments[0];
    out.push({
      code: opts.code ?? draft.code,
      severity: opts.severity ?? 'error',
      file: loaded.file,
      line: position.line,
      column: position.column,
      ...(opts.artifactName && id !== undefined ? { artifact: opts.artifactName(id) } : {}),
      ...(field !== '' ? { field } : {}),
      message: draft.message,
      ...(draft.hint !== undefined ? { hint: draft.hint } : {}),
      order: out.length,
    });
  }
  out.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || a.order - b.order);
  return out.map(({ order: _order, ...d }) => d);
}
