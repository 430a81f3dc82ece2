import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PRE_COMMIT_HOOKS_YAML } from './hook-templates.js';
import { gitRepoOf, planPreCommitConfig, type FrameworkSource } from './pre-commit-config-plan.js';

const TEAM = '# our hooks\nrepos:\n  - repo: https://github.com/astral-sh/ruff-pre-commit\n    rev: v0.6.0\n    hooks:\n      - id: ruff\n';
const plan = (text: string | undefined, source: FrameworkSource) => {
  const r = planPreCommitConfig(text, source, PRE_COMMIT_HOOKS_YAML);
  if ('error' in r) throw new Error(r.error);
  return r.change;
};

describe('planPreCommitConfig', () => {
  it('adds modelreg from a repository at a revision, keeping the team\'s hooks and comments; a second run changes nothing', () => {
    const change = plan(TEAM, { repo: '/src/modelreg', rev: 'abc123' });
    expect(change.action).toBe('update');
    expect(change.content).toMatch(/^# our hooks\n/);
    const config = parse(change.content!);
    expect(config.repos).toEqual([
      { repo: 'https://github.com/astral-sh/ruff-pre-commit', rev: 'v0.6.0', hooks: [{ id: 'ruff' }] },
      { repo: '/src/modelreg', rev: 'abc123', hooks: [{ id: 'modelreg-check' }, { id: 'modelreg-commit-msg' }, { id: 'modelreg-pre-push' }] },
    ]);
    expect(config.default_install_hook_types).toEqual(['pre-commit', 'commit-msg', 'pre-push']);
    expect(plan(change.content, { repo: '/src/modelreg', rev: 'abc123' })).toMatchObject({ action: 'unchanged' });
  });

  it('a package specifier becomes a repo: local entry with the hooks of .pre-commit-hooks.yaml', () => {
    const created = plan(undefined, { dependency: '/tmp/modelreg-0.1.0.tgz' }).content!;
    expect(created).toMatch(/^repos:\n {2}- repo: local\n {4}hooks:\n {6}- id: modelreg-check\n/);
    const config = parse(created);
    const hooks = (parse(PRE_COMMIT_HOOKS_YAML) as Record<string, unknown>[]).map(({ description: _d, ...h }) => ({ ...h, additional_dependencies: ['/tmp/modelreg-0.1.0.tgz'] }));
    expect(config.repos).toEqual([{ repo: 'local', hooks }]);
  });

  it('an invalid config is one line', () => {
    expect(planPreCommitConfig('repos: [\n', { dependency: 'x' }, PRE_COMMIT_HOOKS_YAML)).toEqual({ error: expect.stringMatching(/^\.pre-commit-config\.yaml is not valid YAML/) });
    expect(planPreCommitConfig('- a\n', { dependency: 'x' }, PRE_COMMIT_HOOKS_YAML)).toEqual({ error: expect.stringMatching(/must hold a mapping/) });
  });
});

describe('gitRepoOf', () => {
  it('reads the repository and revision of git specifiers; none without a revision', () => {
    expect(gitRepoOf('git+https://example.com/team/modelreg.git#v0.2.0')).toEqual({ repo: 'https://example.com/team/modelreg.git', rev: 'v0.2.0' });
    expect(gitRepoOf('github:team/modelreg#v0.2.0')).toEqual({ repo: 'https://github.com/team/modelreg', rev: 'v0.2.0' });
    expect(gitRepoOf('github:team/modelreg')).toBeNull();
    expect(gitRepoOf('file:/tmp/modelreg-0.1.0.tgz')).toBeNull();
  });
});
