#!/usr/bin/env node
// Stable entry point (exists before the build, so package managers can link it).
import { main } from '../dist/main.js';

process.exitCode = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
});
