import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RegistryConfig } from './config.js';
import { COMMIT_A, COMMIT_B, COMMIT_C, at, tag } from './fixtures.test-helpers.js';
import {
  HISTORY_RULE_CODES,
  assignmentCommits,
  checkHistory,
  hasField,
  neededFacts,
  refUpdateRule,
  stageAllowedRule,
  stageFieldsRule,
  stageRequiresRule,
  stageSignedRule,
  tagNameOfRef,
  tagNameRules,
  type AnnotationFields,
  type HistoryFacts,
} from './history-rules.js';
import { buildRegistry, type Registry, type TagInput } from './registry.js';

const codes = (ds: { code: string; ref?: string }[]) => ds.map((d) => `${d.ref}: ${d.code}`);
const event = (registry: Registry, name: string) => {
  const e = registry.events.find((x) => x.tag === name);
  if (!e) throw new Error(`no event ${name}`);
  return e;
};
const ZERO = null;
const ID1 = '1111111111111111111111111111111111111111';
const ID2 = '2222222222222222222222222222222222222222';

describe('tagNameRules (shared with doctor through the registry)', () => {
  it('refuses near misses with the corrected name, and lightweight registry tags, as errors', () => {
    const tags = [
      tag('model@1.0.0'),
      tag('model#prod#-1'),
      tag('dir/sub=clf@1.2.3-rc.1'),
      tag('m@v1.0.0', { annotated: false }),
      tag('release-2024'),
      tag('v2.0.0'),
    ];
    const ds = tagNameRules(buildRegistry(tags), undefined);
    expect(codes(ds)).toEqual([
      'model@1.0.0: malformed-registry-tag',
      'model#prod#-1: malformed-registry-tag',
      'dir/sub=clf@1.2.3-rc.1: malformed-registry-tag',
      'm@v1.0.0: lightweight-registry-tag',
    ]);
    expect(ds.every((d) => d.severity === 'error')).toBe(true);
    expect(ds[0]?.message).toBe(`tag 'model@1.0.0' looks like a registry tag but the version must start with "v"; it is not a registry event`);
    expect(ds[0]?.hint).toBe(`did you mean 'model@v1.0.0'? git tag -a 'model@v1.0.0' -m MESSAGE 'model@1.0.0^{}' && git tag -d 'model@1.0.0'`);
    expect(ds[1]?.hint).toMatch(/^did you mean 'model#prod'\?/);
    expect(ds[2]?.hint).toMatch(/^did you mean 'dir\/sub=clf@v1.2.3-rc.1'\?/);
    expect(ds[3]?.hint).toBe(`recreate it annotated: git tag -a -f 'm@v1.0.0' -m MESSAGE 'm@v1.0.0'`);
  });

  it('keeps the warning wording doctor prints, and only the tags in scope', () => {
    const registry = buildRegistry([tag('model@1.0.0'), tag('other@1.0.0')]);
    const ds = tagNameRules(registry, new Set(['other@1.0.0']));
    expect(codes(ds)).toEqual(['other@1.0.0: malformed-registry-tag']);
    const doctor = registry.diagnostics.find((d) => d.ref === 'other@1.0.0');
    expect(doctor?.severity).toBe('warning');
    expect(ds[0]?.message).toBe(doctor?.message);
  });

  it('refuses a version registered on a second commit (the later registration), with counters', () => {
    const tags = [tag('m@v1.0.0', { commit: COMMIT_A, at: at(1) }), tag('m@v1.0.0#3', { commit: COMMIT_B, at: at(2) }), tag('m@v1.0.0#4', { commit: COMMIT_A, at: at(3) })];
    const ds = tagNameRules(buildRegistry(tags), undefined);
    expect(codes(ds)).toEqual(['m@v1.0.0#3: version-reused']);
    expect(ds[0]?.message).toBe(`tag 'm@v1.0.0#3' registers m v1.0.0 on commit 8733ccc, but that version is already registered on 6d393ed`);
  });
});

