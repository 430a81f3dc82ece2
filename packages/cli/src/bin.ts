#!/usr/bin/env node
// What the `modelreg` command runs: main() on this process's streams. The build bundles it, with
// everything it imports, into dist/modelreg.mjs and the chunks/ its commands' `import()`s load: a
// few files start 15–30 ms sooner than the ~150 modules they are made of, and a command compiles
// only its own code, which every hook and CI step pays on every run.
import module from 'node:module';
import type { QuickForm } from './quick.js';

// The hook lines start modelreg with NODE_EXTRA_CA_CERTS moved here (hooks/README.md): Node would
// parse that CA bundle at every start, and modelreg makes no TLS connection. What it starts (git,
// and the hooks and credential helpers git runs) gets it back.
const movedCaCerts = process.env.MODELREG_NODE_EXTRA_CA_CERTS;
if (movedCaCerts !== undefined) {
  if (movedCaCerts) process.env.NODE_EXTRA_CA_CERTS = movedCaCerts;
  else delete process.env.NODE_EXTRA_CA_CERTS;
  delete process.env.MODELREG_NODE_EXTRA_CA_CERTS;
}

// Node ≥ 22.1 keeps V8's compiled code between runs (in the OS temp dir; NODE_DISABLE_COMPILE_CACHE=1
// turns it off); Node 20 has no such cache for ES modules. Set before main and its chunks load.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

// A reader that stops early (`modelreg history | head`) closes the pipe: the rest is not wanted.
// Stop quietly, as git does, instead of an unhandled EPIPE with its stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(process.exitCode ?? 0);
  });
}
const argv = process.argv.slice(2);
const io = {
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  // Made when read (only `hook pre-push` reads it): a stream on a pipe or a file costs a start.
  get stdin() {
    return process.stdin;
  },
};

/**
 * The command lines quick.js may answer: `show` and `stages` with one of these options at most.
 * It answers them alone when the registry is unchanged (the bundle builds it as one file, without
 * the argument parser and what the commands load); it returns null when it does not. (Here, not in
 * a module of its own: an import would cost this file a chunk to load before anything runs.)
 */
const QUICK_FORMS: Readonly<Record<string, readonly string[]>> = { show: ['--json', '--plain', '--name'], stages: ['--json'] };

function quickForm([command = '', flag, ...rest]: string[]): QuickForm | null {
  const options = Object.hasOwn(QUICK_FORMS, command) ? QUICK_FORMS[command] : undefined;
  if (!options || rest.length > 0 || (flag !== undefined && !options.includes(flag))) return null;
  return { command, option: flag?.slice(2) };
}

// `changelog`'s git log starts now, not once the command has loaded (early-log.ts).
if (argv[0] === 'changelog') (await import('./early-log.js')).startEarlyLog(argv, io);
const form = quickForm(argv);
const quick = form ? await (await import('./quick.js')).quick(form, io) : null;
process.exitCode = quick ?? (await (await import('./main.js')).main(argv, io));
