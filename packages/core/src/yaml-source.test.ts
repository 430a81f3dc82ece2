import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from './diagnostics.js';
import { validateDvcArtifacts, validateGtoArtifacts, validateModelCard, validateShowOutput } from './generated/validators.js';
import { MAX_YAML_BYTES } from './config-files.js';
import { closestMatch, loadYaml, locate, schemaDiagnostics, type LoadedYaml } from './yaml-source.js';

const lines = (...l: string[]) => l.join('\n') + '\n';
const bytes = (text: string) => new TextEncoder().encode(text);
const shown = (loaded: LoadedYaml) => loaded.diagnostics.map((d) => `${d.code} ${formatDiagnostic(d)}`);

/** A dvc.yaml's `artifacts:` validated as the annotation reader does it. */
function dvc(text: string | Uint8Array, file = 'dvc.yaml') {
  const loaded = loadYaml(file, text);
  if (loaded.value === undefined) return loaded.diagnostics.map(formatDiagnostic);
  const artifacts = (loaded.value as { artifacts?: unknown }).artifacts;
  if (validateDvcArtifacts(artifacts)) return [];
  return schemaDiagnostics(loaded, validateDvcArtifacts.errors ?? [], { basePath: ['artifacts'], fieldPrefix: 'artifacts' }).map(formatDiagnostic);
}

function gto(text: string) {
  const loaded = loadYaml('artifacts.yaml', text);
  if (loaded.value === undefined) return loaded.diagnostics.map(formatDiagnostic);
  if (validateGtoArtifacts(loaded.value)) return [];
  return schemaDiagnostics(loaded, validateGtoArtifacts.errors ?? []).map(formatDiagnostic);
}

const NAME_RULE = "must match the name rule (letters, digits, '_', '-', '/'; start and end alphanumeric)";

describe('loadYaml: good input', () => {
  it('returns the plain data and no diagnostics', () => {
    const loaded = loadYaml('dvc.yaml', lines('artifacts:', '  churn:', '    path: models/churn.pkl', '    labels: [a, b]'));
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.value).toEqual({ artifacts: { churn: { path: 'models/churn.pkl', labels: ['a', 'b'] } } });
    expect(loaded.doc).not.toBeNull();
  });

  it('an empty file or a comment is null', () => {
    expect(loadYaml('dvc.yaml', '').value).toBeNull();
    expect(loadYaml('dvc.yaml', '# nothing\n').value).toBeNull();
  });

  it('reads YAML 1.2: yes/no stay strings, dates stay strings, keys are strings', () => {
    expect(loadYaml('x.yaml', 'a: yes\nb: 2024-01-01\n1: one\ntrue: t\n').value).toEqual({ a: 'yes', b: '2024-01-01', '1': 'one', true: 't' });
  });

  it('accepts `<<` merge keys as DVC and GTO (ruamel) do', () => {
    const loaded = loadYaml('dvc.yaml', lines('base: &base', '  type: model', 'artifacts:', '  churn:', '    <<: *base', '    path: m.pkl'));
    expect(loaded.value).toEqual({ base: { type: 'model' }, artifacts: { churn: { type: 'model', path: 'm.pkl' } } });
    expect(locate(loaded, ['artifacts', 'churn', 'type'])).toEqual({ line: 2, column: 9 });
  });

  it('never lets a key reach the prototype', () => {
    const loaded = loadYaml('x.yaml', '__proto__: {polluted: true}\n');
    expect(Object.getPrototypeOf(loaded.value)).toBe(Object.prototype);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    expect(Object.keys(loaded.value as object)).toEqual(['__proto__']);
  });
});

