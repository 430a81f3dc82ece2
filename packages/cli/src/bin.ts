#!/usr/bin/env node
// What the `modelreg` command runs: main() on this process's streams. The build bundles it, with
// everything it imports, into dist/modelreg.mjs and the chunks/ its commands' `import()`s load: a
// few files start 15–30 ms sooner than the ~150 modules they are made of, and a command compiles
// only its own code, which every hook and CI step pays on every run.
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
});