describe('stageAllowedRule', () => {
  const config: RegistryConfig = { stages: ['dev', 'staging', 'prod'], file: '.modelreg.yaml' };
  it('refuses an assignment of a stage not in stages:, with the closest allowed one', () => {
    const r = buildRegistry([tag('m@v1.0.0'), tag('m#Prod'), tag('m#prod'), tag('m#qa!')]);
    expect(stageAllowedRule(event(r, 'm#prod'), config)).toBeNull();
    expect(stageAllowedRule(event(r, 'm#qa!'), config)).toBeNull(); // unassigning is cleanup
    const d = stageAllowedRule(event(r, 'm#Prod'), config);
    expect(d?.message).toBe(`tag 'm#Prod' assigns stage 'Prod', which .modelreg.yaml does not allow`);
    expect(d?.hint).toBe(`did you mean 'prod'? allowed stages are: dev, staging, prod (or add the stage to 'stages')`);
  });
  it('allows any stage without stages:, none with stages: [] (as GTO)', () => {
    const r = buildRegistry([tag('m#anything')]);
    expect(stageAllowedRule(event(r, 'm#anything'), {})).toBeNull();
    expect(stageAllowedRule(event(r, 'm#anything'), { stages: [] })?.hint).toBe(`allowed stages are: none (or add the stage to 'stages')`);
  });
});

describe('stageRequiresRule', () => {
  const config: RegistryConfig = { rules: { prod: { requires: ['staging'] } } };
  it('refuses prod for a version that was never in staging', () => {
    const r = buildRegistry([tag('m@v1.0.0', { at: at(1) }), tag('m#prod#1', { at: at(2) })]);
    const d = stageRequiresRule(event(r, 'm#prod#1'), r, config);
    expect(d?.code).toBe('stage-requires');
    expect(d?.message).toBe(`tag 'm#prod#1' assigns 'prod' to m v1.0.0, which was never in 'staging' before (rules.prod.requires)`);
    expect(d?.hint).toBe(`assign 'staging' first (modelreg assign m --version v1.0.0 --stage staging), then assign again`);
  });
  it('accepts prod after staging of the same version, even if staging was unassigned since', () => {
    const r = buildRegistry([
      tag('m@v1.0.0', { at: at(1) }),
      tag('m#staging#1', { at: at(2) }),
      tag('m#staging!#2', { at: at(3) }),
      tag('m#prod#3', { at: at(4) }),
    ]);
    expect(stageRequiresRule(event(r, 'm#prod#3'), r, config)).toBeNull();
  });
  it('refuses staging of another version, and staging that came later', () => {
    const r = buildRegistry([
      tag('m@v1.0.0', { commit: COMMIT_A, at: at(1) }),
      tag('m@v2.0.0', { commit: COMMIT_B, at: at(1) }),
      tag('m#staging#1', { commit: COMMIT_A, at: at(2) }),
      tag('m#prod#2', { commit: COMMIT_B, at: at(3) }),
      tag('m#prod#3', { commit: COMMIT_A, at: at(4) }),
      tag('m#staging#5', { commit: COMMIT_B, at: at(5) }),
    ]);
    expect(stageRequiresRule(event(r, 'm#prod#2'), r, config)?.message).toMatch(/m v2.0.0, which was never in 'staging'/);
    expect(stageRequiresRule(event(r, 'm#prod#3'), r, config)).toBeNull();
  });
  it('on a push, wants the earlier staging pushed now or on the remote already', () => {
    const r = buildRegistry([tag('m@v1.0.0', { at: at(1) }), tag('m#staging#1', { at: at(2) }), tag('m#prod#2', { at: at(3) })]);
    const d = stageRequiresRule(event(r, 'm#prod#2'), r, config, () => false);
    expect(d?.code).toBe('stage-requires');
    expect(d?.message).toBe(`tag 'm#prod#2' assigns 'prod' to m v1.0.0, but the remote does not have 'm#staging#1', which it requires (rules.prod.requires)`);
    expect(d?.hint).toBe(`push it in the same push: git push REMOTE 'refs/tags/m#staging#1' …`);
    expect(stageRequiresRule(event(r, 'm#prod#2'), r, config, (t) => t === 'm#staging#1')).toBeNull();
    const tags = [tag('m@v1.0.0', { at: at(1) }), tag('m#staging#1', { at: at(2) }), tag('m#prod#2', { at: at(3) })];
    const push = (only: string[], remote: string[]) => codes(checkHistory({ tags, config, only: new Set(only), remoteTags: new Set(remote) }));
    expect(push(['m#prod#2'], [])).toEqual(['m#prod#2: stage-requires']);
    expect(push(['m#prod#2'], ['m#staging#1'])).toEqual([]);
    expect(push(['m#staging#1', 'm#prod#2'], [])).toEqual([]);
  });
  it('orders same-second assignments by counter', () => {
    const same = at(7);
    const ok = buildRegistry([tag('m@v1.0.0', { at: same }), tag('m#staging#1', { at: same }), tag('m#prod#2', { at: same })]);
    expect(stageRequiresRule(event(ok, 'm#prod#2'), ok, config)).toBeNull();
    const bad = buildRegistry([tag('m@v1.0.0', { at: same }), tag('m#staging#2', { at: same }), tag('m#prod#1', { at: same })]);
    expect(stageRequiresRule(event(bad, 'm#prod#1'), bad, config)?.code).toBe('stage-requires');
  });
  it('applies to namespaced artifacts and unregistered versions (named by the commit)', () => {
    const r = buildRegistry([tag('dir/sub=clf#prod', { commit: COMMIT_C })]);
    expect(stageRequiresRule(event(r, 'dir/sub=clf#prod'), r, config)?.message).toBe(
      `tag 'dir/sub=clf#prod' assigns 'prod' to dir/sub:clf ${COMMIT_C}, which was never in 'staging' before (rules.prod.requires)`,
    );
  });
});

