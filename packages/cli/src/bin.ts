#!/usr/bin/env node
// What the `modelreg` command runs: main() on this process's streams. The build bundles it, with
// everything it imports, into dist/bundle/: an entry and the chunks each command loads on demand.
// A few files start sooner than the ~150 modules they are made of, and a command parses only its
// own code: every hook and CI step pays that on every run.
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
});
