// The committed files in src/generated/ are exactly what the schemas produce: schemas, validators
// and types cannot drift. (The build checks the same with `generate-validators.mjs --check`.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate, readSchemas, SCHEMAS } from '../scripts/generate-validators.mjs';
import * as validators from './generated/validators.js';

const packageDir = join(import.meta.dirname, '..');
const files = await generate();

describe('src/generated', () => {
  it('holds the three generated files', () => {
    expect([...files.keys()].sort()).toEqual(['src/generated/standalone-validators.ts', 'src/generated/types.ts', 'src/generated/validators.ts']);
  });

  it.each([...files.keys()])('%s is what the schemas generate now (run `pnpm --filter @modelreg/core generate` if not)', (path) => {
    const committed = readFileSync(join(packageDir, path), 'utf8');
    expect(committed === files.get(path), `${path} is stale`).toBe(true);
  });

  it('the standalone code loads only ajv runtime helpers, never ajv itself (no compile at runtime)', () => {
    const code = files.get('src/generated/standalone-validators.ts') as string;
    const required = [...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(required.length).toBeGreaterThan(0);
    for (const specifier of required) expect(specifier).toMatch(/^ajv\/dist\/runtime\/\w+$|^ajv-formats\/dist\/formats$/);
    expect([...code.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1])).toEqual(['node:module']);
    expect(code).not.toMatch(/new Ajv|\.compile\(/);
    const typed = files.get('src/generated/validators.ts') as string;
    expect([...typed.matchAll(/^import (type )?.* from '([^']+)';$/gm)].filter((m) => !m[1]).map((m) => m[2])).toEqual(['./standalone-validators.js']);
  });

  it('exports one validator per schema, each with `errors`', async () => {
    const schemas = await readSchemas();
    for (const { validator, schema } of schemas) {
      const validate = validators[validator as keyof typeof validators] as validators.Validator<unknown>;
      expect(typeof validate, validator).toBe('function');
      expect(validate(Symbol('not json'))).toBe(false);
      expect(validate.errors?.length).toBeGreaterThan(0);
      expect(validators.SCHEMA_IDS[validator as keyof typeof validators.SCHEMA_IDS]).toBe(schema.$id);
    }
    expect(SCHEMAS.map((s) => s.validator)).toEqual([
      'validateDvcArtifacts',
      'validateModelCard',
      'validateGtoArtifacts',
      'validateModelregConfig',
      'validateShowOutput',
      'validateHistoryOutput',
      'validateCheckReport',
    ]);
  });
});
