import { afterAll, describe, expect, it } from 'vitest';
import { readRemoteUrl } from './remote-url.js';
import { cleanupTemp, git, makeRepo } from './test-support/repo.js';

afterAll(cleanupTemp);

describe('readRemoteUrl', () => {
  it("reads a remote's URL, null when unset or not a remote name", async () => {
    const repo = makeRepo(0);
    expect(await readRemoteUrl(repo)).toBeNull();
    git(repo, 'remote', 'add', 'origin', 'git@github.com:acme/models.git');
    git(repo, 'remote', 'add', 'lab', 'https://gitlab.com/acme/ml/models');
    expect(await readRemoteUrl(repo)).toBe('git@github.com:acme/models.git');
    expect(await readRemoteUrl(repo, 'lab')).toBe('https://gitlab.com/acme/ml/models');
    expect(await readRemoteUrl(repo, 'nope')).toBeNull();
    expect(await readRemoteUrl(repo, 'x --global')).toBeNull();
  });
});
