// The GitHub Action's entry point (action.yml `runs.main`): `modelreg ci github`, from the
// committed bundle, so the action needs no install or build. Inputs arrive as INPUT_* variables.
process.argv.splice(2, process.argv.length - 2, 'ci', 'github');
await import('../bundle/modelreg.mjs');
