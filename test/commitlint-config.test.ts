// The commit-msg hook's own commitlint config loader (packages/hooks/src/commitlint-config.ts)
// against @commitlint/load itself, on real configs in real repositories: what each returns must be
// the same (rules, parser options, ignores, help URL, plugins), and `modelreg hook commit-msg` must
// print the same and exit the same whichever loaded the config (MODELREG_COMMITLINT_LOAD=1 makes
// the hook use @commitlint/load). Each comparison runs in a process of its own, from the
// repository, as the hook does: a config module is imported once per process.
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TestRepo, cleanTemps, tempDir } from './helpers/repo.js';
import { installHookTools } from './helpers/hook-tools.js';

afterAll(cleanTemps);

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const url = (file: string) => pathToFileURL(file).href;
const LEAN = url(join(ROOT, 'packages', 'hooks', 'dist', 'commitlint-config.js'));
const PLUGIN_CONFIG = url(join(ROOT, 'packages', 'commitlint-plugin', 'dist', 'config.js'));
const LOAD = url(createRequire(join(ROOT, 'packages', 'hooks', 'package.json')).resolve('@commitlint/load'));

/** Prints, as JSON, what the lean loader, @commitlint/load and the hook's loader (lean or not) make of the config. */
const COMPARE = `
const [{ loadLean, loadCommitlintConfig }, { createConfig }, { default: load }] = await Promise.all([import(${JSON.stringify(LEAN)}), import(${JSON.stringify(PLUGIN_CONFIG)}), import(${JSON.stringify(LOAD)})]);
const plain = (v) => JSON.parse(JSON.stringify(v, (_, x) => (typeof x === 'function' ? 'function ' + String(x) : x instanceof RegExp ? 'RegExp ' + String(x) : x === undefined ? '<undefined>' : x)));
const pick = (c) => plain({
  rules: c.rules,
  parserPreset: c.parserPreset,
  ignores: c.ignores,
  defaultIgnores: c.defaultIgnores,
  helpUrl: c.helpUrl,
  plugins: Object.fromEntries(Object.entries(c.plugins).map(([k, p]) => [k, Object.keys(p.rules ?? {})])),
});
const cwd = process.cwd();
// As the hook does: modelreg's own copy of its shareable config stands in for the file it ships.
const out = { substituted: false };
const modelreg = { file: ${JSON.stringify(join(ROOT, 'packages', 'cli', 'dist', 'commitlint.mjs'))}, config: () => ((out.substituted = true), createConfig()) };
await loadLean({ cwd, modelreg }).then((c) => (out.lean = pick(c)), (e) => (out.why = e.constructor.name + ': ' + e.message));
await load({}, { cwd }).then((c) => (out.load = pick(c)), (e) => (out.loadError = e.message));
await loadCommitlintConfig({ cwd, env: {}, modelreg }).then((r) => { out.hook = pick(r.config); out.fallback = r.fallback; }, (e) => (out.hookError = e.message));
console.log(JSON.stringify(out));
`;
const script = join(tempDir('modelreg-commitlint-config-'), 'compare.mjs');
writeFileSync(script, COMPARE);

type Loaded = { rules: Record<string, unknown[] | undefined>; parserPreset?: { name?: string; parserOpts?: Record<string, unknown> }; ignores?: unknown; defaultIgnores?: unknown; helpUrl: string; plugins: Record<string, string[]> };
interface Compared {
  /** The lean loader used modelreg's own copy of its shareable config. */
  substituted: boolean;
  lean?: Loaded;
  why?: string;
  load?: Loaded;
  loadError?: string;
  hook?: Loaded;
  fallback?: string;
  hookError?: string;
}

const ANNOTATION = 'artifacts:\n  churn:\n    type: model\n    path: models/churn.pkl\n';

/** A repository with the hook tools (config-conventional, modelreg's bundle), a model with a staged change, and `files`. */
function setup(files: Record<string, string>): TestRepo {
  const repo = TestRepo.init();
  installHookTools(repo);
  repo.write('.gitignore', 'node_modules/\n');
  repo.write('dvc.yaml', ANNOTATION);
  repo.write('models/churn.pkl', 'v1\n');
  repo.git(['add', '-A']);
  repo.git(['commit', '-q', '-m', 'start']);
  repo.write('models/churn.pkl', 'v2\n');
  repo.git(['add', 'models/churn.pkl']);
  for (const [file, text] of Object.entries(files)) repo.write(file, text);
  return repo;
}

