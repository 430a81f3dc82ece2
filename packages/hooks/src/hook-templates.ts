// The scripts of this project's hooks/ folder, as `modelreg init` writes them into .husky/, and its
// .pre-commit-hooks.yaml, whose hooks init writes into a `repo: local` entry of a team's
// .pre-commit-config.yaml. Held here so the CLI (and its one-file bundle) carries them with no
// file to find at run time; a test keeps them equal to those files, which stay the place to edit.
import type { HookName } from './init-plan.js';

export const HOOK_TEMPLATES: Readonly<Record<HookName, string>> = {
  'pre-commit': "# modelreg: the staged annotation files and config, and what the commit deletes or renames, must keep the registry whole.\nmodelreg hook pre-commit\n",
  'pre-merge-commit': "# modelreg: Git runs this hook instead of pre-commit for a merge without conflicts (a pull too), so what the merge brings in is checked as a commit is.\nmodelreg hook pre-commit\n",
  'commit-msg': "# modelreg: the message is linted with this repository's commitlint config and modelreg's trailer rules.\nmodelreg hook commit-msg \"$1\"\n",
  'pre-push': "# modelreg: every registry tag being pushed is checked (Git gives the refs on stdin).\nmodelreg hook pre-push \"$@\"\n",
};

export const PRE_COMMIT_HOOKS_YAML = "# Hooks for the pre-commit framework (https://pre-commit.com): the same checks as the husky hooks\n# and CI. pre-commit installs this repository with npm (`language: node`) and runs the bundled CLI,\n# bundle/modelreg.mjs; add `language_version: system` to use the machine's Node (>= 20).\n# Stage names are the old ones (`commit`, `push`): pre-commit < 3.2 knows no others, later\n# versions still accept them.\n- id: modelreg-check\n  name: modelreg check (annotation files and config, as staged)\n  description: Validate the staged annotation files (dvc.yaml artifacts, artifacts.yaml) and .modelreg.yaml, and the rules that span them (what the husky pre-commit hook runs); outside a commit (pre-commit run --all-files) the whole repository, as modelreg check does.\n  entry: modelreg hook pre-commit\n  language: node\n  pass_filenames: false\n  always_run: true\n  # merge-commit: a merge without conflicts runs pre-merge-commit instead of pre-commit.\n  stages: [commit, merge-commit]\n- id: modelreg-commit-msg\n  name: modelreg commit-msg (Model trailers)\n  description: Lint the commit message's Model, Model-Bump, Model-Metric and Model-Data trailers.\n  entry: modelreg hook commit-msg\n  language: node\n  stages: [commit-msg]\n- id: modelreg-pre-push\n  name: modelreg pre-push (registry tags)\n  description: Check the registry tags being pushed (pre-commit hands the hook one ref; every local registry tag the remote lacks is checked too).\n  entry: modelreg hook pre-push\n  language: node\n  pass_filenames: false\n  always_run: true\n  stages: [push]\n";