describe('loadYaml: every ugly input is a diagnostic at its exact line and column', () => {
  it('broken YAML: an unclosed flow sequence', () => {
    const loaded = loadYaml('dvc.yaml', lines('artifacts:', '  churn:', '    path: m.pkl', '    labels: [a, b'));
    expect(loaded.value).toBeUndefined();
    expect(shown(loaded)[0]).toBe('yaml-syntax dvc.yaml:5:1: Flow sequence in block collection must be sufficiently indented and end with a ]');
  });

  it('broken YAML: an unterminated quote, a compact nested mapping', () => {
    expect(shown(loadYaml('dvc.yaml', 'artifacts:\n  churn:\n    desc: "never closed\n'))).toEqual(['yaml-syntax dvc.yaml:4:1: Missing closing "quote']);
    expect(shown(loadYaml('dvc.yaml', 'a: b: c\n'))).toEqual(['yaml-syntax dvc.yaml:1:4: Nested mappings are not allowed in compact mappings']);
  });

  it('duplicate keys, naming the second one and where the first is', () => {
    const loaded = loadYaml('dvc.yaml', lines('artifacts:', '  churn:', '    path: a.pkl', '    type: model', '    path: b.pkl'));
    expect(loaded.value).toBeUndefined();
    expect(shown(loaded)).toEqual(["yaml-duplicate-key dvc.yaml:5:5: duplicate key 'path' (first set on line 3)"]);
  });

  it('duplicate keys once written differently ("1" and 1)', () => {
    expect(shown(loadYaml('x.yaml', '1: a\n"1": b\n'))).toEqual(["yaml-duplicate-key x.yaml:2:1: duplicate key '1' (first set on line 1)"]);
  });

  it('tabs used for indentation', () => {
    expect(shown(loadYaml('dvc.yaml', 'artifacts:\n  churn:\n\tpath: m.pkl\n'))).toEqual([
      'yaml-tab-indent dvc.yaml:3:1: tabs are not allowed as indentation: indent with spaces',
    ]);
  });

  it('a tab after a key is only white space', () => {
    expect(loadYaml('x.yaml', 'a:\tb\n')).toMatchObject({ value: { a: 'b' }, diagnostics: [] });
  });

  it('CRLF line endings are accepted, and positions are still right', () => {
    const text = 'artifacts:\r\n  churn:\r\n    path: m.pkl\r\n    labels: [ok, ""]\r\n';
    expect(loadYaml('dvc.yaml', text).value).toEqual({ artifacts: { churn: { path: 'm.pkl', labels: ['ok', ''] } } });
    expect(dvc(text)).toEqual(['dvc.yaml:4:18 artifacts.churn.labels[1]: must not be empty']);
    expect(shown(loadYaml('dvc.yaml', 'a: 1\r\nb: [x,\r\na: 2\r\n'))[0]).toMatch(/^yaml-syntax dvc\.yaml:3:1: /);
  });

  it('a UTF-8 BOM is ignored and columns on line 1 stay those an editor shows (text and bytes)', () => {
    for (const content of ['\uFEFFartifacts: 3\n', bytes('\uFEFFartifacts: 3\n')]) {
      const loaded = loadYaml('dvc.yaml', content);
      expect(loaded.value).toEqual({ artifacts: 3 });
      expect(locate(loaded, ['artifacts'])).toEqual({ line: 1, column: 12 });
      expect(dvc(content)).toEqual(['dvc.yaml:1:12 artifacts: must be a mapping, got the number 3']);
    }
    expect(shown(loadYaml('dvc.yaml', '\uFEFFa: [1\n'))).toEqual([
      'yaml-syntax dvc.yaml:2:1: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
  });

  it('an alias bomb (billion laughs) is bounded, fast, and located at the first alias', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) {
      const [prev, name] = [String.fromCharCode(96 + i), String.fromCharCode(97 + i)];
      levels.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(', ')}]`);
    }
    const started = Date.now();
    const loaded = loadYaml('dvc.yaml', lines(...levels));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(loaded.value).toBeUndefined();
    expect(shown(loaded)).toEqual([
      'yaml-alias-limit dvc.yaml:2:8: aliases expand too much (more than 100 expansions): this looks like a YAML alias bomb',
    ]);
  });

  it('a few ordinary aliases are fine', () => {
    expect(loadYaml('x.yaml', 'a: &l [x, y]\nb: *l\nc: *l\n').value).toEqual({ a: ['x', 'y'], b: ['x', 'y'], c: ['x', 'y'] });
  });

  it('an alias to no anchor', () => {
    expect(shown(loadYaml('dvc.yaml', 'artifacts:\n  churn: *base\n'))).toEqual([
      "yaml-syntax dvc.yaml:2:10: alias '*base' refers to no anchor '&base' defined before it",
    ]);
  });

  it('files over the size limit, as text or bytes', () => {
    const big = `# ${'x'.repeat(MAX_YAML_BYTES)}\n`;
    for (const content of [big, bytes(big)]) {
      const loaded = loadYaml('dvc.yaml', content);
      expect(loaded).toMatchObject({ doc: null, value: undefined });
      expect(shown(loaded)).toEqual(['file-too-large dvc.yaml:1:1: the file is larger than 1 MB, the limit for annotation and config files']);
    }
    // multi-byte text is measured in bytes, as on disk
    expect(shown(loadYaml('x.yaml', 'é'.repeat(MAX_YAML_BYTES / 2 + 1)))[0]).toMatch(/^file-too-large /);
    expect(loadYaml('x.yaml', `a: ${'x'.repeat(MAX_YAML_BYTES - 10)}\n`).diagnostics).toEqual([]);
  });

  it('binary files: a NUL byte, at its position', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]);
    expect(shown(loadYaml('dvc.yaml', png))).toEqual(['file-binary dvc.yaml:3:1: the file contains a NUL byte: it is binary, not YAML text']);
    expect(shown(loadYaml('dvc.yaml', bytes('artifacts:\n  churn:\n    path: a\0b\n')))).toEqual([
      'file-binary dvc.yaml:3:12: the file contains a NUL byte: it is binary, not YAML text',
    ]);
    expect(shown(loadYaml('dvc.yaml', 'a: 1\nb: é\0\n'))).toEqual(['file-binary dvc.yaml:2:5: the file contains a NUL byte: it is binary, not YAML text']);
  });

  it('invalid UTF-8 (e.g. a Latin-1 file), at its position', () => {
    const latin1 = new Uint8Array([...bytes('artifacts:\n  churn:\n    desc: caf'), 0xe9, 0x0a]);
    expect(shown(loadYaml('dvc.yaml', latin1))).toEqual(['file-encoding dvc.yaml:3:14: the file is not valid UTF-8 text']);
    for (const bad of [[0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82]]) {
      expect(shown(loadYaml('x.yaml', new Uint8Array([0x61, 0x3a, 0x20, ...bad])))).toEqual(['file-encoding x.yaml:1:4: the file is not valid UTF-8 text']);
    }
    expect(loadYaml('x.yaml', bytes('a: "é €😀"\n')).value).toEqual({ a: 'é €😀' });
  });

  it('several documents in one file', () => {
    expect(shown(loadYaml('dvc.yaml', 'artifacts: {}\n---\nartifacts: {}\n'))).toEqual([
      "yaml-syntax dvc.yaml:2:1: the file holds more than one YAML document ('---'): keep a single document",
    ]);
  });

  it('keys that are lists or mappings', () => {
    expect(shown(loadYaml('dvc.yaml', 'artifacts:\n  ? [a, b]\n  : {path: x}\n'))).toEqual([
      'yaml-syntax dvc.yaml:2:5: keys must be plain names, not lists or mappings',
    ]);
  });

  it('nesting too deep for the parser', () => {
    const loaded = loadYaml('dvc.yaml', `a: ${'['.repeat(5000)}${']'.repeat(5000)}\n`);
    expect(loaded.value).toBeUndefined();
    expect(loaded.diagnostics[0]).toMatchObject({ code: 'yaml-too-deep', file: 'dvc.yaml', line: 1, message: 'the data is nested too deeply' });
  });

  it('an unknown tag is a warning, and the value is still read', () => {
    const loaded = loadYaml('x.yaml', 'a: !custom 1\n');
    expect(loaded.value).toEqual({ a: '1' });
    expect(shown(loaded)).toEqual(['yaml-warning x.yaml:1:4: Unresolved tag: !custom']);
    expect(loaded.diagnostics[0]?.severity).toBe('warning');
  });

  it('never throws, whatever the bytes', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = ['a', ':', ' ', '\n', '-', '[', ']', '{', '}', '&a', '*a', '"', "'", '?', '|', '>', '#', '!', '\t', ',', '<<', '%'];
    for (let n = 0; n < 300; n++) {
      const text = Array.from({ length: 40 }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      const loaded = loadYaml('x.yaml', text);
      for (const d of loaded.diagnostics) expect(d.line).toBeGreaterThanOrEqual(1);
    }
  });
});

