// The command line: parse arguments, call a command, print what it returns, set the exit code.
// Commands are imported lazily so a quick call (check-ref in CI) loads only what it needs.
import { Command, InvalidArgumentError, Option } from 'commander';
// Not the package's index: that would load all of core before the first argument is parsed.
import { escapeControls } from '@modelreg/core/errors';
import { emit, type CommandResult, type Io } from './io.js';
import { SHOW_DEFAULTS, showOptions, type ShowValues } from './show-options.js';
import { VERSION } from './version.js';

function integer(value: string): number {
  if (!/^-?\d+$/.test(value)) throw new InvalidArgumentError('expected an integer (-1 for all).');
  return Number(value);
}

const repoOption = () => new Option('-r, --repo <repo>', 'repository: a path or a Git URL (cloned once into a cache, then fetched)');
/** For commands that can show several registries: `-r` is repeatable. */
const viewRepoOption = () =>
  new Option('-r, --repo <repo>', 'repository: a path or a Git URL; repeat it for one view of several registries (default: registries: in .modelreg.yaml, else this one)').argParser(
    (value: string, all: string[] = []) => [...all, value],
  );
const offlineOption = () => new Option('--offline', 'read the cached clones of remote registries as they are: no ls-remote, no fetch');
const noCacheOption = () => new Option('--no-cache', 'compute from the tags and files, without the indexes in .git/modelreg/ (also MODELREG_NO_CACHE=1)');
const simpleOption = () =>
  new Option('--simple <mode>', "tag notation: 'true' writes NAME#STAGE, 'false' adds a #N counter, 'auto' as GTO").choices(['auto', 'true', 'false']);
const writeOptions = (cmd: Command) =>
  cmd
    .option('-m, --message <message>', 'message of the annotated tag (default: as GTO writes it)')
    .addOption(simpleOption())
    .option('--force', 'create the tag even if the registry already says so')
    .option('--push', 'push the created tags to origin')
    .addOption(repoOption());

