#!/usr/bin/env node
// Stable entry point (exists before the build, so package managers can link it): the bundled CLI.
import '../dist/modelreg.mjs';
