// The schemas in schemas/ are tested themselves: their documentation is complete, every example
// validates, bad documents fail where expected, real DVC/GTO files validate unchanged, and the
// name patterns agree with names.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAjv, readSchemas, SCHEMAS, type LoadedSchema } from '../scripts/generate-validators.mjs';
import * as validators from './generated/validators.js';
import { isValidArtifactName, isValidShortName } from './names.js';
import { loadYaml, schemaDiagnostics } from './yaml-source.js';

const schemas: LoadedSchema[] = await readSchemas();
const byFile = (file: string) => schemas.find((s) => s.file === file) as LoadedSchema;
const validatorFor = (file: string) => validators[byFile(file).validator as keyof typeof validators] as validators.Validator<unknown>;

type Json = Record<string, unknown>;
const SUBSCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'dependentSchemas'];
const SUBSCHEMAS = ['additionalProperties', 'items', 'contains', 'propertyNames', 'not', 'if', 'then', 'else'];

/** Every subschema with its JSON pointer. */
function* walk(schema: unknown, pointer = ''): Generator<{ pointer: string; schema: Json; parentKeyword?: string }> {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return;
  const node = schema as Json;
  yield { pointer, schema: node };
  for (const [key, value] of Object.entries(node)) {
    if (SUBSCHEMA_MAPS.includes(key) && value && typeof value === 'object') {
      for (const [name, sub] of Object.entries(value as Json)) {
        for (const item of walk(sub, `${pointer}/${key}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`)) {
          yield item.pointer === `${pointer}/${key}/${name}` ? { ...item, parentKeyword: key } : item;
        }
      }
    } else if (SUBSCHEMAS.includes(key)) yield* walk(value, `${pointer}/${key}`);
    else if (['anyOf', 'allOf', 'oneOf', 'prefixItems'].includes(key) && Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) yield* walk(value[i], `${pointer}/${key}/${i}`);
    }
  }
}

describe('schemas/ documentation', () => {
  it('compiles exactly the schemas in schemas/ that are ours (changelog.schema.json belongs to @modelreg/changelog)', () => {
    expect(SCHEMAS.map((s) => s.file).sort()).toEqual([
      'check-report.schema.json',
      'dvc-artifacts.schema.json',
      'gto-artifacts.schema.json',
      'history.schema.json',
      'model-card.schema.json',
      'modelreg-config.schema.json',
      'show.schema.json',
    ]);
  });

  it.each(SCHEMAS.map((s) => s.file))('%s has $schema 2020-12, its $id, a title, a description and examples', (file) => {
    const { schema } = byFile(file);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe(`https://modelreg.dev/schemas/${file}`);
    expect(typeof schema.title).toBe('string');
    expect(String(schema.description).length).toBeGreaterThan(20);
    expect(Array.isArray(schema.examples) && schema.examples.length > 0).toBe(true);
  });

  it.each(SCHEMAS.map((s) => s.file))('%s: every property and every definition has a description', (file) => {
    const missing = [...walk(byFile(file).schema)]
      .filter((s) => s.parentKeyword === 'properties' || s.parentKeyword === '$defs')
      .filter((s) => typeof s.schema.description !== 'string' || s.schema.description.length === 0)
      .map((s) => s.pointer);
    expect(missing).toEqual([]);
  });
});

describe('examples', () => {
  it.each(SCHEMAS.map((s) => s.file))('every root example of %s validates with the precompiled validator', (file) => {
    const validate = validatorFor(file);
    for (const example of byFile(file).schema.examples as unknown[]) {
      const ok = validate(example);
      expect(ok ? [] : validate.errors, JSON.stringify(example).slice(0, 200)).toEqual([]);
    }
  });

  it.each(SCHEMAS.map((s) => s.file))('every nested example of %s validates against its own subschema', (file) => {
    const ajv = createAjv(schemas);
    const { schema } = byFile(file);
    let count = 0;
    for (const { pointer, schema: sub } of walk(schema)) {
      if (pointer === '' || !Array.isArray(sub.examples)) continue;
      const validate = ajv.compile({ $ref: `${schema.$id}#${pointer}` });
      for (const example of sub.examples) {
        count++;
        expect(validate(example) ? [] : validate.errors, `${file}#${pointer}: ${JSON.stringify(example)}`).toEqual([]);
      }
    }
    expect(count).toBeGreaterThan(0);
  });
});

