// The pre-commit framework route of `modelreg init`, planned: modelreg's three hooks added to a
// team's .pre-commit-config.yaml, everything else in it kept. Pure, like init-plan.ts.
import { isMap, isSeq, parse, parseDocument } from 'yaml';
import type { PlannedChange } from './init-plan.js';

export const PRE_COMMIT_CONFIG = '.pre-commit-config.yaml';

/**
 * Where the framework gets modelreg: a git repository at a revision that exists (it reads the
 * hooks from that repository's .pre-commit-hooks.yaml), or a `repo: local` entry whose hooks npm
 * installs from a package specifier (a tarball, a directory, a git URL without a revision).
 */
export type FrameworkSource = { repo: string; rev: string } | { dependency: string };

/** The hook types modelreg's hooks run in; `pre-commit install` installs these with the config's help. */
const HOOK_TYPES = ['pre-commit', 'commit-msg', 'pre-push'];

/** A git specifier npm takes (`git+https://host/x.git#v1`, `github:owner/repo#v1`) as a repository and revision. */
export function gitRepoOf(spec: string): { repo: string; rev: string } | null {
  const hash = spec.lastIndexOf('#');
  if (hash < 0 || hash === spec.length - 1) return null;
  const [url, rev] = [spec.slice(0, hash), spec.slice(hash + 1)];
  if (/^github:/.test(url)) return { repo: `https://github.com/${url.slice('github:'.length)}`, rev };
  if (/^git\+[a-z]+:\/\//.test(url)) return { repo: url.slice('git+'.length), rev };
  if (/^(?:git|ssh|https?):\/\/.*\.git$/.test(url)) return { repo: url, rev };
  return null;
}

/** The `repo:` entry for `source`; the hooks' definitions come from .pre-commit-hooks.yaml. */
function repoEntry(source: FrameworkSource, hooksYaml: string): Record<string, unknown> {
  const hooks = parse(hooksYaml) as Record<string, unknown>[];
  if ('repo' in source) return { repo: source.repo, rev: source.rev, hooks: hooks.map((h) => ({ id: h['id'] })) };
  return {
    repo: 'local',
    hooks: hooks.map(({ description: _description, ...hook }) => ({ ...hook, additional_dependencies: [source.dependency] })),
  };
}

const MODELREG_IDS = /^modelreg-/;

export function planPreCommitConfig(text: string | undefined, source: FrameworkSource, hooksYaml: string): { change: PlannedChange } | { error: string } {
  const doc = parseDocument(text ?? 'repos: []\n');
  if (doc.errors.length > 0) return { error: `${PRE_COMMIT_CONFIG} is not valid YAML (${doc.errors[0]!.message.split('\n')[0]}): fix it, then run modelreg init again` };
  if (!isMap(doc.contents)) return { error: `${PRE_COMMIT_CONFIG} must hold a mapping with repos: fix it, then run modelreg init again` };
  const config = (doc.toJS() ?? {}) as { repos?: { hooks?: { id?: unknown }[] }[]; default_install_hook_types?: unknown };
  const ids = (config.repos ?? []).flatMap((r) => (Array.isArray(r?.hooks) ? r.hooks : [])).map((h) => h?.id);
  const details: string[] = [];
  if (!ids.some((id) => typeof id === 'string' && MODELREG_IDS.test(id))) {
    const repos = doc.get('repos');
    if (!isSeq(repos)) doc.set('repos', doc.createNode([]));
    // `repos: []` would take the entry in flow style, one long line of braces.
    else if (repos.items.length === 0) repos.flow = false;
    doc.addIn(['repos'], doc.createNode(repoEntry(source, hooksYaml)));
    details.push('repo' in source ? `modelreg's hooks from ${source.repo} at ${source.rev}` : `modelreg's hooks (repo: local), installed from ${source.dependency}`);
  }
  const types = Array.isArray(config.default_install_hook_types) ? (config.default_install_hook_types as unknown[]) : ['pre-commit'];
  const missing = HOOK_TYPES.filter((t) => !types.includes(t));
  if (missing.length > 0) {
    doc.set('default_install_hook_types', doc.createNode([...types, ...missing], { flow: true }));
    details.push(`default_install_hook_types: ${[...types, ...missing].join(', ')} (pre-commit install installs them all)`);
  }
  if (details.length === 0) return { change: { file: PRE_COMMIT_CONFIG, action: 'unchanged', details: ["already runs modelreg's hooks"] } };
  return { change: { file: PRE_COMMIT_CONFIG, action: text === undefined ? 'create' : 'update', details, content: doc.toString() } };
}
