import { describe, expect, it } from 'vitest';
import { checkRemovedArtifacts, removedArtifacts, type AnnotatedName } from './artifact-removal.js';
import { formatDiagnostic } from './diagnostics.js';
import { COMMIT_A, COMMIT_B, tag } from './fixtures.test-helpers.js';
import { buildRegistry } from './registry.js';

const churn: AnnotatedName = { name: 'churn', file: 'dvc.yaml', at: { line: 2, column: 3 } };
const nlp: AnnotatedName = { name: 'models:bert', file: 'models/dvc.yaml', at: { line: 3, column: 3 } };

describe('removedArtifacts', () => {
  it('names what was annotated before and is not after', () => {
    expect(removedArtifacts([churn, nlp], ['models:bert', 'new'])).toEqual([churn]);
    expect(removedArtifacts([churn], ['churn'])).toEqual([]);
  });
});

describe('checkRemovedArtifacts', () => {
  it('refuses removing an artifact with active registered versions, naming them and the fix', () => {
    const registry = buildRegistry([
      tag('churn@v1.0.0', { commit: COMMIT_A, at: '2024-01-01T00:00:00Z' }),
      tag('churn@v1.10.0', { commit: COMMIT_B, at: '2024-01-02T00:00:00Z' }),
    ]);
    const [d, ...rest] = checkRemovedArtifacts([churn], registry);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'active-artifact-removed', severity: 'error', artifact: 'churn', hint: 'deprecate it first (modelreg deprecate churn), or keep its annotation' });
    expect(formatDiagnostic(d!)).toBe("dvc.yaml:2:3: 'churn' is removed from dvc.yaml, but it has active registered versions v1.0.0, v1.10.0");
  });

  it('allows it once deprecated, when every version is deregistered, or when it was never registered', () => {
    const deprecated = buildRegistry([
      tag('churn@v1.0.0', { commit: COMMIT_A, at: '2024-01-01T00:00:00Z' }),
      tag('churn@deprecated', { commit: COMMIT_A, at: '2024-01-02T00:00:00Z' }),
    ]);
    expect(checkRemovedArtifacts([churn], deprecated)).toEqual([]);
    const deregistered = buildRegistry([
      tag('churn@v1.0.0', { commit: COMMIT_A, at: '2024-01-01T00:00:00Z' }),
      tag('churn@v1.0.0!', { commit: COMMIT_A, at: '2024-01-02T00:00:00Z' }),
    ]);
    expect(checkRemovedArtifacts([churn], deregistered)).toEqual([]);
    // Only a stage on an unregistered commit: nothing registered to protect.
    expect(checkRemovedArtifacts([churn], buildRegistry([tag('churn#dev', { commit: COMMIT_A, at: '2024-01-01T00:00:00Z' })]))).toEqual([]);
    expect(checkRemovedArtifacts([churn], buildRegistry([]))).toEqual([]);
  });

  it('a registration after a deprecation re-activates the artifact', () => {
    const registry = buildRegistry([
      tag('churn@v1.0.0', { commit: COMMIT_A, at: '2024-01-01T00:00:00Z' }),
      tag('churn@deprecated', { commit: COMMIT_A, at: '2024-01-02T00:00:00Z' }),
      tag('churn@v2.0.0', { commit: COMMIT_B, at: '2024-01-03T00:00:00Z' }),
    ]);
    expect(checkRemovedArtifacts([churn], registry).map((d) => d.message)).toEqual([
      "'churn' is removed from dvc.yaml, but it has active registered versions v1.0.0, v2.0.0",
    ]);
  });

  it('namespaced names are looked up as the tags write them', () => {
    const registry = buildRegistry([tag('models=bert@v0.1.0', { commit: COMMIT_A, at: '2024-01-01T00:00:00Z' })]);
    expect(checkRemovedArtifacts([nlp], registry).map((d) => d.message)).toEqual([
      "'models:bert' is removed from models/dvc.yaml, but it has active registered version v0.1.0",
    ]);
  });
});