describe('bad documents fail where expected', () => {
  const entry = { path: 'models/churn.pkl' };
  const showVersion = (byFile('show.schema.json').schema.examples as unknown[][])[1]?.[0] as Json;
  const historyEvent = (byFile('history.schema.json').schema.examples as unknown[][])[0]?.[0] as Json;
  const { discovered: _discovered, ...versionWithoutDiscovered } = showVersion;
  const problem = { severity: 'error', code: 'unknown-key', message: 'x' };
  it.each<[string, unknown, string, string]>([
    ['dvc-artifacts.schema.json', { churn: { type: 'model' } }, '/churn', 'required'],
    ['dvc-artifacts.schema.json', { churn: { ...entry, description: 'GTO vocabulary' } }, '/churn', 'additionalProperties'],
    ['dvc-artifacts.schema.json', { churn: { ...entry, labels: 'resnet' } }, '/churn/labels', 'type'],
    ['dvc-artifacts.schema.json', { churn: { ...entry, labels: ['ok', ''] } }, '/churn/labels/1', 'minLength'],
    ['dvc-artifacts.schema.json', { 'my model': entry }, '', 'propertyNames'],
    ['dvc-artifacts.schema.json', { 'dir:churn': entry }, '', 'propertyNames'],
    ['dvc-artifacts.schema.json', { churn: { path: '' } }, '/churn/path', 'minLength'],
    ['model-card.schema.json', { owner: 3 }, '/owner', 'type'],
    ['model-card.schema.json', { owner: { email: 'a@example.com' } }, '/owner', 'required'],
    ['model-card.schema.json', { metrics: { accuracy: [0.9] } }, '/metrics/accuracy', 'type'],
    ['model-card.schema.json', { datasets: ['a', { version: 2 }] }, '/datasets/1', 'required'],
    ['dvc-artifacts.schema.json', { churn: 'models/churn.pkl' }, '/churn', 'type'],
    ['dvc-artifacts.schema.json', [entry], '', 'type'],
    ['gto-artifacts.schema.json', { churn: { virtual: 'no' } }, '/churn/virtual', 'type'],
    ['gto-artifacts.schema.json', { churn: { desc: 'DVC vocabulary' } }, '/churn', 'additionalProperties'],
    ['gto-artifacts.schema.json', { 'a:b:c': {} }, '', 'propertyNames'],
    ['gto-artifacts.schema.json', { churn: { type: 'deep model' } }, '/churn/type', 'pattern'],
    ['gto-artifacts.schema.json', { churn: { labels: ['ok', 'not ok'] } }, '/churn/labels/1', 'pattern'],
    ['modelreg-config.schema.json', { stages: 'dev' }, '/stages', 'type'],
    ['modelreg-config.schema.json', { promotion: {} }, '', 'additionalProperties'],
    ['modelreg-config.schema.json', { rules: { prod: { requires: ['-staging'] } } }, '/rules/prod/requires/0', 'pattern'],
    ['modelreg-config.schema.json', { rules: { prod: { fields: ['owner'] } } }, '/rules/prod/fields/0', 'pattern'],
    ['modelreg-config.schema.json', { trailers: { required: 'yes' } }, '/trailers/required', 'type'],
    ['modelreg-config.schema.json', { changelog: { commit_url: 'https://example.com/commit/' } }, '/changelog/commit_url', 'pattern'],
    ['show.schema.json', { model: { version: 'v1.0.0', stage: {}, registered: true } }, '/model', 'required'],
    ['show.schema.json', [versionWithoutDiscovered], '/0', 'required'],
    ['history.schema.json', [{ ...historyEvent, event: 'promotion' }], '/0/event', 'enum'],
    ['history.schema.json', [{ ...historyEvent, timestamp: '2024-01-01 00:21:00+00:00' }], '/0/timestamp', 'pattern'],
    ['history.schema.json', [{ ...historyEvent, timestamp: '2024-02-30T00:21:00+00:00' }], '/0/timestamp', 'format'],
    ['history.schema.json', [{ ...historyEvent, commit: '6d393ed' }], '/0/commit', 'pattern'],
    ['check-report.schema.json', { ok: true, errors: -1, warnings: 0, problems: [] }, '/errors', 'minimum'],
    ['check-report.schema.json', { ok: false, errors: 1, warnings: 0, problems: [{ ...problem, severity: 'info' }] }, '/problems/0/severity', 'enum'],
    ['check-report.schema.json', { ok: false, errors: 1, warnings: 0, problems: [{ ...problem, line: 0 }] }, '/problems/0/line', 'minimum'],
    ['check-report.schema.json', { ok: false, errors: 1, warnings: 0, problems: [{ ...problem, file: 'dvc.yaml', col: 3 }] }, '/problems/0', 'additionalProperties'],
  ])('%s refuses %j at %j (%s)', (file, doc, instancePath, keyword) => {
    const validate = validatorFor(file);
    expect(validate(doc)).toBe(false);
    expect(validate.errors?.map((e) => `${e.instancePath} ${e.keyword}`)).toContain(`${instancePath} ${keyword}`);
  });
});