describe('stageFieldsRule', () => {
  const config: RegistryConfig = { rules: { prod: { fields: ['desc', 'meta.owner'] } } };
  const facts = (fields: AnnotationFields | null): HistoryFacts => ({
    annotationsAt: new Map([[COMMIT_A, new Map(fields ? [['m', fields]] : [])]]),
  });
  const r = buildRegistry([tag('m@v1.0.0'), tag('m#prod')]);
  it('accepts an annotation with every field', () => {
    expect(stageFieldsRule(event(r, 'm#prod'), config, facts({ path: 'm.pkl', desc: 'd', meta: { owner: 'me' } }))).toBeNull();
  });
  it('names the missing fields and the commit', () => {
    const d = stageFieldsRule(event(r, 'm#prod'), config, facts({ path: 'm.pkl', desc: '', meta: { license: 'x' } }));
    expect(d?.code).toBe('stage-fields');
    expect(d?.message).toBe(`tag 'm#prod' assigns 'prod' but m lacks desc, meta.owner at commit 6d393ed (rules.prod.fields)`);
  });
  it('says so when the artifact has no annotation at the commit', () => {
    expect(stageFieldsRule(event(r, 'm#prod'), config, facts(null))?.message).toMatch(/m has no annotation at commit 6d393ed/);
  });
  it('hasField looks into meta and treats empty values as missing', () => {
    const a: AnnotationFields = { labels: [], meta: { metrics: { acc: 0.9 }, owner: null } };
    expect(hasField(a, 'meta.metrics.acc')).toBe(true);
    expect(hasField(a, 'meta.metrics.f1')).toBe(false);
    expect(hasField(a, 'meta.owner')).toBe(false);
    expect(hasField(a, 'labels')).toBe(false);
    expect(hasField(a, 'meta.metrics.acc.deeper')).toBe(false);
  });
});

describe('stageSignedRule', () => {
  const r = buildRegistry([tag('m@v1.0.0'), tag('m#prod')]);
  const sig = (fact: HistoryFacts['signatures'] extends Map<string, infer F> | undefined ? F : never): HistoryFacts => ({
    signatures: new Map([['m#prod', fact]]),
  });
  it('refuses an unsigned tag and a bad signature', () => {
    const config: RegistryConfig = { rules: { prod: { signed: true } } };
    expect(stageSignedRule(event(r, 'm#prod'), config, sig({ signed: false, valid: false, signer: [] }))?.message).toBe(
      `tag 'm#prod' assigns 'prod' but is not signed (rules.prod.signed)`,
    );
    expect(stageSignedRule(event(r, 'm#prod'), config, sig({ signed: true, valid: false, problem: 'BADSIG', signer: [] }))?.code).toBe('stage-signed');
    expect(stageSignedRule(event(r, 'm#prod'), config, sig({ signed: true, valid: true, signer: ['ABCDEF0123456789'] }))).toBeNull();
  });
  it('matches signers by e-mail, key id or fingerprint', () => {
    const config: RegistryConfig = { rules: { prod: { signed: true, signers: ['lead@example.com', '3AA5C34371567BD2'] } } };
    const good = (signer: string[]) => stageSignedRule(event(r, 'm#prod'), config, sig({ signed: true, valid: true, signer }));
    expect(good(['Lead@Example.com'])).toBeNull();
    expect(good(['0123456789ABCDEF01233AA5C34371567BD2'.padStart(40, '0')])).toBeNull();
    const d = good(['intruder@example.com']);
    expect(d?.code).toBe('stage-signer');
    expect(d?.message).toBe(`tag 'm#prod' assigns 'prod' but is signed by intruder@example.com, who is not in rules.prod.signers`);
  });
});

