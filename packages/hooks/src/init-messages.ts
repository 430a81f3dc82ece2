// What `modelreg init` tells the user about where modelreg comes from, which tool runs the hooks,
// and the install it runs: worded once, here.

const list = (names: readonly string[]) => names.map((n) => `.git/hooks/${n}`).join(', ');
const FROM_HINT = 'pass --from SPEC: a checkout of modelreg, a .tgz from its npm pack, or a git URL (git+https://…#TAG, github:OWNER/REPO#TAG)';

export const initMessages = {
  routeRequested: 'as --hooks asks',
  routeFrameworkConfig: '.pre-commit-config.yaml: this repository runs its hooks with the pre-commit framework, so modelreg joins it',
  routeFrameworkScripts: (names: readonly string[]) => `${list(names)}: the pre-commit framework runs this repository's hooks, so modelreg joins it`,
  routeHusky: 'no other tool runs this repository\'s hooks',
  routeHuskyAlready: 'husky already runs this repository\'s hooks',
  otherHooksPath: (path: string) =>
    `core.hooksPath is '${path}': another tool runs this repository's hooks, and husky would take its place — add modelreg's hooks to it (modelreg hook pre-commit; modelreg hook commit-msg "$1"; modelreg hook pre-push "$@"), or run modelreg init --hooks husky to let husky take over; nothing was written`,
  handWrittenHooks: (names: readonly string[]) =>
    `${list(names)} would stop running: husky sets core.hooksPath — move ${names.length === 1 ? 'it' : 'them'} into .husky/ (husky runs .husky/NAME) and run modelreg init again, or run modelreg init --hooks husky to switch ${names.length === 1 ? 'it' : 'them'} off; nothing was written`,

  source: (spec: string, why: string) => `modelreg from ${spec} (${why}; --from SPEC installs another)`,
  sourceGiven: 'as --from says',
  sourceRunning: 'where this modelreg came from',
  unknownSource: `cannot tell where this modelreg came from, and the registry name 'modelreg' is not this project's yet`,
  unknownSourceHint: FROM_HINT,
  missingPath: (path: string) => `--from ${path}: no such file or directory`,
  missingPathHint: FROM_HINT,

  installFailed: (command: string, spec: string, why: string) => `${command} could not install modelreg from ${spec}: ${why}`,
  installFailedHint: `${FROM_HINT}; what init wrote was rolled back`,
  notInstalled: 'the install left no node_modules/.bin/modelreg (is SPEC a modelreg package?)',
  frameworkMissing: 'the pre-commit framework is not installed (pre-commit is not on PATH)',
  frameworkMissingHint: 'install it (pipx install pre-commit), then run modelreg init again, or run it with --no-install; what init wrote was rolled back',
  frameworkFailed: (why: string) => `pre-commit install failed: ${why}`,
  frameworkFailedHint: 'fix it, then run modelreg init again; what init wrote was rolled back',

  trailersRequired:
    "note: a commit that changes an annotated model must name it in a 'Model: NAME' trailer; to turn that off, put 'trailers: {required: false}' in .modelreg.yaml",
  hooksActiveFramework: 'hooks are active: the pre-commit framework checks commits and pushes of this repository',
  nextInstall: (command: string) => `run ${command}: it installs modelreg and husky, and its prepare script (husky) turns the hooks on`,
  nextFramework: 'run pre-commit install: .pre-commit-config.yaml installs the pre-commit, commit-msg and pre-push hooks',
};
