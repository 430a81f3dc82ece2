// Run many processes of the built CLI at once, as a team's CI jobs or a user's terminals would.
import { spawn } from 'node:child_process';
import { CLI, type RunResult, type TestRepo } from '../helpers/repo.js';

/** Start one CLI process per argument list, all together; resolves when all have exited. */
export function modelregParallel(repo: TestRepo, argLists: string[][], opts: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<RunResult[]> {
  return Promise.all(
    argLists.map(
      (args) =>
        new Promise<RunResult>((resolve) => {
          const child = spawn(process.execPath, [CLI, ...args], { cwd: opts.cwd ?? repo.dir, env: { ...repo.env, ...opts.env } });
          let stdout = '';
          let stderr = '';
          child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
          child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
          child.on('close', (code) => resolve({ stdout, stderr, code: code ?? -1 }));
        }),
    ),
  );
}
