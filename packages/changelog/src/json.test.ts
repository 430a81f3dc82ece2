import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { buildChangelog } from './model.js';
import { renderJson } from './json.js';
import { input } from './fixture.test-helpers.js';

const schemaFile = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'schemas', 'changelog.schema.json');
const ajv = new Ajv2020.default({ allErrors: true, strict: true });
addFormats.default(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')));

describe('renderJson', () => {
  const links = { commitUrl: 'https://github.com/acme/models/commit/{sha}', tagUrl: 'https://github.com/acme/models/releases/tag/{tag}' };

  it('validates against schemas/changelog.schema.json, with and without links', () => {
    for (const extra of [{}, { links }]) {
      const doc = JSON.parse(renderJson(buildChangelog(input(extra))));
      expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it('is rejected by the schema when a field is wrong (the schema checks)', () => {
    const doc = JSON.parse(renderJson(buildChangelog(input())));
    doc.models[0].versions[0].metrics[0].change = '0.05';
    doc.models[0].versions[0].stages[0].action = 'promote';
    delete doc.models[0].unreleased.bump;
    expect(validate(doc)).toBe(false);
    expect(validate.errors?.map((e) => e.instancePath).sort()).toEqual([
      '/models/0/unreleased',
      '/models/0/versions/0/metrics/0/change',
      '/models/0/versions/0/stages/0/action',
    ]);
  });

  it('is the same bytes for the same input, ending in a newline', () => {
    const a = renderJson(buildChangelog(input()));
    expect(renderJson(buildChangelog(input()))).toBe(a);
    expect(a.endsWith('}\n')).toBe(true);
    expect(Object.keys(JSON.parse(a))).toEqual(['models']);
  });
});
