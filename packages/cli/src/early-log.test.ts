import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEarlyLog, takeEarlyLog } from './early-log.js';

const dir = mkdtempSync(join(tmpdir(), 'modelreg-early-log-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: dir, GIT_AUTHOR_NAME: 'A', GIT_AUTHOR_EMAIL: 'a@example.com', GIT_COMMITTER_NAME: 'A', GIT_COMMITTER_EMAIL: 'a@example.com' };
execFileSync('git', ['init', '-q', dir], { env });
execFileSync('git', ['commit', '-q', '--allow-empty', '-m', 'first'], { cwd: dir, env });

/** Whether bin.ts would start the log for this command line: it is there to take, once. */
function starts(argv: string[]): boolean {
  startEarlyLog(argv, { cwd: dir, env });
  const taken = takeEarlyLog();
  taken?.cancel();
  expect(takeEarlyLog()).toBeNull();
  return taken !== null;
}

describe('startEarlyLog', () => {
  it("starts the changelog's log for a changelog of the repository here", () => {
    for (const argv of [
      ['changelog'],
      ['changelog', 'churn'],
      ['changelog', '--format', 'json', '--from', 'v1.0.0', '--to=v2.0.0', '--offline'],
      ['changelog', '-o', '-', '--output=CHANGELOG.md'],
    ]) {
      expect(starts(argv), argv.join(' ')).toBe(true);
    }
  });

  it('starts none for another repository, help, an option it does not know, or another command', () => {
    for (const argv of [
      ['changelog', '-r', '../other'],
      ['changelog', '--repo=../other'],
      ['changelog', '-r../other'],
      ['changelog', '-o', '-r'],
      ['changelog', '--help'],
      ['changelog', '-h'],
      ['changelog', '--', 'churn'],
      ['changelog', '--bogus'],
      ['history'],
      [],
    ]) {
      expect(starts(argv), argv.join(' ')).toBe(false);
    }
  });

  it('reads what the log printed', async () => {
    startEarlyLog(['changelog'], { cwd: dir, env });
    const text: Buffer[] = [];
    await takeEarlyLog()?.read((bytes) => text.push(Buffer.from(bytes)));
    expect(Buffer.concat(text).toString()).toContain('\0first\0');
  });
});