describe('locate', () => {
  const loaded = loadYaml(
    'dvc.yaml',
    lines('stages:', '  train:', '    cmd: python train.py', 'artifacts:', '  churn:', '    path: models/churn.pkl', '    labels: [a, b]', '    meta:', '      owner:', '  empty:'),
  );

  it('points at scalar values, flow collections and list items', () => {
    expect(locate(loaded, ['artifacts', 'churn', 'path'])).toEqual({ line: 6, column: 11 });
    expect(locate(loaded, ['artifacts', 'churn', 'labels'])).toEqual({ line: 7, column: 13 });
    expect(locate(loaded, ['artifacts', 'churn', 'labels', 1])).toEqual({ line: 7, column: 17 });
    expect(locate(loaded, ['artifacts', 'churn', 'labels', '1'])).toEqual({ line: 7, column: 17 });
  });

  it('points at the key of a block mapping or an empty value', () => {
    expect(locate(loaded, ['artifacts', 'churn'])).toEqual({ line: 5, column: 3 });
    expect(locate(loaded, ['artifacts', 'churn', 'meta'])).toEqual({ line: 8, column: 5 });
    expect(locate(loaded, ['artifacts', 'churn', 'meta', 'owner'])).toEqual({ line: 9, column: 7 });
    expect(locate(loaded, ['artifacts', 'empty'])).toEqual({ line: 10, column: 3 });
  });

  it('with key: true, points at the key', () => {
    expect(locate(loaded, ['artifacts', 'churn', 'path'], { key: true })).toEqual({ line: 6, column: 5 });
  });

  it('falls back to the nearest existing parent', () => {
    expect(locate(loaded, ['artifacts', 'churn', 'type'])).toEqual({ line: 5, column: 3 });
    expect(locate(loaded, ['artifacts', 'churn', 'labels', 5])).toEqual({ line: 7, column: 13 });
    expect(locate(loaded, ['artifacts', 'nope', 'path'])).toEqual({ line: 4, column: 1 });
    expect(locate(loaded, ['nope'])).toEqual({ line: 1, column: 1 });
    expect(locate(loaded, [])).toEqual({ line: 1, column: 1 });
  });

  it('a file that is not YAML at all is located at 1:1', () => {
    expect(locate(loadYaml('x', new Uint8Array([0])), ['a'])).toEqual({ line: 1, column: 1 });
  });
});

