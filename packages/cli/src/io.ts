// The outside world, passed in: commands never touch process.* directly.

export interface Io {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: { write(chunk: string): unknown };
  /** `isTTY`: progress lines are for a terminal only. */
  stderr: { write(chunk: string): unknown; isTTY?: boolean };
  /** Read by `hook pre-push`: Git writes the pushed refs there. */
  stdin?: NodeJS.ReadableStream;
}

/** What a command hands back: text for stdout (and stderr), and the exit code. */
export interface CommandResult {
  stdout?: string;
  stderr?: string;
  exitCode?: number;
}

/** Print what a command returned; its exit code. */
export function emit(io: Io, result: CommandResult): number {
  if (result.stdout) io.stdout.write(result.stdout);
  if (result.stderr) io.stderr.write(result.stderr);
  return result.exitCode ?? 0;
}
