import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { buildChangelog } from './model.js';
import { CommitLog, commitTrailers } from './commit-log.js';
import { EntryJsonKeeper, changelogJson, renderJson } from './json.js';
import type { Changelog } from './model.js';
import { COMMITS, input, sha } from './fixture.test-helpers.js';

const schemaFile = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'schemas', 'changelog.schema.json');
const ajv = new Ajv2020.default({ allErrors: true, strict: true });
addFormats.default(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')));

describe('renderJson', () => {
  const links = { commitUrl: 'https://github.com/acme/models/commit/{sha}', tagUrl: 'https://github.com/acme/models/releases/tag/{tag}' };

  it('validates against schemas/changelog.schema.json, with and without links', () => {
    for (const extra of [{}, { links }]) {
      const doc = JSON.parse(renderJson(buildChangelog(input(extra))));
      expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it('is rejected by the schema when a field is wrong (the schema checks)', () => {
    const doc = JSON.parse(renderJson(buildChangelog(input())));
    doc.models[0].versions[0].metrics[0].change = '0.05';
    doc.models[0].versions[0].stages[0].action = 'promote';
    delete doc.models[0].unreleased.bump;
    expect(validate(doc)).toBe(false);
    expect(validate.errors?.map((e) => e.instancePath).sort()).toEqual([
      '/models/0/unreleased',
      '/models/0/versions/0/metrics/0/change',
      '/models/0/versions/0/stages/0/action',
    ]);
  });

  it('is the same bytes for the same input, ending in a newline', () => {
    const a = renderJson(buildChangelog(input()));
    expect(renderJson(buildChangelog(input()))).toBe(a);
    expect(a.endsWith('}\n')).toBe(true);
    expect(Object.keys(JSON.parse(a))).toEqual(['models']);
  });
});

describe('renderJson of entries rendered as their commits were read', () => {
  const links = { commitUrl: 'https://github.com/acme/models/commit/{sha}' };
  const stringified = (changelog: Changelog) => JSON.stringify(changelogJson(changelog), null, 2) + '\n';

  it('is JSON.stringify of the models, whichever batches the entries were rendered in, with links or without', () => {
    // Commits with quotes, a backslash, non-ASCII and a control character in what they show.
    const commits = COMMITS.map((c, i) => (i === 1 ? { ...c, author: 'Zoë "Z" \\ O\u0001Brien', message: `Fix "it"\u2028 \\ now\n\n${c.message?.split('\n\n')[1]}` } : c));
    for (const batch of [1, 2, 3, 100]) {
      for (const extra of [{}, { links }]) {
        // Rendered as the CLI does: each entry kept once, links put in when the changelog is built.
        const keeper = new EntryJsonKeeper(batch);
        const log = CommitLog.of(commits);
        for (let pos = 0; pos < log.size; pos++) if (log.facts[pos]?.all.length) keeper.add(log.entry(pos));
        const changelog = buildChangelog(input({ commits: log, head: sha(7), ...extra }));
        expect(changelog.models[0]?.unreleased.commits).toHaveLength(1);
        expect(renderJson(changelog)).toBe(stringified(changelog));
      }
    }
  });

  it('is the same for a log that keeps entries as JSON, and for models with more keys', () => {
    const log = new CommitLog(undefined, { json: true });
    COMMITS.forEach((c) => log.add(c, commitTrailers(c.message ?? '')));
    const changelog = buildChangelog(input({ commits: log }));
    expect(renderJson(changelog)).toBe(stringified(changelog));
    const models = changelog.models.map((m) => ({ repo: 'team', ...m }));
    expect(renderJson({ models })).toBe(JSON.stringify({ models }, null, 2) + '\n');
  });
});
