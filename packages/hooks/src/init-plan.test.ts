import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMMITLINT_CONFIG, planInit, type InitInput, type PlannedChange } from './init-plan.js';

const templates = {
  'pre-commit': '# modelreg\nmodelreg hook pre-commit\n',
  'pre-merge-commit': '# modelreg merge\nmodelreg hook pre-commit\n',
  'commit-msg': 'modelreg hook commit-msg "$1"\n',
  'pre-push': 'modelreg hook pre-push "$@"\n',
};
const devDependencies = { modelreg: '^0.1.0', husky: '^9.1.7' };
/** What init puts first in a pre-push hook that runs other commands. */
const SHARED = `# modelreg: every registry tag being pushed is checked. Git gives the refs on stdin once: they are
# read here, and handed on to the commands below as Git wrote them (nothing when there are none).
modelreg_refs=$(cat)
printf '%s' "$modelreg_refs" | NODE_EXTRA_CA_CERTS= MODELREG_NODE_EXTRA_CA_CERTS="\${NODE_EXTRA_CA_CERTS-}" modelreg hook pre-push "$@" || exit 1
if [ -z "$modelreg_refs" ]; then exec </dev/null; else exec <<MODELREG_REFS
$modelreg_refs
MODELREG_REFS
fi
`;

function plan(files: Record<string, string>, extra: Partial<InitInput> = {}): PlannedChange[] {
  const r = planInit({ files: new Map(Object.entries(files)), templates, devDependencies, packageName: 'models', ...extra });
  if ('error' in r) throw new Error(r.error);
  return r.changes;
}
const byFile = (changes: PlannedChange[]) => Object.fromEntries(changes.map((c) => [c.file, c]));
const actions = (changes: PlannedChange[]) => Object.fromEntries(changes.map((c) => [c.file, c.action]));

/** Apply a plan to the files, as init.ts does. */
function apply(files: Record<string, string>, changes: PlannedChange[]): Record<string, string> {
  const next = { ...files };
  for (const c of changes) if (c.content !== undefined) next[c.file] = c.content;
  return next;
}

describe('planInit: a repository with nothing (a Python ML repository)', () => {
  const changes = plan({});

  it('creates package.json, a commitlint config, the four hooks and .gitignore', () => {
    expect(actions(changes)).toEqual({
      'package.json': 'create',
      'commitlint.config.mjs': 'create',
      '.husky/pre-commit': 'create',
      '.husky/pre-merge-commit': 'create',
      '.husky/commit-msg': 'create',
      '.husky/pre-push': 'create',
      '.gitignore': 'create',
    });
    const files = byFile(changes);
    expect(JSON.parse(files['package.json']!.content!)).toEqual({
      name: 'models',
      private: true,
      scripts: { prepare: 'husky' },
      devDependencies,
    });
    expect(files['commitlint.config.mjs']!.content).toBe(`export default {\n  "extends": [\n    "${COMMITLINT_CONFIG}"\n  ]\n};\n`);
    expect(files['.husky/pre-push']!.content).toBe(templates['pre-push']);
    expect(files['.gitignore']!.content).toBe('node_modules/\n');
  });

  it('is idempotent: planning again on the result changes nothing', () => {
    const again = plan(apply({}, changes));
    expect(again.every((c) => c.action === 'unchanged')).toBe(true);
    expect(again.map((c) => c.file).sort()).toEqual(['.gitignore', '.husky/commit-msg', '.husky/pre-commit', '.husky/pre-merge-commit', '.husky/pre-push', 'commitlint.config.mjs', 'package.json']);
  });
});

