import { afterAll, describe, expect, it } from 'vitest';
import { readConfigsAt } from './annotation-source.js';
import { cleanupTemp, commitFile, git, makeRepo } from './test-support/repo.js';

afterAll(cleanupTemp);

describe('readConfigsAt', () => {
  it('reads the config committed at each commit with one call: none, .gto, then .modelreg.yaml over it', async () => {
    const ctx = makeRepo(1);
    const none = git(ctx, 'rev-parse', 'HEAD');
    const gto = commitFile(ctx, '.gto', 'stages: [dev, prod]\n', 'Restrict stages');
    const own = commitFile(ctx, '.modelreg.yaml', 'stages: []\n', 'No stage at all');
    const configs = await readConfigsAt(ctx, [none, gto, own, gto]);
    expect(configs.get(none)).toEqual({ config: {}, diagnostics: [], file: null });
    expect(configs.get(gto)).toMatchObject({ config: { stages: ['dev', 'prod'] }, file: '.gto' });
    expect(configs.get(own)).toMatchObject({ config: { stages: [] }, file: '.modelreg.yaml' });
  });
});
