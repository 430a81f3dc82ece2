// `show` and `stages` as most people run them (`show`, `show --json|--plain|--name`, `stages`,
// `stages --json`), answered from what modelreg keeps in the repository's git directory before
// the rest of modelreg loads. The bundle builds this file alone (chunks/quick.mjs): no argument
// parser, no YAML parser, no code that reads tags, so an unchanged registry costs Node's start,
// two short git processes and a few small reads. It answers for the repository here when the
// registry index (summary-index.ts) and the worktree index (worktree-index.ts: the names the
// annotation files declare, the config's stages) are current; otherwise, and on any doubt or
// error, it returns null and main.js runs the command from the start, as it always does. What it
// prints is what main.js prints: the same functions make it, and every test compares the two
// (TestRepo.modelreg runs show and stages again with MODELREG_NO_CACHE=1, which it leaves to main.js).
import { CONFIG_FILES } from '@modelreg/core';
import { isInsideRepo, readWorktreeFiles, selectsRepository } from '@modelreg/git';
import { listAnnotationFilesSync, savedConfig, savedNames, type ConfigFacts } from './worktree-index.js';
import { namesRegistries } from './registries.js';
import { emit, type CommandResult, type Io } from './io.js';
import { handleOf, type RepoHandle } from './repo.js';
import { summaryOf, summaryOutput } from './commands/show.js';
import { stagesText } from './commands/stages.js';
import { SHOW_DEFAULTS, showOptions } from './show-options.js';
import { indexWanted, indexedView } from './summary-index.js';

/** A command line quick answers (bin.ts tells them apart): the command, and its one option. */
export interface QuickForm {
  command: string;
  /** Without its dashes (`json`); undefined for none. */
  option: string | undefined;
}

/** Run the command line `form` is, when everything it needs is kept: its exit code; else null. */
export async function quick(form: QuickForm, io: Io): Promise<number | null> {
  // The environment may turn the indexes off, or name the repository (main.js then decides).
  if (!indexWanted(io.env, undefined) || selectsRepository(io.env)) return null;
  const result = await answer(form, io).catch(() => null);
  return result && emit(io, result);
}

/** What the command prints, from what is kept; null when something is not (or on any error). */
async function answer({ command, option }: QuickForm, io: Io): Promise<CommandResult | null> {
  const here = repositoryHere(io, await isInsideRepo({ cwd: io.cwd, env: io.env }));
  // A config that names registries makes show and stages views of several (main.js's); one
  // with errors makes stages fail (main.js says which).
  if (!here || (command === 'stages' && !here.config.valid)) return null;
  const { handle, config } = here;
  if (command === 'stages') {
    const stages = config.stages ?? (await indexedView(handle, {}))?.stages;
    return stages ? { stdout: stagesText(stages, { json: option === 'json' }) } : null;
  }
  const opts = showOptions({ ...SHOW_DEFAULTS, ...(option ? { [option]: true } : {}) });
  // The registry index first: after new tags (the commonest miss) no annotation file is listed
  // or read for nothing. The listing's git process is waited for: less for Node than a spawn.
  const view = await indexedView(handle, opts);
  const names = view && savedNames(handle, listAnnotationFilesSync(handle.git));
  return view && names ? summaryOutput(summaryOf(view, names, config), opts) : null;
}

/**
 * The repository here (`found` by isInsideRepo), as `openView` opens it for a command without
 * `-r`: a working tree (not a bare repository, which has HEAD's files), with its config's facts
 * as kept (none: an empty config). Null otherwise, and when the config names registries, is
 * linked out of the repository, or changed since its facts were kept.
 */
function repositoryHere(io: Io, found: Awaited<ReturnType<typeof isInsideRepo>>): { handle: RepoHandle; config: ConfigFacts } | null {
  if (!found || found.bare) return null;
  const handle = handleOf(io, { dir: found.root, isRemote: false, bare: false, shallow: found.shallow, commonDir: found.commonDir, gitDir: found.gitDir });
  const { files, diagnostics } = readWorktreeFiles(handle.git.cwd, CONFIG_FILES);
  const config = diagnostics.length === 0 && !namesRegistries(files) ? savedConfig(handle, files) : null;
  return config && { handle, config };
}