describe('planInit: merging into what a team already has', () => {
  const existing = {
    'package.json': JSON.stringify(
      {
        name: 'app',
        scripts: { prepare: 'node build.js', test: 'vitest' },
        dependencies: { modelreg: '^0.1.0' },
        devDependencies: { husky: '^9.0.0' },
        'lint-staged': { '*.ts': 'eslint --fix' },
      },
      null,
      4,
    ),
    '.husky/pre-commit': 'npx lint-staged\n',
    '.husky/commit-msg': 'npx --no -- commitlint --edit "$1"\n',
    '.husky/pre-push': 'npm test',
    '.commitlintrc.json': '{\n  "extends": "@commitlint/config-conventional"\n}\n',
    '.gitignore': 'dist\n/node_modules\n',
  };
  const changes = plan(existing);
  const files = byFile(changes);

  it('keeps their scripts, versions and tasks, and adds ours; keeps the file\'s indentation', () => {
    const text = files['package.json']!.content!;
    expect(text.split('\n')[1]).toBe('    "name": "app",');
    expect(JSON.parse(text)).toEqual({
      name: 'app',
      scripts: { prepare: 'node build.js && husky', test: 'vitest' },
      dependencies: { modelreg: '^0.1.0' },
      devDependencies: { husky: '^9.0.0' },
      'lint-staged': { '*.ts': 'eslint --fix' },
    });
  });

  it('runs their lint-staged first, then modelreg; their commitlint config gains our rules, and modelreg runs it in place of commitlint', () => {
    expect(files['.husky/pre-commit']!.content).toBe('npx lint-staged\n# modelreg\nmodelreg hook pre-commit\n');
    expect(files['.husky/commit-msg']).toMatchObject({
      action: 'update',
      details: ['\'npx --no -- commitlint --edit "$1"\' now runs as \'modelreg hook commit-msg "$1"\' (the same commitlint config and rules, one Node start fewer)'],
      content: templates['commit-msg'],
    });
    expect(JSON.parse(files['.commitlintrc.json']!.content!)).toEqual({ extends: ['@commitlint/config-conventional', COMMITLINT_CONFIG] });
    expect(files['commitlint.config.mjs']).toBeUndefined();
  });

  it('replaces only a plain commitlint --edit line, keeping the rest of the hook', () => {
    const commitMsg = (hook: string, extra: Partial<InitInput> = {}) => byFile(plan({ '.husky/commit-msg': hook }, extra))['.husky/commit-msg']!;
    for (const line of ['commitlint --edit "$1"', 'commitlint --edit $1', 'commitlint --edit "${1}"', 'npx --no -- commitlint --edit "$1"', 'npx --no-install commitlint --edit "$1"', 'pnpm exec commitlint --edit "$1"', 'yarn commitlint --edit ${1}']) {
      const hook = `#!/bin/sh\n# conventional commits\n${line}\necho done\n`;
      expect(commitMsg(hook), line).toMatchObject({ action: 'update', content: `#!/bin/sh\n# conventional commits\n${templates['commit-msg']}echo done\n` });
    }
    // Inside a block, indented and in CRLF; the last line without a newline.
    const block = 'if [ -z "$CI" ]; then\r\n  commitlint --edit "$1"\r\nfi';
    expect(commitMsg(block).content).toBe('if [ -z "$CI" ]; then\r\n  modelreg hook commit-msg "$1"\r\nfi');
    expect(commitMsg('commitlint --edit "$1"').content).toBe(templates['commit-msg']);
    // husky 8: through npx, as its other lines.
    const husky8 = { 'package.json': JSON.stringify({ devDependencies: { husky: '^8.0.3' } }) };
    const old = '#!/usr/bin/env sh\n. "$(dirname -- "$0")/_/husky.sh"\n\nnpx --no -- commitlint --edit "$1"\n';
    expect(byFile(plan({ ...husky8, '.husky/commit-msg': old }))['.husky/commit-msg']!.content).toBe('#!/usr/bin/env sh\n. "$(dirname -- "$0")/_/husky.sh"\n\nnpx --no -- modelreg hook commit-msg "$1"\n');
    // Any other option, command or shape keeps commitlint, as does a second call.
    for (const hook of [
      'commitlint --edit "$1" --verbose\n',
      'npx --no -- commitlint --config .config/commitlint.mjs --edit "$1"\n',
      'commitlint --extends @commitlint/config-angular --edit "$1"\n',
      'npx commitlint --edit "$1"\n',
      'commitlint --edit "$1" || exit 0\n',
      'exec commitlint --edit "$1"\n',
      'commitlint --edit\n',
      'commitlint --edit "$1"\ncommitlint --edit "$1"\n',
      'commitlint --edit "$1"\nCOMMITLINT=1 git log -1 | commitlint\n',
    ]) {
      expect(commitMsg(hook), hook).toMatchObject({ action: 'unchanged', details: ["already runs commitlint, whose config now loads modelreg's rules"] });
    }
    // A comment naming commitlint is no call.
    expect(commitMsg('# lint with commitlint\ncommitlint --edit "$1"\n').content).toBe(`# lint with commitlint\n${templates['commit-msg']}`);
  });

  it('goes first in a pre-push hook that runs something else, handing the refs on to it', () => {
    expect(files['.husky/pre-push']!.content).toBe(`${SHARED}npm test`);
    expect(files['.husky/pre-push']!.details).toEqual(['inserted first, handing the pushed refs on to the rest of the hook']);
    expect(files['.gitignore']!.action).toBe('unchanged');
  });

  it('is idempotent after merging', () => {
    expect(plan(apply(existing, changes)).every((c) => c.action === 'unchanged')).toBe(true);
  });

  it('merges a YAML config and keeps its comments; leaves a lint-staged config alone', () => {
    const yaml = plan({ '.lintstagedrc.yaml': '# ours\n"*.py": ruff check\n', '.commitlintrc.yml': '# team rules\nextends:\n  - "@commitlint/config-conventional"\n' });
    const f = byFile(yaml);
    expect(f['.commitlintrc.yml']!.content).toBe(`# team rules\nextends:\n  - "@commitlint/config-conventional"\n  - ${COMMITLINT_CONFIG}\n`);
    expect(f['.lintstagedrc.yaml']).toBeUndefined();
    expect(JSON.parse(f['package.json']!.content!)['lint-staged']).toBeUndefined();
  });

  it('--from replaces the modelreg an earlier init wrote, and the plugin dependency that never existed goes', () => {
    const pkg = '{"devDependencies": {"modelreg": "^0.1.0", "@modelreg/commitlint-plugin": "^0.1.0", "husky": "^9.1.7"}}';
    const spec = { modelreg: 'file:vendor/modelreg-0.2.0.tgz', husky: '^9.1.7' };
    const kept = byFile(plan({ 'package.json': pkg }, { devDependencies: spec }));
    expect(JSON.parse(kept['package.json']!.content!).devDependencies).toEqual({ modelreg: '^0.1.0', husky: '^9.1.7' });
    const replaced = byFile(plan({ 'package.json': pkg }, { devDependencies: spec, replace: ['modelreg'] }));
    expect(JSON.parse(replaced['package.json']!.content!).devDependencies).toEqual({ modelreg: 'file:vendor/modelreg-0.2.0.tgz', husky: '^9.1.7' });
    const again = plan(apply({ 'package.json': pkg }, replaced ? Object.values(replaced) : []), { devDependencies: spec, replace: ['modelreg'] });
    expect(actions(again)['package.json']).toBe('unchanged');
  });

  it('installLinks: .npmrc gets install-links=true once, after what it holds', () => {
    const f = byFile(plan({ '.npmrc': 'fund=false' }, { installLinks: true }));
    expect(f['.npmrc']).toMatchObject({ action: 'update', content: 'fund=false\ninstall-links=true\n' });
    expect(actions(plan({ '.npmrc': 'install-links = true\n' }, { installLinks: true }))['.npmrc']).toBe('unchanged');
    expect(byFile(plan({}))['.npmrc']).toBeUndefined();
  });

  it('a commitlint key in package.json is merged there', () => {
    const f = byFile(plan({ 'package.json': '{"commitlint": {"extends": ["@commitlint/config-conventional"]}}' }));
    expect(JSON.parse(f['package.json']!.content!).commitlint).toEqual({ extends: ['@commitlint/config-conventional', COMMITLINT_CONFIG] });
    expect(f['commitlint.config.mjs']).toBeUndefined();
  });
});

