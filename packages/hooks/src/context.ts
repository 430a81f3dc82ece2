// What every hook handler is given and returns: the outside world passed in, output handed back.

export interface HookContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Git writes the refs being pushed to the pre-push hook's stdin. */
  stdin?: NodeJS.ReadableStream;
}

/** Hooks print nothing when all is well; a refusal is one line per problem on stderr, exit 1. */
export interface HookResult {
  stdout?: string;
  stderr?: string;
  exitCode: number;
}