describe('schemaDiagnostics: one human line per real problem', () => {
  it("a label against GTO's name rule at its line and column; dvc.yaml takes any label, as DVC does", () => {
    const text = lines('churn:', '  path: models/churn.pkl', '  type: model', '  labels:', '    - ok', '    - -bad');
    expect(gto(text)).toEqual([`artifacts.yaml:6:7 churn.labels[1]: ${NAME_RULE}, got "-bad"`]);
    expect(dvc(lines('artifacts:', '  churn:', '    path: m.pkl', '    labels: [-bad, Major version]'))).toEqual([]);
  });

  it('fills file, line, column, field, artifact and a stable code', () => {
    const loaded = loadYaml('models/dvc.yaml', lines('artifacts:', '  churn:', '    path: m.pkl', '    labels: [ok, ""]'));
    validateDvcArtifacts((loaded.value as { artifacts: unknown }).artifacts);
    const [d] = schemaDiagnostics(loaded, validateDvcArtifacts.errors ?? [], {
      basePath: ['artifacts'],
      fieldPrefix: 'artifacts',
      artifactName: (id) => `models:${id}`,
    });
    expect(d).toEqual({
      code: 'invalid-value',
      severity: 'error',
      file: 'models/dvc.yaml',
      line: 4,
      column: 18,
      artifact: 'models:churn',
      field: 'artifacts.churn.labels[1]',
      message: 'must not be empty',
    });
  });

  it('unknown keys: "did you mean" for DVC/GTO vocabulary and typos, at the key', () => {
    expect(dvc(lines('artifacts:', '  churn:', '    path: m.pkl', '    description: Churn', '    custom: {a: 1}', '    lables: [x]', '    virtual: false'))).toEqual([
      "dvc.yaml:4:5 artifacts.churn.description: unknown key 'description' (did you mean 'desc'?)",
      "dvc.yaml:5:5 artifacts.churn.custom: unknown key 'custom' (did you mean 'meta'?)",
      "dvc.yaml:6:5 artifacts.churn.lables: unknown key 'lables' (did you mean 'labels'?)",
      "dvc.yaml:7:5 artifacts.churn.virtual: unknown key 'virtual'",
    ]);
    expect(gto(lines('churn:', '  path: m.pkl', '  desc: Churn', '  meta: {}', '  Type: model'))).toEqual([
      "artifacts.yaml:3:3 churn.desc: unknown key 'desc' (did you mean 'description'?)",
      "artifacts.yaml:4:3 churn.meta: unknown key 'meta' (did you mean 'custom'?)",
      "artifacts.yaml:5:3 churn.Type: unknown key 'Type' (did you mean 'type'?)",
    ]);
  });

  it('unknown keys carry the allowed keys as a hint', () => {
    const loaded = loadYaml('dvc.yaml', 'artifacts:\n  churn: {path: x, owner: me}\n');
    validateDvcArtifacts((loaded.value as { artifacts: unknown }).artifacts);
    const [d] = schemaDiagnostics(loaded, validateDvcArtifacts.errors ?? [], { basePath: ['artifacts'] });
    expect(d).toMatchObject({ code: 'unknown-key', line: 2, column: 20, hint: "allowed keys: path, type, desc, labels, meta; put anything else under 'meta'" });
  });

  it('missing required key, at the artifact', () => {
    expect(dvc(lines('stages: {}', 'artifacts:', '  churn:', '    type: model'))).toEqual(["dvc.yaml:3:3 artifacts.churn: missing required key 'path'"]);
    expect(dvc(lines('artifacts:', '  churn: {type: model}'))).toEqual(["dvc.yaml:2:10 artifacts.churn: missing required key 'path'"]);
  });

  it('names with spaces and other bad artifact IDs, at the key', () => {
    expect(dvc(lines('artifacts:', '  my model:', '    path: m.pkl', '  -churn:', '    path: c.pkl', '  dir:churn: {path: d.pkl}'))).toEqual([
      `dvc.yaml:2:3 artifacts["my model"]: ${NAME_RULE}, got "my model"`,
      `dvc.yaml:4:3 artifacts["-churn"]: ${NAME_RULE}, got "-churn"`,
      `dvc.yaml:6:3 artifacts["dir:churn"]: ${NAME_RULE}, got "dir:churn"`,
    ]);
    expect(gto(lines('path/to:clf: {type: model}', 'a:b:c: {}'))).toEqual([
      `artifacts.yaml:2:1 ["a:b:c"]: must match the artifact name rule (an optional 'dir/sub:' prefix, then letters, digits, '_', '-', '/'; start and end alphanumeric), got "a:b:c"`,
    ]);
  });

  it('wrong types say what was expected and what was found', () => {
    expect(dvc(lines('artifacts:', '  churn:', '    path: [a, b]', '    labels: resnet', '    desc: 42', '  other: models/x.pkl'))).toEqual([
      'dvc.yaml:3:11 artifacts.churn.path: must be a string, got a list',
      'dvc.yaml:4:13 artifacts.churn.labels: must be a list of strings, got a string',
      'dvc.yaml:5:11 artifacts.churn.desc: must be a string, got the number 42',
      'dvc.yaml:6:10 artifacts.other: must be a mapping, got a string',
    ]);
    expect(dvc('artifacts: [churn]\n')).toEqual(['dvc.yaml:1:12 artifacts: must be a mapping, got a list']);
    expect(gto(lines('churn:', '  virtual: "no"', '  path: ""'))).toEqual([
      'artifacts.yaml:2:12 churn.virtual: must be true or false, got a string',
      'artifacts.yaml:3:9 churn.path: must not be empty',
    ]);
  });

  it('a model-card field of the wrong shape is one line saying what was expected', () => {
    const text = lines('artifacts:', '  churn:', '    path: m.pkl', '    meta:', '      owner: 3', '      metrics: {accuracy: [0.9]}', '      datasets: [a, {version: 2}]', '      team: anything');
    const loaded = loadYaml('dvc.yaml', text);
    expect(dvc(text)).toEqual([]);
    expect(validateModelCard((loaded.value as { artifacts: { churn: { meta: unknown } } }).artifacts.churn.meta)).toBe(false);
    const basePath = ['artifacts', 'churn', 'meta'];
    expect(schemaDiagnostics(loaded, validateModelCard.errors ?? [], { basePath, fieldPrefix: 'artifacts.churn.meta' }).map(formatDiagnostic)).toEqual([
      'dvc.yaml:5:14 artifacts.churn.meta.owner: must be a string or a mapping, got the number 3',
      'dvc.yaml:6:27 artifacts.churn.meta.metrics.accuracy: must be a number, a string or true/false, got a list',
      "dvc.yaml:7:21 artifacts.churn.meta.datasets[1]: missing required key 'name'",
    ]);
    expect(dvc(lines('artifacts:', '  churn: {path: m.pkl, meta: free text}'))).toEqual([]);
  });

  it('anyOf with no branch getting further: one "must be X or Y" line', () => {
    validateShowOutput('nope');
    const loaded = loadYaml('show.json', '"nope"\n');
    expect(schemaDiagnostics(loaded, validateShowOutput.errors ?? []).map(formatDiagnostic)).toEqual(['show.json:1:1: must be a mapping or a list, got a string']);
  });

  it('repeats nothing: identical problems are reported once', () => {
    const loaded = loadYaml('dvc.yaml', 'artifacts:\n  churn: {path: m.pkl, labels: [""]}\n');
    validateDvcArtifacts((loaded.value as { artifacts: unknown }).artifacts);
    const errors = validateDvcArtifacts.errors ?? [];
    expect(schemaDiagnostics(loaded, [...errors, ...errors], { basePath: ['artifacts'] })).toHaveLength(1);
  });

  it('code and severity can be set by the caller', () => {
    const loaded = loadYaml('dvc.yaml', 'artifacts:\n  churn: {}\n');
    validateDvcArtifacts((loaded.value as { artifacts: unknown }).artifacts);
    expect(schemaDiagnostics(loaded, validateDvcArtifacts.errors ?? [], { basePath: ['artifacts'], code: 'x', severity: 'warning' })[0]).toMatchObject({
      code: 'x',
      severity: 'warning',
      field: 'artifacts.churn',
    });
  });
});