function compare(repo: TestRepo): Compared {
  const r = spawnSync(process.execPath, [script], { cwd: repo.dir, env: repo.env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as Compared;
}

const CONVENTIONAL = '@commitlint/config-conventional';
const OURS = './node_modules/modelreg/bundle/commitlint.mjs';
const TYPES = ['build', 'chore', 'ci', 'docs', 'feat', 'fix', 'perf', 'refactor', 'revert', 'style', 'test'];

/** Configs the lean loader loads itself, and a check of what @commitlint/load made of each (so no case is empty). */
const LEAN_CASES: Record<string, { files: Record<string, string>; check: (c: Loaded) => void; substituted?: boolean }> = {
  'JSON extending config-conventional': {
    files: { '.commitlintrc.json': JSON.stringify({ extends: [CONVENTIONAL] }) },
    check: (c) => {
      expect(c.rules['type-enum']).toEqual([2, 'always', TYPES]);
      expect(c.parserPreset?.name).toBe('conventional-changelog-conventionalcommits');
      expect(c.parserPreset?.parserOpts?.['headerPattern']).toBe('RegExp /^(\\w*)(?:\\((.*)\\))?!?: (.*)$/');
      expect(c.parserPreset?.parserOpts?.['issuePrefixes']).toEqual(['#']);
    },
  },
  'the config init writes: config-conventional and modelreg’s': {
    files: { '.commitlintrc.json': JSON.stringify({ extends: [CONVENTIONAL, OURS] }, null, 2) },
    substituted: true,
    check: (c) => {
      expect(c.rules['model-trailer-required']).toMatchObject([2, 'always', { changedPaths: ['models/churn.pkl'] }]);
      expect(c.rules['subject-empty']).toEqual([2, 'never']);
      expect(c.plugins).toEqual({ local: ['model-trailer-required', 'model-trailer-known', 'model-bump-valid', 'model-metric-format', 'model-data-format'] });
    },
  },
  'YAML: extends as a string, rules overriding the extended ones': {
    files: { '.commitlintrc.yaml': `extends: '${CONVENTIONAL}'\nrules:\n  header-max-length: [2, always, 72]\n  type-enum: [2, always, [feat, fix]]\n  body-leading-blank: [0]\n` },
    check: (c) => {
      expect(c.rules['header-max-length']).toEqual([2, 'always', 72]);
      expect(c.rules['type-enum']).toEqual([2, 'always', ['feat', 'fix']]);
      expect(c.rules['body-leading-blank']).toEqual([0]);
      expect(c.rules['subject-case']).toEqual([2, 'never', ['sentence-case', 'start-case', 'pascal-case', 'upper-case']]);
    },
  },
  'YAML without an extension (.commitlintrc)': {
    files: { '.commitlintrc': `extends:\n  - '${CONVENTIONAL}'\nhelpUrl: https://example.com/commits\ndefaultIgnores: false\n` },
    check: (c) => {
      expect(c.helpUrl).toBe('https://example.com/commits');
      expect(c.defaultIgnores).toBe(false);
    },
  },
  'an empty .commitlintrc and a package.json without a commitlint key are passed over, as cosmiconfig does': {
    files: { 'package.json': JSON.stringify({ name: 'team' }), '.commitlintrc': '\n', '.commitlintrc.yml': `extends: ['${CONVENTIONAL}']\nrules:\n  scope-empty: [2, never]\n` },
    check: (c) => expect(c.rules['scope-empty']).toEqual([2, 'never']),
  },
  'package.json commitlint key': {
    files: { 'package.json': JSON.stringify({ name: 'team', commitlint: { extends: [CONVENTIONAL, OURS], rules: { 'subject-case': [0] } } }) },
    substituted: true,
    check: (c) => {
      expect(c.rules['subject-case']).toEqual([0]);
      expect(c.rules['model-trailer-known']?.[0]).toBe(2);
    },
  },
  '.mjs: rules as a function and an async function, ignores, defaultIgnores, helpUrl': {
    files: {
      'commitlint.config.mjs': `export default {
  extends: ['${CONVENTIONAL}'],
  rules: {
    'scope-enum': () => [2, 'always', ['api', 'ui']],
    'body-max-line-length': async () => [1, 'always', 72],
  },
  ignores: [(message) => message.startsWith('WIP')],
  defaultIgnores: false,
  helpUrl: 'https://example.com/commits',
};
`,
    },
    check: (c) => {
      expect(c.rules['scope-enum']).toEqual([2, 'always', ['api', 'ui']]);
      expect(c.rules['body-max-line-length']).toEqual([1, 'always', 72]);
      expect(c.ignores).toEqual(["function (message) => message.startsWith('WIP')"]);
    },
  },
  '.cjs: a relative extends chain through JSON, an object plugin and its rule': {
    files: {
      'commitlint.config.cjs': "module.exports = { extends: ['./config/base.cjs'], rules: { 'header-max-length': [2, 'always', 60] } };\n",
      'config/base.cjs': `module.exports = {
  extends: ['../shared/root.json', '${CONVENTIONAL}'],
  plugins: [{ rules: { 'no-wip': (parsed) => [!/wip/i.test(parsed.header ?? ''), 'say what is done, not WIP'] } }],
  rules: { 'type-enum': [2, 'always', ['feat', 'fix', 'chore']], 'no-wip': [2, 'always'] },
};
`,
      'shared/root.json': JSON.stringify({ rules: { 'header-max-length': [2, 'always', 50], 'subject-empty': [1, 'never'] } }),
    },
    check: (c) => {
      expect(c.rules['header-max-length']).toEqual([2, 'always', 60]);
      // config-conventional comes after root.json in the chain: its level wins.
      expect(c.rules['subject-empty']).toEqual([2, 'never']);
      expect(c.rules['type-enum']).toEqual([2, 'always', ['feat', 'fix', 'chore']]);
      expect(c.plugins).toEqual({ local: ['no-wip'] });
    },
  },
  'ids with the commitlint-config- prefix and a bare scope, a config exported as a function': {
    files: {
      'commitlint.config.mjs': "export default async () => ({ extends: ['team', '@acme'], rules: { 'subject-full-stop': [0] } });\n",
      'node_modules/commitlint-config-team/package.json': JSON.stringify({ name: 'commitlint-config-team', main: 'lib/index.js' }),
      'node_modules/commitlint-config-team/lib/index.js': `module.exports = { extends: ['${CONVENTIONAL}'], rules: { 'scope-empty': [2, 'never'] } };\n`,
      'node_modules/@acme/commitlint-config/package.json': JSON.stringify({ name: '@acme/commitlint-config', type: 'module', exports: { import: './esm.js', require: './cjs.cjs' } }),
      'node_modules/@acme/commitlint-config/esm.js': "export default { rules: { 'scope-case': [2, 'always', 'kebab-case'] } };\n",
      'node_modules/@acme/commitlint-config/cjs.cjs': "module.exports = { rules: { 'scope-case': [2, 'always', 'upper-case'] } };\n",
    },
    check: (c) => {
      expect(c.rules['scope-empty']).toEqual([2, 'never']);
      // As an import resolves it, not a require.
      expect(c.rules['scope-case']).toEqual([2, 'always', 'kebab-case']);
      expect(c.rules['subject-full-stop']).toEqual([0]);
      expect(c.rules['type-empty']).toEqual([2, 'never']);
    },
  },
  'parserPreset as an object in an .mjs config': {
    files: {
      'commitlint.config.mjs': `export default {
  parserPreset: { parserOpts: { headerPattern: /^\\[(\\w+)\\] (.+)$/, headerCorrespondence: ['type', 'subject'] } },
  rules: { 'type-enum': [2, 'always', ['Add', 'Fix']], 'subject-empty': [2, 'never'] },
};
`,
    },
    check: (c) => expect(c.parserPreset?.parserOpts).toEqual({ headerPattern: 'RegExp /^\\[(\\w+)\\] (.+)$/', headerCorrespondence: ['type', 'subject'] }),
  },
  'parserPreset as a module name (a conventional-changelog preset factory)': {
    files: {
      '.commitlintrc.json': JSON.stringify({ parserPreset: 'conventional-changelog-acme', rules: { 'type-enum': [2, 'always', ['feat', 'fix']], 'references-empty': [2, 'never'] } }),
      'node_modules/conventional-changelog-acme/package.json': JSON.stringify({ name: 'conventional-changelog-acme', type: 'module', exports: './index.js' }),
      'node_modules/conventional-changelog-acme/index.js': `export default function createPreset(config) {
  return { parser: { headerPattern: /^(\\w+): (.*)$/, headerCorrespondence: ['type', 'subject'], issuePrefixes: config?.issuePrefixes || ['ACME-'] }, writer: {} };
}
`,
    },
    check: (c) => {
      expect(c.parserPreset?.name).toBe('conventional-changelog-acme');
      expect(c.parserPreset?.parserOpts).toEqual({ headerPattern: 'RegExp /^(\\w+): (.*)$/', headerCorrespondence: ['type', 'subject'], issuePrefixes: ['ACME-'] });
    },
  },
  'parserPreset options merged over config-conventional’s preset': {
    files: { '.commitlintrc.json': JSON.stringify({ extends: [CONVENTIONAL], parserPreset: { parserOpts: { issuePrefixes: ['PROJ-'] } }, rules: { 'references-empty': [2, 'never'] } }) },
    // An object over the extended preset's factory replaces it (es-toolkit's merge): config-conventional's header pattern is gone.
    check: (c) => expect(c.parserPreset).toMatchObject({ name: 'conventional-changelog-conventionalcommits', parserOpts: { issuePrefixes: ['PROJ-'] } }),
  },
  'parserPreset as a function': {
    files: { 'commitlint.config.mjs': "export default { extends: ['" + CONVENTIONAL + "'], parserPreset: () => ({ parserOpts: { noteKeywords: ['BREAKS'] } }) };\n" },
    check: (c) => expect(c.parserPreset?.parserOpts).toEqual({ noteKeywords: ['BREAKS'] }),
  },
};

describe('the lean commitlint config loader gives what @commitlint/load gives', () => {
  for (const [name, { files, check, substituted = false }] of Object.entries(LEAN_CASES)) {
    it(name, () => {
      const out = compare(setup(files));
      expect(out.loadError).toBeUndefined();
      check(out.load!);
      expect(out.why).toBeUndefined();
      expect(out.substituted).toBe(substituted);
      expect(out.lean).toEqual(out.load);
      expect(out.fallback).toBeUndefined();
      expect(out.hook).toEqual(out.load);
    });
  }
});

describe('what it does not replicate is left to @commitlint/load', () => {
  const cases: Record<string, { files: Record<string, string>; why: RegExp }> = {
    'a TypeScript config': {
      files: { 'commitlint.config.ts': `import type { UserConfig } from '@commitlint/types';\nconst config: UserConfig = { extends: ['${CONVENTIONAL}'], rules: { 'header-max-length': [2, 'always', 80] } };\nexport default config;\n` },
      why: /^Unsupported: commitlint\.config\.ts: commitlint's TypeScript-capable loader reads it$/,
    },
    'a plugin given by name': {
      files: { '.commitlintrc.json': JSON.stringify({ extends: [CONVENTIONAL], plugins: ['acme'] }) },
      why: /^Unsupported: the plugin acme, given by name$/,
    },
    'a cosmiconfig meta config': {
      files: { '.commitlintrc.json': JSON.stringify({ extends: [CONVENTIONAL] }), '.config/config.json': JSON.stringify({ cosmiconfig: { searchPlaces: ['.config/commitlint.json'] } }) },
      why: /^Unsupported: a cosmiconfig meta config may apply$/,
    },
    'a rule level the schema refuses': {
      files: { '.commitlintrc.json': JSON.stringify({ extends: [CONVENTIONAL], rules: { 'header-max-length': [3, 'always', 72] } }) },
      why: /^Unsupported: the config may not be valid for commitlint$/,
    },
    'an extends id only the global directories could hold': {
      files: { '.commitlintrc.json': JSON.stringify({ extends: ['nowhere'] }) },
      why: /^Unsupported: cannot resolve commitlint-config-nowhere from /,
    },
  };
  for (const [name, { files, why }] of Object.entries(cases)) {
    it(name, () => {
      const out = compare(setup(files));
      expect(out.why).toMatch(why);
      expect(out.lean).toBeUndefined();
      // The hook's loader answers as @commitlint/load does, config or error.
      if (out.loadError !== undefined) expect(out.hookError).toBe(out.loadError);
      else expect(out).toMatchObject({ hook: out.load, fallback: out.why!.replace(/^Unsupported: /, '') });
    });
  }
});

describe('modelreg hook commit-msg prints the same, lean or through @commitlint/load', () => {
  const MESSAGES = [
    'feat: add the churn model\n',
    'Add the churn model.\n',
    `feat(api): ${'x'.repeat(120)}\n`,
    'fix!: drop v1\n\nBREAKING CHANGE: v1 is gone\n',
    'feat: add x\nbody without a blank line\n',
    'WIP: half of it\n',
    "Merge branch 'side'\n",
    '# only a comment\n',
    'feat: retrain\n\nModel: chrun\n',
    'feat(ui): retrain, see #12 and PROJ-7\n\nModel: churn\n',
    '[Add] churn model\n',
  ];
  const configs = ['the config init writes: config-conventional and modelreg’s', '.mjs: rules as a function and an async function, ignores, defaultIgnores, helpUrl', '.cjs: a relative extends chain through JSON, an object plugin and its rule', 'parserPreset as an object in an .mjs config', 'parserPreset options merged over config-conventional’s preset'];
  for (const name of configs) {
    it(name, () => {
      const repo = setup(LEAN_CASES[name]!.files);
      const outcomes = new Set<string>();
      for (const message of MESSAGES) {
        writeFileSync(join(repo.dir, '.git', 'COMMIT_EDITMSG'), message);
        const lean = repo.modelreg(['hook', 'commit-msg', '.git/COMMIT_EDITMSG']);
        const full = repo.modelreg(['hook', 'commit-msg', '.git/COMMIT_EDITMSG'], { env: { MODELREG_COMMITLINT_LOAD: '1' } });
        expect(lean, message).toEqual(full);
        outcomes.add(`${lean.code} ${lean.stderr.includes(': warning: ')}`);
      }
      // Some messages pass and some are refused.
      expect(outcomes).toContain('0 false');
      expect([...outcomes].some((o) => o.startsWith('1 '))).toBe(true);
    });
  }
});