describe('refUpdateRule', () => {
  const r = buildRegistry([tag('m@v1.0.0'), tag('m#prod#2')]);
  it('refuses deleting a registry tag the remote has, with the append-only alternative', () => {
    const d = refUpdateRule({ ref: 'refs/tags/m#prod#2', newId: ZERO, oldId: ID1 }, r, 'origin');
    expect(d?.code).toBe('registry-tag-deleted');
    expect(d?.hint).toBe('keep the tag and record the change as a new event instead: modelreg deprecate m v1.0.0 prod (unassigns it)');
    expect(refUpdateRule({ ref: 'refs/tags/m@v1.0.0', newId: ZERO, oldId: ID1 }, r, 'origin')?.hint).toMatch(/modelreg deprecate m v1.0.0 \(deregisters it\)/);
  });
  it('names the event that undoes each kind of tag instead', () => {
    const local = buildRegistry([tag('m@v1.0.0', { at: at(1) }), tag('m#prod!#3', { at: at(2) })]);
    const hint = (ref: string) => refUpdateRule({ ref: `refs/tags/${ref}`, newId: ZERO, oldId: ID1 }, local, 'o')?.hint;
    expect(hint('m@v1.0.0!')).toMatch(/modelreg register m --version v1.0.0 \(registers it again\)$/);
    expect(hint('m#prod!#3')).toMatch(/modelreg assign m --version v1.0.0 --stage prod \(assigns it again\)$/);
    expect(hint('m@deprecated')).toMatch(/any later event re-activates it\)$/);
  });
  it('refuses moving one', () => {
    const d = refUpdateRule({ ref: 'refs/tags/dir=m@v1.0.0', newId: ID2, oldId: ID1 }, r, 'up');
    expect(d?.code).toBe('registry-tag-moved');
    expect(d?.message).toBe(`moving registry tag 'dir=m@v1.0.0' (1111111 → 2222222), which the remote has: registry history is append-only`);
    expect(d?.hint).toBe(`restore it (git fetch --force 'up' 'refs/tags/dir=m@v1.0.0:refs/tags/dir=m@v1.0.0') and register a new version or assign again instead`);
  });
  it('lets a lightweight registry tag on the remote be replaced or deleted: it is no event', () => {
    expect(refUpdateRule({ ref: 'refs/tags/m@v1.0.0', newId: ID2, oldId: ID1, oldType: 'commit' }, r, 'o')).toBeNull();
    expect(refUpdateRule({ ref: 'refs/tags/m@v1.0.0', newId: ZERO, oldId: ID1, oldType: 'commit' }, r, 'o')).toBeNull();
    expect(refUpdateRule({ ref: 'refs/tags/m@v1.0.0', newId: ZERO, oldId: ID1, oldType: 'tag' }, r, 'o')?.code).toBe('registry-tag-deleted');
  });
  it('lets new tags, other tags, branches and near misses through', () => {
    expect(refUpdateRule({ ref: 'refs/tags/m@v2.0.0', newId: ID1, oldId: ZERO }, r, 'o')).toBeNull();
    expect(refUpdateRule({ ref: 'refs/tags/release', newId: ZERO, oldId: ID1 }, r, 'o')).toBeNull();
    expect(refUpdateRule({ ref: 'refs/tags/m@1.0.0', newId: ZERO, oldId: ID1 }, r, 'o')).toBeNull();
    expect(refUpdateRule({ ref: 'refs/heads/m@v1.0.0', newId: ID2, oldId: ID1 }, r, 'o')).toBeNull();
  });
});