describe('planInit: what cannot be merged', () => {
  const js = { 'commitlint.config.js': "module.exports = { extends: ['@commitlint/config-conventional'] };\n" };

  it('a JavaScript config is a conflict with the line to add by hand', () => {
    const f = byFile(plan(js));
    expect(f['commitlint.config.js']).toEqual({
      file: 'commitlint.config.js',
      action: 'conflict',
      details: ['a JavaScript config cannot be merged'],
      hint: `add '${COMMITLINT_CONFIG}' to its extends, or run modelreg init --force to replace the file`,
    });
  });

  it('--force replaces it in the module syntax its name (or package.json type) says', () => {
    const f = byFile(plan({ ...js, 'package.json': '{"type": "commonjs"}' }, { force: true }));
    expect(f['commitlint.config.js']!.content).toBe(`module.exports = {\n  "extends": [\n    "${COMMITLINT_CONFIG}"\n  ]\n};\n`);
    const esm = byFile(plan({ 'commitlint.config.js': 'module.exports = {};\n', 'package.json': '{"type": "module"}' }, { force: true }));
    expect(esm['commitlint.config.js']!.content).toBe(`export default {\n  "extends": [\n    "${COMMITLINT_CONFIG}"\n  ]\n};\n`);
  });

  it('a JavaScript config that already loads modelreg is left alone', () => {
    const f = byFile(plan({ 'commitlint.config.ts': "export default { extends: ['@modelreg/commitlint-plugin/config'] };\n" }));
    expect(f['commitlint.config.ts']!.action).toBe('unchanged');
  });

  it('a broken package.json or YAML config is one clear error, not a rewrite', () => {
    const err = (files: Record<string, string>) => planInit({ files: new Map(Object.entries(files)), templates, devDependencies, packageName: 'x' });
    expect(err({ 'package.json': '{"name": ' })).toEqual({ error: expect.stringMatching(/^package\.json is not valid JSON \(.+\): fix it, then run modelreg init again$/) });
    expect(err({ 'package.json': '[]' })).toEqual({ error: 'package.json must hold a JSON object: fix it, then run modelreg init again' });
    expect(err({ '.commitlintrc': 'extends: [oops\n' })).toEqual({ error: expect.stringMatching(/^\.commitlintrc is not valid YAML \(.+\): fix it, then run modelreg init again$/) });
  });

  it('a BOM and CRLF line endings survive a rewrite', () => {
    const f = byFile(plan({ 'package.json': '\uFEFF{\r\n  "name": "x"\r\n}\r\n' }));
    expect(f['package.json']!.content).toMatch(/^\{\r\n {2}"name": "x",\r\n/);
    expect(f['package.json']!.content!.endsWith('}\r\n')).toBe(true);
  });
});

describe('planInit: a repository set up by an earlier init (lint-staged ran the validator)', () => {
  const OLD_TEMPLATE =
    '# modelreg: staged annotation files and config reach `modelreg hook pre-commit` through lint-staged.\nlint-staged --quiet\n' +
    '# modelreg: lint-staged passes only added and modified files; a deleted or renamed file is checked here.\n' +
    'git diff --cached --quiet --diff-filter=DR || modelreg hook pre-commit\n';
  const OLD_ENTRY = { '{dvc.yaml,artifacts.yaml,.modelreg.yaml,.gto}': 'modelreg hook pre-commit' };

  it('replaces the old hook and drops the old lint-staged entry, keeping the team\'s own', () => {
    const mine = byFile(plan({ '.husky/pre-commit': OLD_TEMPLATE, 'package.json': JSON.stringify({ 'lint-staged': OLD_ENTRY }) }));
    expect(mine['.husky/pre-commit']).toMatchObject({ action: 'update', content: templates['pre-commit'] });
    expect(JSON.parse(mine['package.json']!.content!)['lint-staged']).toBeUndefined();

    const team = { '.husky/pre-commit': `npx lint-staged\n${OLD_TEMPLATE.split('\n').slice(2).join('\n')}`, 'package.json': JSON.stringify({ 'lint-staged': { '*.ts': 'eslint', ...OLD_ENTRY } }) };
    const changes = plan(team);
    const theirs = byFile(changes);
    expect(theirs['.husky/pre-commit']!.content).toBe(`npx lint-staged\n${templates['pre-commit']}`);
    expect(JSON.parse(theirs['package.json']!.content!)['lint-staged']).toEqual({ '*.ts': 'eslint' });
    expect(plan(apply(team, changes)).every((c) => c.action === 'unchanged')).toBe(true);
  });

  it('a guarded or commented-out call does not count as running modelreg', () => {
    expect(byFile(plan({ '.husky/pre-commit': '# modelreg hook pre-commit\n' }))['.husky/pre-commit']!.action).toBe('update');
    expect(byFile(plan({ '.husky/pre-commit': 'npx --no modelreg hook pre-commit\n' }))['.husky/pre-commit']!.action).toBe('unchanged');
  });

  it('goes before a top-level exit or exec, after which nothing runs (not before exec < /dev/tty)', () => {
    const f = byFile(plan({ '.husky/pre-commit': 'npx lint-staged\nexec < /dev/tty\nif true; then\n  exit 0\nfi\nexec ruff check .\n' }));
    expect(f['.husky/pre-commit']!.content).toBe('npx lint-staged\nexec < /dev/tty\nif true; then\n  exit 0\nfi\n# modelreg\nmodelreg hook pre-commit\nexec ruff check .\n');
    expect(f['.husky/pre-commit']!.details).toEqual(["inserted before the hook's 'exec ruff check .' line"]);
    expect(byFile(plan({ '.husky/commit-msg': 'echo hi\nexit 0\n' }))['.husky/commit-msg']!.content).toBe('echo hi\nmodelreg hook commit-msg "$1"\nexit 0\n');
    // An exit inside a block (indented or not) ends the script only sometimes: appended after it.
    const ci = 'if [ "$CI" = true ]; then\nexit 0\nfi\nnpx lint-staged\n';
    expect(byFile(plan({ '.husky/pre-commit': ci }))['.husky/pre-commit']!.content).toBe(`${ci}# modelreg\nmodelreg hook pre-commit\n`);
  });

  it('keeps a shebang and husky 8 header first in pre-push, and counts the shared block as wired', () => {
    const head = '#!/usr/bin/env sh\n# run by husky\n\n. "$(dirname -- "$0")/_/husky.sh"\n';
    const changes = plan({ '.husky/pre-push': `${head}git lfs pre-push "$@"\n` });
    expect(byFile(changes)['.husky/pre-push']!.content).toBe(`${head}${SHARED}git lfs pre-push "$@"\n`);
    expect(byFile(plan(apply({ '.husky/pre-push': `${head}git lfs pre-push "$@"\n` }, changes)))['.husky/pre-push']!.action).toBe('unchanged');
  });

  it('puts the shared block in place of a plain pre-push call that shares its hook with other commands', () => {
    const late = 'git lfs pre-push "$@"\n# modelreg: every registry tag being pushed is checked (Git gives the refs on stdin).\nmodelreg hook pre-push "$@"\n';
    const f = byFile(plan({ '.husky/pre-push': late }))['.husky/pre-push']!;
    expect(f.content).toBe(`${SHARED}git lfs pre-push "$@"\n`);
    expect(f.details).toEqual(['now first and handing the pushed refs on to the rest of the hook (an earlier modelreg init did not)']);
    // First, it leaves the refs to none of the commands after it: the shared block replaces it too.
    const first = '#!/bin/sh\nmodelreg hook pre-push "$@"\ngit lfs pre-push "$@"\n';
    expect(byFile(plan({ '.husky/pre-push': first }))['.husky/pre-push']!.content).toBe(`#!/bin/sh\n${SHARED}git lfs pre-push "$@"\n`);
    // Alone in its hook, it is left as it is.
    expect(byFile(plan({ '.husky/pre-push': '#!/bin/sh\n# ours\nmodelreg hook pre-push "$@"\n' }))['.husky/pre-push']!.action).toBe('unchanged');
  });

  it('knows its lines that start modelreg with NODE_EXTRA_CA_CERTS moved aside: wired, replaced, and through npx for husky 8', () => {
    const moved = 'NODE_EXTRA_CA_CERTS= MODELREG_NODE_EXTRA_CA_CERTS="${NODE_EXTRA_CA_CERTS-}" ';
    const withMoved = Object.fromEntries(Object.entries(templates).map(([hook, text]) => [hook, text.replace('modelreg hook', `${moved}modelreg hook`)])) as typeof templates;
    const again = byFile(plan({ '.husky/pre-commit': withMoved['pre-commit'], '.husky/pre-push': withMoved['pre-push'] }, { templates: withMoved }));
    expect(again['.husky/pre-commit']!.action).toBe('unchanged');
    expect(again['.husky/pre-push']!.action).toBe('unchanged');
    const late = byFile(plan({ '.husky/pre-push': `git lfs pre-push "$@"\n${withMoved['pre-push']}` }, { templates: withMoved }))['.husky/pre-push']!;
    expect(late.content).toBe(`${SHARED}git lfs pre-push "$@"\n`);
    const husky8 = { 'package.json': JSON.stringify({ devDependencies: { husky: '^8.0.3' } }) };
    // The lines an earlier init wrote gain the assignments; once they have them, nothing changes.
    const earlier = {
      '.husky/pre-commit': 'npm test\r\nmodelreg hook pre-commit\r\n',
      '.husky/commit-msg': '#!/usr/bin/env sh\nnpx --no -- modelreg hook commit-msg "$1"\n',
      '.husky/pre-push': `${SHARED.replace(moved, '')}git lfs pre-push "$@"\n`,
    };
    const upgraded = byFile(plan(earlier, { templates: withMoved }));
    expect(upgraded['.husky/pre-commit']).toMatchObject({ action: 'update', content: `npm test\r\n${moved}modelreg hook pre-commit\r\n` });
    expect(upgraded['.husky/pre-commit']!.details).toEqual(['starts modelreg with NODE_EXTRA_CA_CERTS moved aside (an earlier modelreg init did not)']);
    expect(upgraded['.husky/commit-msg']!.content).toBe(`#!/usr/bin/env sh\n${moved}npx --no -- modelreg hook commit-msg "$1"\n`);
    expect(upgraded['.husky/pre-push']!.content).toBe(`${SHARED}git lfs pre-push "$@"\n`);
    const rerun = Object.fromEntries(Object.entries(upgraded).filter(([f]) => f.startsWith('.husky/')).map(([f, c]) => [f, c.content!]));
    for (const change of plan(rerun, { templates: withMoved }).filter((c) => c.file.startsWith('.husky/') && c.file in rerun)) expect(change.action, change.file).toBe('unchanged');
    expect(byFile(plan(husky8, { templates: withMoved }))['.husky/commit-msg']!.content).toMatch(/\nNODE_EXTRA_CA_CERTS= MODELREG_NODE_EXTRA_CA_CERTS="\$\{NODE_EXTRA_CA_CERTS-\}" npx --no -- modelreg hook commit-msg "\$1"\n$/);
  });

  it('husky 8: hooks call modelreg through npx, and new ones get its header', () => {
    const husky8 = { 'package.json': JSON.stringify({ scripts: { prepare: 'husky install' }, devDependencies: { husky: '^8.0.3' } }) };
    const changes = plan({ ...husky8, '.husky/pre-push': 'npm test\n' });
    const f = byFile(changes);
    expect(f['.husky/pre-commit']!.content).toBe('#!/usr/bin/env sh\n. "$(dirname -- "$0")/_/husky.sh"\n\n# modelreg\nnpx --no -- modelreg hook pre-commit\n');
    expect(f['.husky/pre-commit']!.details).toEqual(['runs modelreg hook pre-commit (through npx: husky 8)']);
    expect(f['.husky/pre-push']!.content).toBe(`${SHARED.replace(' modelreg hook', ' npx --no -- modelreg hook')}npm test\n`);
    expect(JSON.parse(f['package.json']!.content!).devDependencies.husky).toBe('^8.0.3');
    const fresh = byFile(plan({ 'package.json': JSON.stringify({ devDependencies: { husky: '8.0.3' } }) }))['package.json']!;
    expect(JSON.parse(fresh.content!).scripts.prepare).toBe('husky install');
    expect(plan(apply({ ...husky8, '.husky/pre-push': 'npm test\n' }, changes)).every((c) => c.action === 'unchanged')).toBe(true);
  });

  it('appends in the line endings of a CRLF file', () => {
    const f = byFile(plan({ '.husky/pre-push': 'npm test\r\n', '.gitignore': 'dist\r\n' }));
    expect(f['.husky/pre-push']!.content).toBe(`${SHARED.replace(/\n/g, '\r\n')}npm test\r\n`);
    expect(f['.gitignore']!.content).toBe('dist\r\nnode_modules/\r\n');
  });
});

describe('the shared pre-push block, run by a real shell', () => {
  // A fake `modelreg` that records what it was given; the rest of the hook records its stdin too.
  function run(input: string, modelregExit = 0): { modelreg: string; rest: string; code: number } {
    const dir = mkdtempSync(join(tmpdir(), 'modelreg-block-'));
    try {
      writeFileSync(join(dir, 'modelreg'), `#!/bin/sh\ncat > "${dir}/seen-by-modelreg"\nexit ${modelregExit}\n`, { mode: 0o755 });
      const hook = byFile(plan({ '.husky/pre-push': `cat > "${dir}/seen-by-rest"\n` }))['.husky/pre-push']!.content!;
      writeFileSync(join(dir, 'pre-push'), hook);
      const r = spawnSync('sh', ['-e', join(dir, 'pre-push'), 'origin', 'url'], { input, env: { ...process.env, PATH: `${dir}:${process.env.PATH}` }, encoding: 'utf8' });
      const read = (f: string) => (existsSync(join(dir, f)) ? readFileSync(join(dir, f), 'utf8') : '<none>');
      return { modelreg: read('seen-by-modelreg'), rest: read('seen-by-rest'), code: r.status ?? -1 };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('hands the refs to modelreg and, byte for byte, to the rest of the hook', () => {
    const refs = `refs/tags/a$b\`c%d ${'1'.repeat(40)} refs/tags/a$b\`c%d ${'0'.repeat(40)}\nrefs/heads/main ${'2'.repeat(40)} refs/heads/main ${'3'.repeat(40)}\n`;
    expect(run(refs)).toEqual({ modelreg: refs.trimEnd(), rest: refs, code: 0 });
    expect(run('')).toEqual({ modelreg: '', rest: '', code: 0 });
  });

  it('stops the hook when modelreg refuses', () => {
    expect(run(`refs/tags/x ${'1'.repeat(40)} refs/tags/x ${'0'.repeat(40)}\n`, 1)).toMatchObject({ rest: '<none>', code: 1 });
  });
});