describe('closestMatch', () => {
  it.each([
    ['description', ['path', 'type', 'desc', 'labels', 'meta'], 'desc'],
    ['desc', ['type', 'path', 'virtual', 'labels', 'description', 'custom'], 'description'],
    ['custom', ['path', 'desc', 'meta'], 'meta'],
    ['meta', ['description', 'custom'], 'custom'],
    ['metadata', ['path', 'meta'], 'meta'],
    ['tags', ['labels', 'type'], 'labels'],
    ['lables', ['labels', 'type'], 'labels'],
    ['Path', ['path'], 'path'],
    ['stagse', ['types', 'stages'], 'stages'],
    ['promotion', ['types', 'stages', 'rules'], 'rules'],
    ['owner', ['path', 'type', 'desc', 'labels', 'meta'], undefined],
    ['a', ['b'], undefined],
    ['__proto__', ['path'], undefined],
    ['constructor', ['path'], undefined],
  ])('%s among %j → %s', (word, candidates, expected) => {
    expect(closestMatch(word, candidates)).toBe(expected);
  });
});

describe('formatDiagnostic', () => {
  it('prefixes the location only when it is known', () => {
    expect(formatDiagnostic({ code: 'x', severity: 'error', file: 'dvc.yaml', line: 7, column: 11, field: 'artifacts.churn.labels[1]', message: 'bad' })).toBe(
      'dvc.yaml:7:11 artifacts.churn.labels[1]: bad',
    );
    expect(formatDiagnostic({ code: 'x', severity: 'error', file: 'dvc.yaml', line: 2, column: 3, message: 'bad' })).toBe('dvc.yaml:2:3: bad');
    expect(formatDiagnostic({ code: 'x', severity: 'error', file: 'dvc.yaml', message: 'bad' })).toBe('dvc.yaml: bad');
    expect(formatDiagnostic({ code: 'x', severity: 'error', ref: 'model@v1.0.0', message: "'model@v1.0.0' is lightweight" })).toBe("'model@v1.0.0' is lightweight");
  });
});
