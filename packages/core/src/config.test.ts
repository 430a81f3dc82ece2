import { describe, expect, it } from 'vitest';
import { CONFIG_FILES, parseConfig } from './config.js';
import { formatDiagnostic } from './diagnostics.js';

const messages = (r: ReturnType<typeof parseConfig>) => r.diagnostics.map((d) => `${d.code} ${formatDiagnostic(d)}`);

describe('parseConfig', () => {
  it('reads both config file names', () => {
    expect(CONFIG_FILES).toEqual(['.modelreg.yaml', '.gto']);
  });

  it("reads GTO's .gto as the transcript writes it", () => {
    expect(parseConfig('stages: [dev, prod]\n', '.gto')).toEqual({ config: { file: '.gto', stages: ['dev', 'prod'] }, diagnostics: [] });
  });

  it('reads block lists, types, and removes duplicates', () => {
    const r = parseConfig('types:\n  - model\n  - dataset\nstages:\n  - dev\n  - prod\n  - dev\n', '.modelreg.yaml');
    expect(r).toEqual({ config: { file: '.modelreg.yaml', types: ['model', 'dataset'], stages: ['dev', 'prod'] }, diagnostics: [] });
  });

  it('an empty file, a comment, or a null value means "any"', () => {
    for (const text of ['', '# nothing yet\n', 'stages:\n', 'stages: ~\ntypes: null\n']) {
      expect(parseConfig(text, '.gto'), JSON.stringify(text)).toEqual({ config: { file: '.gto' }, diagnostics: [] });
    }
  });

  it('refuses keys .modelreg.yaml does not define, with a "did you mean", and keeps the rest', () => {
    const r = parseConfig('promotion:\n  prod: [staging]\nstages: [dev]\n', '.modelreg.yaml');
    expect(r.config).toEqual({ file: '.modelreg.yaml', stages: ['dev'] });
    expect(messages(r)).toEqual(["config-value .modelreg.yaml:1:1 promotion: unknown key 'promotion' (did you mean 'rules'?)"]);
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error', hint: 'allowed keys: types, labels, annotations, stages, rules, trailers, changelog, registries' });
  });

  it('reads how strictly model-card fields are checked, and refuses an unknown level', () => {
    expect(parseConfig('annotations:\n  model_card: strict\n', '.modelreg.yaml')).toEqual({ config: { file: '.modelreg.yaml', annotations: { model_card: 'strict' } }, diagnostics: [] });
    expect(messages(parseConfig('annotations: {model_card: strcit}\n', '.modelreg.yaml'))).toEqual([
      'config-value .modelreg.yaml:1:27 annotations.model_card: must be one of "warn", "strict", got "strcit" (did you mean "strict"?)',
    ]);
  });

  it('reads allowed labels from .modelreg.yaml', () => {
    const r = parseConfig('labels: [tabular, nlp, tabular]\n', '.modelreg.yaml');
    expect(r.diagnostics).toEqual([]);
    expect(r.config).toEqual({ file: '.modelreg.yaml', labels: ['tabular', 'nlp'] });
    expect(messages(parseConfig('labels: [ok, -bad]\n', '.modelreg.yaml'))).toEqual([
      expect.stringMatching(/^config-value \.modelreg\.yaml:1:14 labels\[1\]: must match the name rule/),
    ]);
  });

  it("GTO's other .gto settings (and unknown keys) are warnings: GTO had more settings", () => {
    const r = parseConfig('index: artifacts.yaml\nstages: [dev]\nEMOJIS: false\nrules: {}\nstagse: [x]\n', '.gto');
    expect(r.config).toEqual({ file: '.gto', stages: ['dev'] });
    expect(r.diagnostics.every((d) => d.severity === 'warning' && d.code === 'config-ignored-key')).toBe(true);
    expect(messages(r)).toEqual([
      "config-ignored-key .gto:1:1 index: 'index' is a GTO setting that modelreg does not use",
      "config-ignored-key .gto:3:1 EMOJIS: 'EMOJIS' is a GTO setting that modelreg does not use",
      "config-ignored-key .gto:4:1 rules: 'rules' is read from .modelreg.yaml only, not from GTO's .gto",
      "config-ignored-key .gto:5:1 stagse: unknown key 'stagse' in .gto (did you mean 'stages'?): it is ignored",
    ]);
  });

  it('.gto keys are read in any case, as GTO (pydantic-settings) reads them', () => {
    expect(parseConfig('STAGES: [dev]\nTypes: [model]\n', '.gto')).toEqual({ config: { file: '.gto', stages: ['dev'], types: ['model'] }, diagnostics: [] });
    expect(messages(parseConfig('stages: [dev]\nSTAGES: [x]\n', '.gto'))).toEqual([
      "config-syntax .gto:2:1 STAGES: duplicate key 'STAGES': GTO reads keys in any case, and 'stages' is already set on line 1",
    ]);
  });

  it('keys are not read through the prototype', () => {
    for (const file of ['.gto', '.modelreg.yaml']) {
      const r = parseConfig('__proto__:\n  stages: [x]\n', file);
      expect(r.config.stages).toBeUndefined();
      expect(({} as { stages?: unknown }).stages).toBeUndefined();
      expect(r.diagnostics.map((d) => d.message)[0]).toMatch(/^unknown key '__proto__'/);
    }
  });

  it('YAML 1.2: yes/no/on/off are plain stage names', () => {
    expect(parseConfig('stages: [yes, no, on, off]\n', '.gto').config.stages).toEqual(['yes', 'no', 'on', 'off']);
  });

  const NAME_RULE = "must match the name rule (letters, digits, '_', '-', '/'; start and end alphanumeric)";
  it.each([
    ['stages: dev\n', ['.gto:1:9 stages: must be a list of names, got a string']],
    ['types: [model]\nstages: prod\n', ['.gto:2:9 stages: must be a list of names, got a string']],
    ['stages: [dev, "bad name"]\n', [`.gto:1:15 stages[1]: ${NAME_RULE}, got "bad name"`]],
    ['stages: [dev, -prod]\n', [`.gto:1:15 stages[1]: ${NAME_RULE}, got "-prod"`]],
    ['stages: [1, 2]\n', ['.gto:1:10 stages[0]: must be a name, got the number 1', '.gto:1:13 stages[1]: must be a name, got the number 2']],
    ['stages: {dev: 1}\n', ['.gto:1:9 stages: must be a list of names, got a mapping']],
    ['stages: [[dev]]\n', ['.gto:1:10 stages[0]: must be a name, got a list']],
    ['stages: [dev, null]\n', ['.gto:1:15 stages[1]: must be a name, got nothing']],
    ['types:\n  - model\n  - dataset!\n', [`.gto:3:5 types[1]: ${NAME_RULE}, got "dataset!"`]],
  ])('refuses the bad value in %j at its line and column', (text, expected) => {
    const r = parseConfig(text, '.gto');
    expect(r.diagnostics.map(formatDiagnostic)).toEqual(expected);
    for (const d of r.diagnostics) expect(d).toMatchObject({ code: 'config-value', severity: 'error', file: '.gto' });
  });

  it('keeps the good section when another is bad', () => {
    const r = parseConfig('types: [model]\nstages: dev\n', '.gto');
    expect(r.config).toEqual({ file: '.gto', types: ['model'] });
  });

  it('refuses a document that is not a mapping', () => {
    for (const text of ['hello\n', '- dev\n- prod\n', '42\n']) {
      expect(messages(parseConfig(text, '.gto'))).toEqual(['config-shape .gto:1:1: the config must be a mapping (types:, stages:)']);
    }
  });

  it('reports a YAML syntax error as file:line:col with yaml\'s one-line reason', () => {
    const r = parseConfig('types: [model]\nstages: [dev, prod\n', '.modelreg.yaml');
    expect(r.config).toEqual({ file: '.modelreg.yaml' });
    expect(r.diagnostics.length).toBeGreaterThan(0);
    expect(r.diagnostics[0]).toMatchObject({ code: 'config-syntax', severity: 'error', file: '.modelreg.yaml', line: 3, column: 1 });
    expect(formatDiagnostic(r.diagnostics[0]!)).toMatch(/^\.modelreg\.yaml:3:1: Flow sequence .*\]$/);
    for (const d of r.diagnostics) {
      expect(d.message).not.toContain('\n');
      expect(d.message).not.toMatch(/at line \d+, column \d+/);
    }
  });

  it('reports tabs used as indentation at their position', () => {
    expect(messages(parseConfig('stages:\n\t- dev\n', '.gto'))).toEqual(['config-syntax .gto:2:1: tabs are not allowed as indentation: indent with spaces']);
  });

  it('refuses duplicate keys, naming the second one', () => {
    const r = parseConfig('stages: [dev]\ntypes: [model]\nstages: [prod]\n', '.gto');
    expect(messages(r)).toEqual(["config-syntax .gto:3:1: duplicate key 'stages' (first set on line 1)"]);
    expect(r.config).toEqual({ file: '.gto' });
  });

  it('reads registries: a name and a url or a path, names unique', () => {
    const ok = parseConfig('registries:\n  - name: churn\n    url: https://example.com/churn.git\n  - name: here\n    path: .\n', '.modelreg.yaml');
    expect(ok).toEqual({
      config: { file: '.modelreg.yaml', registries: [{ name: 'churn', url: 'https://example.com/churn.git' }, { name: 'here', path: '.' }] },
      diagnostics: [],
    });
    const twice = parseConfig('registries:\n  - name: a\n    url: x:y\n  - name: a\n    path: .\n', '.modelreg.yaml');
    expect(twice.config.registries).toBeUndefined();
    expect(messages(twice)).toEqual(["config-value .modelreg.yaml:4:11 registries[1].name: registry name 'a' is used twice: each registry needs its own name"]);
    const both = parseConfig('registries:\n  - name: a/b\n    url: x:y\n    path: .\n', '.modelreg.yaml');
    expect(both.config.registries).toBeUndefined();
    expect(both.diagnostics.length).toBeGreaterThan(0);
  });

  it('refuses several documents in one file', () => {
    expect(messages(parseConfig('stages: [dev]\n---\nstages: [prod]\n', '.gto'))[0]).toMatch(/^config-syntax \.gto:2:1: /);
  });

  it('bounds alias bombs (a billion laughs) instead of expanding them', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(', ')}]`);
    }
    const started = Date.now();
    const r = parseConfig(`${levels.join('\n')}\nstages: [dev]\n`, '.gto');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: 'config-syntax', severity: 'error' });
    // Located at the first alias (`*a` on line 2), where the expansion starts.
    expect(formatDiagnostic(r.diagnostics[0]!)).toMatch(/^\.gto:2:8: aliases expand too much .*alias bomb$/);
    expect(r.config).toEqual({ file: '.gto' });
  });

  it('a few ordinary aliases are fine', () => {
    expect(parseConfig('base: &s [dev, prod]\nstages: *s\n', '.gto').config.stages).toEqual(['dev', 'prod']);
  });

  it('ignores a UTF-8 byte order mark, and positions stay those an editor shows', () => {
    expect(parseConfig('\uFEFFstages: [dev, prod]\n', '.gto')).toEqual({ config: { file: '.gto', stages: ['dev', 'prod'] }, diagnostics: [] });
    expect(messages(parseConfig('\uFEFFstages: 3\n', '.gto'))).toEqual(['config-value .gto:1:9 stages: must be a list of names, got the number 3']);
  });

  it('accepts CRLF line endings', () => {
    expect(parseConfig('types: [model]\r\nstages:\r\n  - dev\r\n  - prod\r\n', '.gto').config).toEqual({
      file: '.gto',
      types: ['model'],
      stages: ['dev', 'prod'],
    });
  });

  describe('.modelreg.yaml sections', () => {
    const full = [
      'types: [model, dataset]',
      'stages: [dev, staging, prod]',
      'rules:',
      '  staging:',
      '    fields: [type, desc]',
      '  prod:',
      '    requires: [staging]',
      '    fields: [desc, meta.owner]',
      '    signers: [ml-leads@example.com, 3AA5C34371567BD2]',
      'trailers:',
      '  required: true',
      '  known: false',
      'changelog:',
      '  commit_url: https://github.com/acme/models/commit/{sha}',
      '  tag_url: https://github.com/acme/models/releases/tag/{tag}',
      '',
    ].join('\n');

    it('reads rules, trailers and changelog; signers imply signed', () => {
      expect(parseConfig(full, '.modelreg.yaml')).toEqual({
        config: {
          file: '.modelreg.yaml',
          types: ['model', 'dataset'],
          stages: ['dev', 'staging', 'prod'],
          rules: {
            staging: { fields: ['type', 'desc'] },
            prod: { requires: ['staging'], fields: ['desc', 'meta.owner'], signers: ['ml-leads@example.com', '3AA5C34371567BD2'], signed: true },
          },
          trailers: { required: true, known: false },
          changelog: {
            commit_url: 'https://github.com/acme/models/commit/{sha}',
            tag_url: 'https://github.com/acme/models/releases/tag/{tag}',
          },
        },
        diagnostics: [],
      });
    });

    it('empty sections mean "not set"', () => {
      expect(parseConfig('rules:\ntrailers: ~\nchangelog:\n', '.modelreg.yaml')).toEqual({ config: { file: '.modelreg.yaml' }, diagnostics: [] });
    });

    it.each([
      ['rules:\n  prod:\n    requires: staging\n', ['.modelreg.yaml:3:15 rules.prod.requires: must be a list of names, got a string']],
      ['rules:\n  prod:\n    fields: [desc, owner]\n', ['.modelreg.yaml:3:20 rules.prod.fields[1]: must be an annotation field: path, type, desc, labels, meta or meta.KEY (e.g. meta.owner), got "owner"']],
      ['rules:\n  prod:\n    require: [staging]\n', [".modelreg.yaml:3:5 rules.prod.require: unknown key 'require' (did you mean 'requires'?)"]],
      ['rules:\n  prod:\n    signed: yes\n', ['.modelreg.yaml:3:13 rules.prod.signed: must be true or false, got a string']],
      ['rules:\n  prod:\n    signers: [someone]\n', ['.modelreg.yaml:3:15 rules.prod.signers[0]: must be an OpenPGP key id or fingerprint (16 or 40 hex digits), an SSH key fingerprint (SHA256:…) or an email, got "someone"']],
      ['rules:\n  -prod: {}\n', [`.modelreg.yaml:2:3 rules["-prod"]: must match the name rule (letters, digits, '_', '-', '/'; start and end alphanumeric), got "-prod"`]],
      ['trailers:\n  required: 1\n  knwon: true\n', ['.modelreg.yaml:2:13 trailers.required: must be true or false, got the number 1', ".modelreg.yaml:3:3 trailers.knwon: unknown key 'knwon' (did you mean 'known'?)"]],
      ['changelog:\n  commit_url: https://example.com/commit/\n', ['.modelreg.yaml:2:15 changelog.commit_url: must contain {sha} (where the commit id goes), got "https://example.com/commit/"']],
      ['changelog:\n  tag_url: "https://example.com/{tag"\n', ['.modelreg.yaml:2:12 changelog.tag_url: must contain {tag} (where the tag name goes), got "https://example.com/{tag"', '.modelreg.yaml:2:12 changelog.tag_url: must be a URL template such as https://example.com/commit/{sha}, got "https://example.com/{tag"']],
    ])('refuses %j at its line and column', (text, expected) => {
      const r = parseConfig(text, '.modelreg.yaml');
      expect(r.diagnostics.map(formatDiagnostic)).toEqual(expected);
      expect(r.diagnostics.every((d) => d.severity === 'error' && d.code === 'config-value')).toBe(true);
    });

    it('drops only the broken section', () => {
      const r = parseConfig('stages: [dev, prod]\nrules:\n  prod: {requires: dev}\ntrailers: {required: true}\n', '.modelreg.yaml');
      expect(r.config).toEqual({ file: '.modelreg.yaml', stages: ['dev', 'prod'], trailers: { required: true } });
      expect(r.diagnostics).toHaveLength(1);
    });

    it('rules name stages that exist, never themselves, and never form a cycle', () => {
      const text = ['stages: [dev, staging, prod]', 'rules:', '  prd: {requires: [dev]}', '  prod: {requires: [stagin, prod]}', '  dev: {requires: [staging]}', '  staging: {requires: [dev]}', ''].join('\n');
      expect(messages(parseConfig(text, '.modelreg.yaml'))).toEqual([
        "config-value .modelreg.yaml:3:3 rules.prd: stage 'prd' is not in 'stages' (did you mean 'prod'?)",
        "config-value .modelreg.yaml:4:21 rules.prod.requires[0]: stage 'stagin' is not in 'stages' (did you mean 'staging'?)",
        "config-value .modelreg.yaml:4:29 rules.prod.requires[1]: stage 'prod' cannot require itself",
        'config-value .modelreg.yaml:5:19 rules.dev.requires: promotion rules form a cycle (dev → staging → dev): no version could ever enter these stages',
      ]);
    });

    it('without a stages list, rules may name any stage', () => {
      expect(parseConfig('rules:\n  prod: {requires: [staging]}\n', '.modelreg.yaml').diagnostics).toEqual([]);
    });

    it('.gto ignores modelreg sections with a warning, and reads types and stages with the same schema', () => {
      const r = parseConfig(full, '.gto');
      expect(r.config).toEqual({ file: '.gto', types: ['model', 'dataset'], stages: ['dev', 'staging', 'prod'] });
      expect(r.diagnostics.map((d) => `${d.severity} ${d.field}`)).toEqual(['warning rules', 'warning trailers', 'warning changelog']);
      expect(messages(parseConfig('stages: [dev, -x]\nlog_level: DEBUG\n', '.gto'))).toEqual([
        `config-value .gto:1:15 stages[1]: ${NAME_RULE}, got "-x"`,
        "config-ignored-key .gto:2:1 log_level: 'log_level' is a GTO setting that modelreg does not use",
      ]);
    });

    it('reads bytes as well as text, and refuses binary content', () => {
      expect(parseConfig(new TextEncoder().encode('stages: [dev]\n'), '.gto').config).toEqual({ file: '.gto', stages: ['dev'] });
      expect(messages(parseConfig(new Uint8Array([0x73, 0x3a, 0x20, 0x00]), '.gto'))).toEqual(['config-syntax .gto:1:4: the file contains a NUL byte: it is binary, not YAML text']);
    });
  });
});