/** Run modelreg with `argv` (without `node modelreg`); returns the exit code. */
export async function main(argv: string[], io: Io): Promise<number> {
  let result: CommandResult = {};
  const run = (load: () => Promise<CommandResult>) => async () => {
    result = await load();
  };
  const program = new Command('modelreg')
    .description('A model registry that lives in Git: versions and stages as annotated tags (GTO-compatible).')
    .version(VERSION, '-V, --version', 'print the modelreg version')
    .enablePositionalOptions()
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      // One line, the user's argument escaped; commander's suggestion follows on that line.
      outputError: (s, write) => write(`modelreg: ${escapeControls(s.replace(/^error: /, '').replace(/\n\(Did you mean/, ' (Did you mean').replace(/\n$/, ''))}\n`),
    });

  writeOptions(
    program
      .command('register')
      .description('register a version of an artifact at a commit (tag NAME@vX.Y.Z)')
      .argument('<name>', 'artifact name, e.g. churn or path/to:model')
      .argument('[ref]', 'commit to register (default: HEAD)')
      .option('--ver, --version <version>', 'version to register, e.g. v1.2.0 (default: bump the greatest)')
      .option('--bump-major', 'bump the major part of the greatest version')
      .option('--bump-minor', 'bump the minor part of the greatest version')
      .option('--bump-patch', 'bump the patch part of the greatest version (default)')
      .addOption(
        new Option('--bump <part>', "bump the greatest version; 'auto' takes the highest Model-Bump trailer of the commits since it").choices([
          'auto',
          'major',
          'minor',
          'patch',
        ]),
      )
      .option('--dry-run', 'print the version it would register and why; create no tag'),
  ).action((name: string, ref: string | undefined, opts) =>
    run(async () => (await import('./commands/write.js')).register(io, name, ref, opts))(),
  );

  writeOptions(
    program
      .command('assign')
      .alias('promote')
      .description('assign a stage to a version (tag NAME#STAGE#N); registers the commit first if needed')
      .argument('<name>', 'artifact name')
      .argument('[ref]', 'commit to assign (default: HEAD); or use --version')
      .option('--stage <stage>', 'stage to assign, e.g. prod (required)')
      .option('--ver, --version <version>', 'registered version to assign; with REF, the version to register at REF first')
      .option('--sr, --skip-registration', 'assign the commit without registering a version'),
  ).action((name: string, ref: string | undefined, opts) =>
    run(async () => (await import('./commands/write.js')).assign(io, name, ref, opts))(),
  );

  writeOptions(
    program
      .command('deprecate')
      .description('deprecate an artifact, deregister a VERSION, or unassign a STAGE from a version')
      .argument('<name>', 'artifact name')
      .argument('[version]', 'version to deregister (or whose stage to unassign)')
      .argument('[stage]', 'stage to unassign')
      .option('--delete', 'delete the matching tags instead of creating a new one'),
  ).action((name: string, version: string | undefined, stage: string | undefined, opts) =>
    run(async () => (await import('./commands/write.js')).deprecate(io, name, version, stage, opts))(),
  );

  program
    .command('show')
    .description('show the registry, or the versions of NAME (NAME@vX.Y.Z, NAME@latest, NAME@greatest, NAME#STAGE)')
    .argument('[name]', 'artifact or selector')
    .option('--json', 'print JSON (same shape as GTO)')
    .option('--plain', 'print a plain table without borders')
    .option('-d, --deprecated', 'include deprecated artifacts and deregistered versions')
    .option('--ref', 'print only the tags of the selected versions')
    .option('--version', 'print only the selected versions')
    .option('--name', 'print only the artifact names of the registry, one per line')
    .option('--stage', "print only each listed version's stages, one line per version")
    .option('--vs <n>', 'versions per stage to show (-1 for all)', integer, SHOW_DEFAULTS.vs)
    .option('--av <n>', 'assignments per version to show (-1 for all)', integer, SHOW_DEFAULTS.av)
    .addOption(new Option('--sort <by>', 'order versions by').choices(['timestamp', 'semver']).default(SHOW_DEFAULTS.sort))
    .option('--ro, --registered-only', 'show only explicitly registered versions')
    .addOption(noCacheOption())
    .addOption(viewRepoOption())
    .addOption(offlineOption())
    .action((name: string | undefined, o: ShowValues) => run(async () => (await import('./commands/show.js')).show(io, name, showOptions(o)))());

  program
    .command('history')
    .description('show the registry events of all artifacts or of NAME, newest first')
    .argument('[name]', 'artifact name')
    .option('--json', 'print JSON (same shape as GTO)')
    .option('--plain', 'print a plain table without borders')
    .option('--asc, --ascending', 'oldest first')
    .addOption(viewRepoOption())
    .addOption(offlineOption())
    .action((name: string | undefined, o) =>
      run(async () => (await import('./commands/history.js')).historyCommand(io, name, { ...o, asc: o.ascending === true }))(),
    );

  program
    .command('stages')
    .description("list the stages: the config's list when it sets one, else those in use")
    .option('--allowed', 'stages allowed by .modelreg.yaml / .gto')
    .option('--used', 'stages some version currently holds')
    .option('--json', 'print a JSON array')
    .addOption(noCacheOption())
    .addOption(viewRepoOption())
    .addOption(offlineOption())
    .action((o) => run(async () => (await import('./commands/stages.js')).stages(io, o))());

  program
    .command('annotate')
    .description('describe an artifact in its annotation file (dvc.yaml artifacts:, or artifacts.yaml); creates or updates the entry')
    .argument('<name>', 'artifact name, e.g. churn or models/nlp:bert (kept in models/nlp/dvc.yaml)')
    .option('--type <type>', 'artifact type, e.g. model')
    .option('--path <path>', 'where it is: a repository path (relative to its dvc.yaml) or a URL')
    .option('--desc <text>', 'a one-line description')
    .option('--label <label>', 'a label (repeatable; replaces the labels)', (v: string, all: string[] = []) => [...all, v])
    .option('--meta <key=value>', 'a meta field, dotted keys nest (repeatable)', (v: string, all: string[] = []) => [...all, v])
    .option('--file <file>', 'the annotation file to edit (default: where the artifact is, or dvc.yaml)')
    .addOption(repoOption())
    .action((name: string, o) => run(async () => (await import('./commands/annotate.js')).annotate(io, name, o))());

  program
    .command('remove')
    .description('remove an artifact from its annotation file')
    .argument('<name>', 'artifact name')
    .addOption(repoOption())
    .action((name: string, o) => run(async () => (await import('./commands/annotate.js')).remove(io, name, o))());

  program
    .command('describe')
    .description('show the annotation of an artifact, as it was at a version (NAME@vX.Y.Z, NAME@latest, NAME#STAGE)')
    .argument('<name>', 'artifact or selector')
    .option('--json', 'print JSON')
    .option('--path', 'print only the path')
    .option('--type', 'print only the type')
    .option('--desc', 'print only the description')
    .addOption(viewRepoOption())
    .addOption(offlineOption())
    .action((name: string, o) => run(async () => (await import('./commands/describe.js')).describe(io, name, o))());

  program
    .command('check')
    .description('validate every annotation file and the config, the rules that span them, and the history rules of the tags; exit 1 on errors')
    .option('--staged', 'check what is staged (the index) instead of the working tree')
    .option('--rev <ref>', 'check a revision without checking it out')
    .addOption(new Option('--format <format>', 'report format (gitlab: Code Quality JSON; sarif: SARIF 2.1.0)').choices(['text', 'json', 'github', 'gitlab', 'sarif']).default('text'))
    .addOption(repoOption())
    .option('--ref <ref>', 'check one pushed tag (refs/tags/NAME or NAME): its history rules, with the annotation files and config at its commit (or those --staged or --rev names)')
    .action((o) => run(async () => (await import('./commands/check.js')).check(io, o))());

  program
    .command('check-ref')
    .description('tell which registry event a tag records (prints nothing for other tags)')
    .argument('<ref>', 'tag name, or refs/tags/NAME as CI gives it')
    .option('--json', 'print JSON (same shape as GTO)')
    .option('--name', 'print only the artifact name')
    .option('--version', 'print only the version')
    .option('--event', 'print only the event')
    .option('--stage', 'print only the stage')
    .addOption(repoOption())
    .action((ref: string, o) => run(async () => (await import('./commands/check-ref.js')).checkRef(io, ref, o))());

  program
    .command('changelog')
    .description('a changelog of model versions: commits with Model trailers, metrics, datasets, stage history')
    .argument('[name]', 'only this artifact')
    .option('--from <version>', 'only versions from this one (inclusive)')
    .option('--to <version>', 'only versions up to this one (inclusive); leaves out unreleased changes')
    .addOption(new Option('--format <format>', 'output format').choices(['md', 'json']).default('md'))
    .option('-o, --output <file>', "write the changelog to FILE instead of stdout ('-' for stdout)")
    .addOption(viewRepoOption())
    .addOption(offlineOption())
    .action((name: string | undefined, o) => run(async () => (await import('./commands/changelog.js')).changelog(io, name, o))());

  program
    .command('site')
    .description('write the registry page: a static site (HTML, CSS, a little JS) of every registry in view, for file:// or GitHub/GitLab Pages')
    .option('-o, --output <dir>', 'directory to write the site into', 'site')
    .option('--title <title>', 'page title', 'Model registry')
    .option('--timestamp', 'print the build time in the footer (otherwise the same registries give the same bytes)')
    .addOption(viewRepoOption())
    .addOption(offlineOption())
    .action((o) => run(async () => (await import('./commands/site.js')).site(io, o))());

  program
    .command('doctor')
    .description('show the config in force and every problem found in it and in the tags')
    .option('--json', 'print JSON')
    .addOption(repoOption())
    .action((o) => run(async () => (await import('./commands/doctor.js')).doctor(io, o))());

  const ci = program.command('ci').description('run in CI: the checks, and the registry event of a pushed tag (GitHub Action, GitLab CI template)');
  ci.command('github')
    .description('the GitHub Action: fetch tags, check (annotations on files), event outputs and job summary; inputs from INPUT_* variables')
    .action(() => run(async () => (await import('./commands/ci.js')).ciGithub(io))());
  const gitlab = ci.command('gitlab').description('the GitLab CI template jobs');
  gitlab
    .command('check')
    .description('fetch tags and check; print the problems and write them as a Code Quality report')
    .option('-o, --output <file>', 'Code Quality report file', 'gl-code-quality-report.json')
    .action((o) => run(async () => (await import('./commands/ci.js')).ciGitlabCheck(io, o))());
  gitlab
    .command('event')
    .description('write the registry event of $CI_COMMIT_TAG as dotenv variables (MODELREG_EVENT, MODELREG_NAME, …)')
    .option('-o, --output <file>', 'dotenv file', 'modelreg.env')
    .action((o) => run(async () => (await import('./commands/ci.js')).ciGitlabEvent(io, o))());

  const hook = program
    .command('hook')
    .description('run a Git hook handler (the scripts `modelreg init` puts in .husky/ call these)');
  hook
    .command('pre-commit')
    .description('validate the staged annotation files and config, and the integrity rules; silent when all is well')
    .argument('[files...]', 'staged files, as lint-staged or a hook runner passes them (accepted and ignored: the whole index is checked)')
    .action(() => run(async () => (await import('./commands/hook.js')).hookPreCommit(io))());
  hook
    .command('commit-msg')
    .description("lint the commit message with the repository's commitlint config and modelreg's trailer rules")
    .argument('<file>', 'the message file Git passes (.git/COMMIT_EDITMSG)')
    .action((file: string) => run(async () => (await import('./commands/hook.js')).hookCommitMsg(io, file))());
  hook
    .command('pre-push')
    .description('check every tag being pushed (refs on stdin, as Git gives them) against the registry rules')
    .argument('[remote]', 'remote name, as Git passes it (default: $PRE_COMMIT_REMOTE_NAME, set by the pre-commit framework)')
    .argument('[url]', 'remote URL, as Git passes it')
    .action((remote: string | undefined, url: string | undefined) => run(async () => (await import('./commands/hook.js')).hookPrePush(io, remote, url))());

  program
    .command('init')
    .description(
      'check every commit and push of this repository: husky hooks and commitlint, or the pre-commit framework when the repository uses it; installs them, so the hooks are live when it returns (idempotent)',
    )
    .option('--from <spec>', 'where to install modelreg from, as npm and pnpm take it: a checkout directory, a .tgz from npm pack, git+https://…#TAG, github:OWNER/REPO#TAG (default: where this modelreg came from)')
    .option('--no-install', 'write the files only; run no package manager (npm, pnpm or yarn) or pre-commit install')
    .addOption(new Option('--hooks <route>', 'the route, whatever runs the hooks now (default: the pre-commit framework when the repository uses it, else husky)').choices(['husky', 'pre-commit']))
    .option('--force', 'replace a JavaScript commitlint config, which cannot be merged')
    .option('--dry-run', 'print what would change (and which route); write and install nothing')
    .option('--json', 'print the changes as JSON')
    .action((o) => run(async () => (await import('./commands/init.js')).init(io, o))());

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    return (await import('./report-error.js')).reportError(e, io);
  }
  return emit(io, result);
}


