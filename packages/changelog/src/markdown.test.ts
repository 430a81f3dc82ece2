import { describe, expect, it } from 'vitest';
import { buildChangelog } from './model.js';
import { codeSpan, escapeMarkdown, renderMarkdown } from './markdown.js';
import { input } from './fixture.test-helpers.js';

const LINKS = { commitUrl: 'https://github.com/acme/models/commit/{sha}', tagUrl: 'https://github.com/acme/models/releases/tag/{tag}' };

describe('renderMarkdown', () => {
  it('renders one model, one version without links', () => {
    const md = renderMarkdown(buildChangelog(input({ name: 'segment' })));
    expect(md).toBe(
      [
        '# Changelog',
        '',
        '## segment (deprecated)',
        '',
        '- Deprecated 2025-03-09 13:00:00+01:00 by Tom Tagger: `segment@deprecated`',
        '',
        '### v0.1.0',
        '',
        '- Registered 2025-03-03 13:00:00+01:00 by Tom Tagger: `segment@v0.1.0` on commit `3333333`',
        '- Previous version: none',
        '',
        '**Metrics**',
        '',
        '| metric | v0.1.0 | previous | change |',
        '| --- | ---: | ---: | ---: |',
        '| auc | 0.5 | – | – |',
        '',
        '**Commits**',
        '',
        '- `3333333` Add segment model — Ann Author, 2025-03-03',
        '  - `Model: segment`',
        '  - `Model-Metric: auc=0.5`',
        '',
      ].join('\n'),
    );
  });

  it('renders unreleased changes, stage history, metric changes and links', () => {
    const md = renderMarkdown(buildChangelog(input({ name: 'churn', from: 'v1.1.0', links: LINKS })));
    const c = (n: number) => `[\`${String(n).repeat(7)}\`](https://github.com/acme/models/commit/${String(n).repeat(40)})`;
    const t = (tag: string) => `[\`${tag}\`](https://github.com/acme/models/releases/tag/${tag.replace(/#/g, '%23')})`;
    expect(md).toBe(
      [
        '# Changelog',
        '',
        '## churn',
        '',
        '- Path: `models/churn.pkl`',
        '',
        '### Unreleased',
        '',
        'Next version: **v1.2.0** (Model-Bump: minor)',
        '',
        `- ${c(7)} Tune thresholds — Ann Author, 2025-03-07`,
        '  - `Model: churn`',
        '  - `Model-Bump: minor`',
        '  - `Model-Bogus: x`',
        '',
        '### v1.1.0',
        '',
        `- Registered 2025-03-06 13:00:00+01:00 by Tom Tagger: ${t('churn@v1.1.0')} on commit ${c(6)}`,
        '- Stages: **prod**',
        '- Previous version: v1.0.0',
        '- Bump: minor',
        '- Data: `s3://data/churn@2025-02`',
        '',
        '**Stage history**',
        '',
        '| stage | event | by | date | tag |',
        '| --- | --- | --- | --- | --- |',
        `| staging | assigned | Tom Tagger | 2025-03-06 13:00:00+01:00 | ${t('churn#staging#2')} |`,
        `| prod | assigned | Pat Promoter | 2025-03-07 13:00:00+01:00 | ${t('churn#prod#3')} |`,
        `| staging | unassigned | Tom Tagger | 2025-03-08 13:00:00+01:00 | ${t('churn#staging!#4')} |`,
        '',
        '**Metrics**',
        '',
        '| metric | v1.1.0 | v1.0.0 | change |',
        '| --- | ---: | ---: | ---: |',
        '| auc | 0.905 | 0.85 | +0.055 |',
        '| f1 | 0.7 | – | – |',
        '',
        '**Commits**',
        '',
        `- ${c(6)} Fix preprocessing — Ann Author, 2025-03-06`,
        '  - `Model: churn`',
        '  - `Model-Bump: patch`',
        '  - `Model-Metric: auc=0.905`',
        `- ${c(5)} Update weights — Ann Author, 2025-03-05`,
        `- ${c(4)} Better features \\| faster — Ann Author, 2025-03-04`,
        '  - `Model: churn`',
        '  - `Model-Bump: minor`',
        '  - `Model-Metric: auc=0.91`',
        '  - `Model-Metric: f1=0.7`',
        '  - `Model-Data: s3://data/churn@2025-02`',
        '',
      ].join('\n'),
    );
  });

  it('says when there is nothing', () => {
    expect(renderMarkdown({ models: [], diagnostics: [] })).toBe('# Changelog\n\nNo models in this repository.\n');
    const md = renderMarkdown(buildChangelog(input({ name: 'churn', to: 'v1.0.0', paths: {}, commits: [] })));
    expect(md).toContain('**Commits**\n\nNo commits with `Model: churn`.\n');
  });
});

describe('escapeMarkdown / codeSpan', () => {
  it('escapes markup and keeps text on one line', () => {
    expect(escapeMarkdown('Fix *all* the_things [x](y) <b> a|b & `c`')).toBe('Fix \\*all\\* the\\_things \\[x\\](y) \\<b\\> a\\|b \\& \\`c\\`');
    expect(escapeMarkdown('a\rb\tc')).toBe('a b c');
  });

  it('fences code that contains backticks', () => {
    expect(codeSpan('plain')).toBe('`plain`');
    expect(codeSpan('a `b` c')).toBe('``a `b` c``');
    expect(codeSpan('`x')).toBe('`` `x ``');
    expect(codeSpan('v\r')).toBe('`v `');
  });
});
