// The scripts of this project's hooks/ folder, as `modelreg init` writes them into .husky/. Held
// here so the CLI (and its one-file bundle) carries them with no file to find at run time; a test
// keeps them equal to hooks/, which stays the place to read and edit them.
import type { HookName } from './init-plan.js';

export const HOOK_TEMPLATES: Readonly<Record<HookName, string>> = {
  'pre-commit': "# modelreg: the staged annotation files and config, and what the commit deletes or renames, must keep the registry whole.\nmodelreg hook pre-commit\n",
  'pre-merge-commit': "# modelreg: Git runs this hook instead of pre-commit for a merge without conflicts (a pull too), so what the merge brings in is checked as a commit is.\nmodelreg hook pre-commit\n",
  'commit-msg': "# modelreg: the message is linted with this repository's commitlint config and modelreg's trailer rules.\nmodelreg hook commit-msg \"$1\"\n",
  'pre-push': "# modelreg: every registry tag being pushed is checked (Git gives the refs on stdin).\nmodelreg hook pre-push \"$@\"\n",
};