describe('checkHistory', () => {
  const config: RegistryConfig = {
    stages: ['staging', 'prod'],
    rules: { prod: { requires: ['staging'], fields: ['desc'] } },
    file: '.modelreg.yaml',
  };
  const tags: TagInput[] = [
    tag('m@v1.0.0', { at: at(1) }),
    tag('m#staging#1', { at: at(2) }),
    tag('m#prod#2', { at: at(3) }),
    tag('n@v1.0.0', { commit: COMMIT_B, at: at(1) }),
    tag('n#prod#1', { commit: COMMIT_B, at: at(2) }),
    tag('n#qa#2', { commit: COMMIT_B, at: at(3) }),
    tag('n@1.0.1', { commit: COMMIT_B }),
  ];
  const facts: HistoryFacts = {
    annotationsAt: new Map<string, Map<string, AnnotationFields>>([
      [COMMIT_A, new Map([['m', { desc: 'ok' }]])],
      [COMMIT_B, new Map([['n', { path: 'n.pkl' }]])],
    ]),
  };
  it('runs every rule over all tags in one pass', () => {
    expect(codes(checkHistory({ tags, config, facts }))).toEqual([
      'n@1.0.1: malformed-registry-tag',
      'n#prod#1: stage-requires',
      'n#prod#1: stage-fields',
      'n#qa#2: stage-not-allowed',
    ]);
  });
  it('checks only the tags in scope, and reads facts only for them', () => {
    const registry = buildRegistry(tags);
    const only = new Set(['m#prod#2', 'n#qa#2']);
    expect(neededFacts(registry, config, only)).toEqual({ fieldCommits: new Set([COMMIT_A]), signedTags: [], requiredTags: ['m#staging#1'] });
    expect(neededFacts(registry, config, new Set(['m#staging#1', 'm#prod#2'])).requiredTags).toEqual([]);
    expect(neededFacts(registry, config).requiredTags).toEqual([]);
    expect(codes(checkHistory({ tags, registry, config, facts, only }))).toEqual(['n#qa#2: stage-not-allowed']);
  });
  it('over all tags, adds the registry\'s other diagnostics as doctor words them', () => {
    const more = [...tags, tag('m@v9.0.0!', { commit: COMMIT_C, at: at(9) }), tag('m@created')];
    const registry = buildRegistry(more);
    const ds = checkHistory({ tags: more, registry, config, facts });
    expect(codes(ds).slice(1, 3)).toEqual(['m@created: created-tag', 'm@v9.0.0!: deregistration-without-registration']);
    expect(ds.slice(1, 3)).toEqual(registry.diagnostics.filter((d) => d.code !== 'malformed-registry-tag'));
    expect(codes(checkHistory({ tags: more, config, facts, only: new Set(['m@created']) }))).toEqual([]);
  });
  it('over all tags, judges stage rules fully only for current holders: an older assignment is a warning', () => {
    const cfg: RegistryConfig = { rules: { prod: { requires: ['staging'] } } };
    const history = [
      tag('m@v1.0.0', { commit: COMMIT_A, at: at(1) }),
      tag('m#prod#1', { commit: COMMIT_A, at: at(2) }),
      tag('m@v2.0.0', { commit: COMMIT_B, at: at(3) }),
      tag('m#staging#2', { commit: COMMIT_B, at: at(4) }),
      tag('m#prod#3', { commit: COMMIT_B, at: at(5) }),
    ];
    const ds = checkHistory({ tags: history, config: cfg });
    expect(codes(ds)).toEqual(['m#prod#1: stage-requires']);
    expect(ds[0]?.severity).toBe('warning');
    expect(ds[0]?.hint).toBe(`m#prod#3 holds 'prod' now; tags are immutable, so this older assignment needs no fix (the rule judges new assignments)`);
    // One pushed tag (check --ref, pre-push) is judged fully, however old.
    const one = checkHistory({ tags: history, config: cfg, only: new Set(['m#prod#1']) });
    expect(one.map((d) => `${d.ref}: ${d.code} ${d.severity}`)).toEqual(['m#prod#1: stage-requires error']);
    // The current holder breaking a rule is an error: a new assignment can fix it.
    const now = checkHistory({ tags: history.slice(0, 2), config: cfg });
    expect(now.map((d) => `${d.ref}: ${d.code} ${d.severity}`)).toEqual(['m#prod#1: stage-requires error']);
  });
  it('counts as current the holder a stage falls back to, and no assignment of a deregistered version', () => {
    const cfg: RegistryConfig = { stages: ['prod'] };
    const history = [
      tag('m@v1.0.0', { commit: COMMIT_A, at: at(1) }),
      tag('m#qa#1', { commit: COMMIT_A, at: at(2) }),
      tag('m@v2.0.0', { commit: COMMIT_B, at: at(3) }),
      tag('m#qa#2', { commit: COMMIT_B, at: at(4) }),
      tag('m#qa!#3', { commit: COMMIT_B, at: at(5) }),
      tag('n@v1.0.0', { commit: COMMIT_C, at: at(1) }),
      tag('n#qa#1', { commit: COMMIT_C, at: at(2) }),
      tag('n@v1.0.0!#2', { commit: COMMIT_C, at: at(3) }),
      tag('o@v1.0.0', { commit: COMMIT_C, at: at(1) }),
      tag('o#qa#1', { commit: COMMIT_C, at: at(2) }),
      tag('o@deprecated#2', { commit: COMMIT_C, at: at(3) }),
    ];
    const ds = checkHistory({ tags: history, config: cfg });
    expect(ds.map((d) => `${d.ref}: ${d.severity}`)).toEqual(['m#qa#1: error', 'n#qa#1: warning', 'o#qa#1: warning', 'm#qa#2: warning']);
    expect(ds[1]?.hint).toBe(`no version of n holds 'qa' now; tags are immutable, so this older assignment needs no fix (the rule judges new assignments)`);
  });
  it('reports ref updates first', () => {
    const updates = [{ ref: 'refs/tags/m@v1.0.0', newId: null, oldId: ID1 }];
    expect(codes(checkHistory({ tags, config, facts, only: new Set(), updates }))).toEqual(['m@v1.0.0: registry-tag-deleted']);
  });
  it('handles a push of thousands of tags quickly', () => {
    const many: TagInput[] = [];
    for (let i = 0; i < 5000; i++) {
      many.push(tag(`model-${i}@v1.0.0`, { at: 1_700_000_000 + i }));
      many.push(tag(`model-${i}#staging`, { at: 1_700_000_001 + i }));
      many.push(tag(`model-${i}#prod`, { at: 1_700_000_002 + i }));
    }
    const cfg: RegistryConfig = { stages: ['staging', 'prod'], rules: { prod: { requires: ['staging'] } } };
    const t0 = performance.now();
    expect(checkHistory({ tags: many, config: cfg })).toEqual([]);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

describe('tagNameOfRef', () => {
  it('strips refs/tags/, and names no tag for other refs', () => {
    expect(tagNameOfRef('refs/tags/dir=m@v1.0.0')).toBe('dir=m@v1.0.0');
    expect(tagNameOfRef('m#prod')).toBe('m#prod');
    expect(tagNameOfRef('refs/heads/main')).toBeNull();
  });
});

describe('rule codes', () => {
  it('are all documented in the README', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    for (const code of HISTORY_RULE_CODES) expect(readme, code).toContain(`\`${code}\``);
  });
});

describe('a tag is judged by the config committed at its own commit (configsAt)', () => {
  const tags = [
    tag('churn@v1.0.0', { commit: COMMIT_A, at: at(1) }),
    tag('churn#not-allowed-stage#1', { commit: COMMIT_A, at: at(2) }),
    tag('churn#qa#2', { commit: COMMIT_B, at: at(3) }),
  ];
  const restricted: RegistryConfig = { stages: ['dev', 'prod'], file: '.gto' };
  const configsAt = new Map<string, RegistryConfig>([
    [COMMIT_A, {}],
    [COMMIT_B, restricted],
  ]);

  it('lists the commits whose config the stage rules need: those of the assignments in scope', () => {
    const registry = buildRegistry(tags);
    expect([...assignmentCommits(registry)].sort()).toEqual([COMMIT_A, COMMIT_B].sort());
    expect([...assignmentCommits(registry, new Set(['churn#qa#2']))]).toEqual([COMMIT_B]);
  });

  it('an assignment made before the stages were restricted is history; one after is refused', () => {
    const all = checkHistory({ tags, config: restricted, facts: { configsAt } });
    expect(codes(all)).toEqual(['churn#qa#2: stage-not-allowed']);
    expect(codes(checkHistory({ tags, config: restricted, facts: { configsAt }, only: new Set(['churn#not-allowed-stage#1']) }))).toEqual([]);
    // Without the configs at the commits, the caller's config judges every tag.
    expect(codes(checkHistory({ tags, config: restricted, only: new Set(['churn#not-allowed-stage#1']) }))).toEqual(['churn#not-allowed-stage#1: stage-not-allowed']);
  });

  it('neededFacts asks for the facts the config at each commit needs', () => {
    const signed = new Map<string, RegistryConfig>([
      [COMMIT_A, {}],
      [COMMIT_B, { rules: { qa: { signed: true } } }],
    ]);
    expect(neededFacts(buildRegistry(tags), {}, undefined, signed).signedTags).toEqual(['churn#qa#2']);
  });
});
