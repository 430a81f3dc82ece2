import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fetchTags } from './fetch-tags.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: tmpdir(), GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' };
const git = (cwd: string, args: string[]) => execFileSync('git', args, { cwd, env, encoding: 'utf8' }).trim();

describe('fetchTags', () => {
  it('replaces a lightweight copy of a tag with the annotated tag, and brings the others', () => {
    const root = mkdtempSync(join(tmpdir(), 'modelreg-fetch-'));
    dirs.push(root);
    const origin = join(root, 'origin');
    git(root, ['init', '-q', '-b', 'main', origin]);
    git(origin, ['commit', '-q', '--allow-empty', '-m', 'one']);
    git(origin, ['tag', '-a', '-m', 'Registering', 'm@v1.0.0']);
    git(origin, ['tag', '-a', '-m', 'Assigning', 'm#prod#1']);
    const clone = join(root, 'clone');
    git(root, ['clone', '-q', '--depth', '1', '--no-tags', `file://${origin}`, clone]);
    git(clone, ['tag', 'm@v1.0.0', 'HEAD']); // what actions/checkout leaves for a tag push
    expect(git(clone, ['cat-file', '-t', 'm@v1.0.0'])).toBe('commit');
    return fetchTags({ cwd: clone, env }).then(() => {
      expect(git(clone, ['cat-file', '-t', 'm@v1.0.0'])).toBe('tag');
      expect(git(clone, ['tag', '-l']).split('\n')).toEqual(['m#prod#1', 'm@v1.0.0']);
    });
  });

  it('refuses a remote name that git would read as an option', async () => {
    await expect(fetchTags({ cwd: tmpdir() }, '--upload-pack=x')).rejects.toThrow(/invalid remote name/);
  });
});