describe('real annotation files from DVC and GTO documentation validate unchanged', () => {
  const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name));
  it.each(['dvc-docs.dvc.yaml', 'dvclive-log-artifact.dvc.yaml', 'example-gto.dvc.yaml'])('%s', (name) => {
    const loaded = loadYaml(name, fixture(name));
    expect(loaded.diagnostics).toEqual([]);
    const artifacts = (loaded.value as Json).artifacts;
    const ok = validators.validateDvcArtifacts(artifacts);
    expect(ok ? [] : schemaDiagnostics(loaded, validators.validateDvcArtifacts.errors ?? [], { basePath: ['artifacts'] })).toEqual([]);
    expect(Object.keys(artifacts as Json).length).toBeGreaterThan(0);
  });

  it.each(['example-gto.artifacts.yaml', 'gto-annotate.artifacts.yaml', 'gto-transcript.artifacts.yaml'])('%s', (name) => {
    const loaded = loadYaml(name, fixture(name));
    expect(loaded.diagnostics).toEqual([]);
    const ok = validators.validateGtoArtifacts(loaded.value);
    expect(ok ? [] : schemaDiagnostics(loaded, validators.validateGtoArtifacts.errors ?? [])).toEqual([]);
  });

  it("the transcript's .gto validates with the config schema", () => {
    const loaded = loadYaml('.gto', 'stages: [dev, prod]\n');
    expect(validators.validateModelregConfig(loaded.value)).toBe(true);
  });
});

describe('the schemas agree with names.ts', () => {
  const SHORT = '^[A-Za-z0-9]([A-Za-z0-9_/-]*[A-Za-z0-9])?$';
  const FULL = '^([A-Za-z0-9_./-]+:)?[A-Za-z0-9]([A-Za-z0-9_/-]*[A-Za-z0-9])?$';
  const samples = [
    'a', 'model', 'Team/Model_A-1', 'nlp/sentiment', 'm1', '1', '-bad', 'bad-', '_x', 'x_', 'a b', 'a:b', 'path/to:clf',
    'dir/sub.v2:name', 'a:b:c', ':x', 'x:', 'é', 'a/', '/a', 'a//b', 'name\n', '',
  ];

  it('every name pattern in the schemas is one of the two rules', () => {
    const patterns = new Set<string>();
    for (const { schema } of schemas) {
      for (const { schema: sub } of walk(schema)) {
        const p = sub.pattern;
        if (typeof p === 'string' && p.includes('A-Za-z0-9_/-')) patterns.add(p);
      }
    }
    expect([...patterns].sort()).toEqual([FULL, SHORT]);
  });

  it.each(samples)('%j: short-name and artifact-name patterns give the same answer as names.ts', (sample) => {
    expect(new RegExp(SHORT, 'u').test(sample)).toBe(isValidShortName(sample));
    expect(new RegExp(FULL, 'u').test(sample)).toBe(isValidArtifactName(sample));
  });
});

describe('every pattern of the file formats has a human message', () => {
  it.each(['dvc-artifacts.schema.json', 'model-card.schema.json', 'gto-artifacts.schema.json', 'modelreg-config.schema.json'])('%s', (file) => {
    const loaded = loadYaml('x.yaml', 'x: 1\n');
    for (const { schema: sub } of walk(byFile(file).schema)) {
      if (typeof sub.pattern !== 'string') continue;
      const error = { keyword: 'pattern', instancePath: '', schemaPath: '#/pattern', params: { pattern: sub.pattern }, data: 'x y', parentSchema: sub };
      const [d] = schemaDiagnostics(loaded, [error]);
      expect(d?.message, sub.pattern).not.toMatch(/must match the pattern/);
      expect(d?.message).toMatch(/, got "x y"$/);
    }
  });
});

describe('generated types', () => {
  it('declare the types the rest of modelreg uses', () => {
    const types = readFileSync(join(import.meta.dirname, 'generated', 'types.ts'), 'utf8');
    for (const name of ['DvcArtifacts', 'DvcArtifact', 'ModelCard', 'NamedItem', 'GtoArtifacts', 'GtoArtifact', 'ModelregConfig', 'StageRule', 'ShowOutput', 'ShowSummary', 'VersionDetail', 'HistoryOutput', 'HistoryEvent', 'CheckReport', 'CheckProblem']) {
      expect(types).toMatch(new RegExp(`^export (interface|type) ${name}\\b`, 'm'));
    }
    expect(types).not.toMatch(/^(?!export)(const|let|function|class)\b/m);
  });
});
