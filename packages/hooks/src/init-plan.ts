// `modelreg init`, planned: from the contents of the files it may touch, what to write. Pure, so
// every merge case is tested without a disk; `init.ts` reads the files and applies the plan.
// Nothing a user wrote is dropped: JSON and YAML configs are merged, hooks are appended to, and
// what cannot be merged (a JavaScript config) is a conflict unless `--force`.
// No lint-staged entry: the pre-commit hook calls modelreg itself. lint-staged spends 40–60 ms
// whenever a task matches (its stash and task runner) before a validator even starts, which alone
// would break the 50 ms budget for a commit touching an annotation file; and the validator reads
// the whole index anyway, including the deletions lint-staged never passes on. A team's own
// lint-staged call stays in their hook, before ours, so what it fixes and re-stages is checked.
import { parseDocument } from 'yaml';
import { COMMITLINT_CONFIG_FILES, MODELREG_CONFIGS, isModelregConfig } from './config-files.js';

// pre-merge-commit: Git runs it instead of pre-commit for a merge without conflicts (a pull too),
// so what a merge brings in is checked as a commit is.
export type HookName = 'pre-commit' | 'pre-merge-commit' | 'commit-msg' | 'pre-push';
export const HOOKS: readonly HookName[] = ['pre-commit', 'pre-merge-commit', 'commit-msg', 'pre-push'];

/** The command each hook must run; its presence means the hook is already wired. */
const HOOK_COMMAND: Record<HookName, string> = {
  'pre-commit': 'modelreg hook pre-commit',
  'pre-merge-commit': 'modelreg hook pre-commit',
  'commit-msg': 'modelreg hook commit-msg',
  'pre-push': 'modelreg hook pre-push',
};

// Joined to a pre-push hook that runs other commands, ours goes first and hands the refs on: Git
// writes them to stdin once, and a command that reads them first (git lfs pre-push does) would
// leave modelreg none, so it would pass every push unchecked.
const SHARED_PRE_PUSH = `# modelreg: every registry tag being pushed is checked. Git gives the refs on stdin once: they are
# read here, and handed on to the commands below as Git wrote them (nothing when there are none).
modelreg_refs=$(cat)
printf '%s' "$modelreg_refs" | NODE_EXTRA_CA_CERTS= MODELREG_NODE_EXTRA_CA_CERTS="\${NODE_EXTRA_CA_CERTS-}" modelreg hook pre-push "$@" || exit 1
if [ -z "$modelreg_refs" ]; then exec </dev/null; else exec <<MODELREG_REFS
$modelreg_refs
MODELREG_REFS
fi
`;

// husky 8 runs .husky/ scripts as Git hooks themselves: they need its header, and node_modules/.bin
// is not on their PATH (husky 9 puts it there), so modelreg is called through npx.
const HUSKY_8_HEADER = '#!/usr/bin/env sh\n. "$(dirname -- "$0")/_/husky.sh"\n\n';
const viaNpx = (text: string) => text.replace(/(^|\| )((?:\w+=\S* )*)modelreg hook /gm, '$1$2npx --no -- modelreg hook ');
// In patterns: the variable assignments the hook lines start modelreg with (see hooks/README.md:
// NODE_EXTRA_CA_CERTS), a call made through npx (as viaNpx writes it, or by hand), the pipe the
// pre-push block hands the refs on through, and the line of a husky 8 hook that sources husky.sh.
const ASSIGNMENT = String.raw`(?:\w+=\S*\s+)`;
const NPX = String.raw`(?:npx\s+(?:--no\s+)?(?:--\s+)?)?`;
const REFS_PIPE = String.raw`(?:printf '%s' "\$modelreg_refs" \| )?`;
const NPX_PREFIX = `${ASSIGNMENT}*${NPX}`;
const HUSKY_SH_LINE = String.raw`\.\s+"\$\(dirname[^\n]*husky\.sh"[^\n]*`;
const HUSKY_SH = new RegExp(`^${HUSKY_SH_LINE}`);
// A shebang, then (past comments and blank lines) husky 8's husky.sh line: both stay first.
const PRE_PUSH_HEADER = new RegExp(String.raw`^(?:#![^\n]*\n)?(?:(?:[ \t]*(?:#[^\n]*)?\r?\n)*?${HUSKY_SH_LINE}\n)?`);

/** The major version of husky that package.json asks for (`^8.0.3` → 8); undefined when none or unclear. */
function huskyMajor(pkg: Json | undefined): number | undefined {
  const range = [pkg?.['devDependencies'], pkg?.['dependencies']].map((d) => (isObject(d) ? d['husky'] : undefined)).find((r) => typeof r === 'string');
  const m = typeof range === 'string' ? /^\D*(\d+)/.exec(range) : null;
  return m ? Number(m[1]) : undefined;
}

/**
 * The shareable config of the package `modelreg` (its export `modelreg/commitlint`), by path:
 * commitlint resolves a bare `extends` name only as a scoped package or `commitlint-config-*`.
 */
export const COMMITLINT_CONFIG = './node_modules/modelreg/bundle/commitlint.mjs';

// What an earlier init wrote when lint-staged ran the validator: the pre-commit lines (the whole
// template, or the guard it appended to a hook that already ran lint-staged) and the package.json
// entry. A re-run replaces them, so an upgraded repository is checked the same way as a new one.
const LEGACY_PRE_COMMIT = [
  /^# modelreg: staged annotation files and config reach `modelreg hook pre-commit` through lint-staged\.\r?\nlint-staged --quiet\r?\n/m,
  /^# modelreg: lint-staged passes only added and modified files; a deleted or renamed file is checked here\.\r?\n/m,
  /^git diff --cached --quiet --diff-filter=DR \|\| modelreg hook pre-commit(\r?\n|$)/m,
];
const LEGACY_LINT_STAGED_GLOB = '{dvc.yaml,artifacts.yaml,.modelreg.yaml,.gto}';
const LEGACY_DEPENDENCY = '@modelreg/commitlint-plugin';

/** A registry version range (`^0.1.0`): for `modelreg`, the name this project does not hold on npm. */
export const isRegistryRange = (range: unknown) => typeof range === 'string' && /^[\^~]?\d/.test(range);

/** commitlint's config files; its package.json key is merged with package.json. */
const COMMITLINT_FILES = COMMITLINT_CONFIG_FILES.filter((f) => !f.startsWith('package.'));
export const NEW_COMMITLINT_FILE = 'commitlint.config.mjs';

/** Every file the plan reads. */
export const INIT_FILES = ['package.json', '.gitignore', '.npmrc', ...HOOKS.map((h) => `.husky/${h}`), ...COMMITLINT_FILES];

export interface InitInput {
  /** Contents of the files in INIT_FILES that exist. */
  files: ReadonlyMap<string, string>;
  /** The hook scripts of this project's `hooks/`. */
  templates: Readonly<Record<HookName, string>>;
  /** devDependencies to add: package → version range. */
  devDependencies: Readonly<Record<string, string>>;
  /** Of those, the ones whose range replaces one package.json already has (`--from`). */
  replace?: readonly string[];
  /** npm must install directory dependencies as copies (.npmrc `install-links=true`). */
  installLinks?: boolean;
  /** Name for a package.json created from nothing. */
  packageName: string;
  force?: boolean;
}

export type ChangeAction = 'create' | 'update' | 'unchanged' | 'conflict';

export interface PlannedChange {
  file: string;
  action: ChangeAction;
  /** What changes (or why nothing does). */
  details: string[];
  /** The new content for create/update. */
  content?: string;
  /** For a conflict: how to make the change by hand, or `--force`. */
  hint?: string;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keep the file's own indentation and final newline when rewriting JSON. */
function jsonStyle(text: string): { indent: string | number; newline: string } {
  const m = /^[{[][^\S\n]*\r?\n([ \t]+)\S/.exec(text);
  return { indent: m ? m[1]! : 2, newline: /\r\n/.test(text) ? '\r\n' : '\n' };
}

function writeJson(value: unknown, like: string): string {
  const { indent, newline } = jsonStyle(like);
  return JSON.stringify(value, null, indent).replace(/\n/g, newline) + newline;
}

class ParseError extends Error {}

function parseJson(file: string, text: string): Json {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ParseError(`${file} is not valid JSON (${(e as Error).message}): fix it, then run modelreg init again`);
  }
  if (!isObject(value)) throw new ParseError(`${file} must hold a JSON object: fix it, then run modelreg init again`);
  return value;
}

const isScript = (file: string) => /\.[cm]?[jt]s$/.test(file);
const isYaml = (file: string, text: string) => /\.ya?ml$/.test(file) || (!/\.json$/.test(file) && !/^\s*[{[]/.test(text.replace(/^\uFEFF/, '')));

/** Does a commitlint config (as data) already load modelreg's rules? */
const loadsModelreg = (config: unknown) => isObject(config) && ([config['extends']].flat().some(isModelregConfig) || [config['plugins']].flat().some(isModelregConfig));

function planPackageJson(input: InitInput, husky8: boolean, out: PlannedChange[]): void {
  const text = input.files.get('package.json');
  const pkg: Json = text === undefined ? { name: input.packageName, private: true } : parseJson('package.json', text);
  const details: string[] = [];
  const scripts: Json = isObject(pkg['scripts']) ? { ...pkg['scripts'] } : {};
  const prepare = scripts['prepare'];
  // husky 8 installs with `husky install`; alone, `husky` only prints its help there.
  const install = husky8 ? 'husky install' : 'husky';
  if (typeof prepare !== 'string' || prepare.trim() === '') {
    scripts['prepare'] = install;
    details.push(`scripts.prepare: '${install}' (installs the hooks on npm install)`);
  } else if (!/\bhusky\b/.test(prepare)) {
    scripts['prepare'] = `${prepare} && ${install}`;
    details.push(`scripts.prepare: runs '${install}' after the existing script`);
  }
  const dev: Json = isObject(pkg['devDependencies']) ? { ...pkg['devDependencies'] } : {};
  const deps = isObject(pkg['dependencies']) ? pkg['dependencies'] : {};
  const replaced = (name: string, range: string) => input.replace?.includes(name) === true && name in dev && dev[name] !== range;
  const added = Object.entries(input.devDependencies).filter(([name, range]) => (!(name in dev) && !(name in deps)) || replaced(name, range));
  for (const [name, range] of added) dev[name] = range;
  if (added.length > 0) details.push(`devDependencies: ${added.map(([n, r]) => `${n}@${r}`).join(', ')}`);
  // An earlier init added the plugin under a name that was never published; the package modelreg holds it now.
  if (isRegistryRange(dev[LEGACY_DEPENDENCY])) {
    delete dev[LEGACY_DEPENDENCY];
    details.push(`devDependencies: removed ${LEGACY_DEPENDENCY} (modelreg/commitlint holds it)`);
  }
  const next: Json = { ...pkg, scripts, devDependencies: dev };
  const lintStaged = pkg['lint-staged'];
  if (isObject(lintStaged) && lintStaged[LEGACY_LINT_STAGED_GLOB] === HOOK_COMMAND['pre-commit']) {
    const { [LEGACY_LINT_STAGED_GLOB]: _ours, ...theirs } = lintStaged;
    if (Object.keys(theirs).length > 0) next['lint-staged'] = theirs;
    else delete next['lint-staged'];
    details.push(`lint-staged: removed '${LEGACY_LINT_STAGED_GLOB}' (the pre-commit hook runs modelreg itself now)`);
  }
  if (isObject(pkg['commitlint']) && !loadsModelreg(pkg['commitlint'])) {
    next['commitlint'] = withModelregExtends(pkg['commitlint']);
    details.push(`commitlint: extends '${COMMITLINT_CONFIG}'`);
  }
  if (text === undefined) {
    out.push({ file: 'package.json', action: 'create', details: ['for the hook tools (most ML repositories have none)', ...details], content: writeJson(next, '') });
  } else if (details.length === 0) {
    out.push({ file: 'package.json', action: 'unchanged', details: ['already set up'] });
  } else {
    out.push({ file: 'package.json', action: 'update', details, content: writeJson(next, text) });
  }
}

function withModelregExtends(config: Json): Json {
  const current = config['extends'];
  const list = current === undefined ? [] : [current].flat();
  return { ...config, extends: [...list, COMMITLINT_CONFIG] };
}

/** Merge our entry into an existing JSON or YAML config file, or report a conflict for a script. */
function planConfigFile(
  input: InitInput,
  file: string,
  what: {
    /** Texts whose presence in a script config means it is already set up. */
    marker: readonly string[];
    done: (config: unknown) => boolean;
    merge: (config: Json) => Json;
    detail: string;
    byHand: string;
    fresh: (file: string) => string;
  },
  out: PlannedChange[],
): void {
  const text = input.files.get(file)!;
  if (isScript(file)) {
    if (what.marker.some((m) => text.includes(m))) {
      out.push({ file, action: 'unchanged', details: ['already set up'] });
    } else if (input.force) {
      out.push({ file, action: 'update', details: ['replaced (--force): JavaScript cannot be merged', what.detail], content: what.fresh(file) });
    } else {
      out.push({ file, action: 'conflict', details: ['a JavaScript config cannot be merged'], hint: `${what.byHand}, or run modelreg init --force to replace the file` });
    }
    return;
  }
  if (isYaml(file, text)) {
    const doc = parseDocument(text);
    if (doc.errors.length > 0) throw new ParseError(`${file} is not valid YAML (${doc.errors[0]!.message.split('\n')[0]}): fix it, then run modelreg init again`);
    const config: unknown = doc.toJS();
    if (what.done(config)) return void out.push({ file, action: 'unchanged', details: ['already set up'] });
    const merged = what.merge(isObject(config) ? config : {});
    for (const [key, value] of Object.entries(merged)) if (!doc.has(key) || JSON.stringify(doc.get(key)) !== JSON.stringify(value)) doc.set(key, value);
    out.push({ file, action: 'update', details: [what.detail], content: doc.toString() });
    return;
  }
  const config = parseJson(file, text);
  if (what.done(config)) return void out.push({ file, action: 'unchanged', details: ['already set up'] });
  out.push({ file, action: 'update', details: [what.detail], content: writeJson(what.merge(config), text) });
}

function moduleSyntax(file: string, packageJson: string | undefined): 'esm' | 'cjs' {
  if (/\.(mjs|mts|ts)$/.test(file)) return 'esm';
  if (/\.(cjs|cts)$/.test(file)) return 'cjs';
  try {
    return packageJson !== undefined && (JSON.parse(packageJson) as Json)['type'] === 'module' ? 'esm' : 'cjs';
  } catch {
    return 'cjs';
  }
}

function scriptConfig(value: unknown, syntax: 'esm' | 'cjs'): string {
  const body = JSON.stringify(value, null, 2);
  return syntax === 'esm' ? `export default ${body};\n` : `module.exports = ${body};\n`;
}

function planHook(input: InitInput, hook: HookName, husky8: boolean, out: PlannedChange[]): void {
  const file = `.husky/${hook}`;
  const template = husky8 ? viaNpx(input.templates[hook]) : input.templates[hook];
  const found = input.files.get(file);
  if (found === undefined) {
    const details = [`runs ${HOOK_COMMAND[hook]}${husky8 ? ' (through npx: husky 8)' : ''}`];
    return void out.push({ file, action: 'create', details, content: husky8 ? HUSKY_8_HEADER + template : template });
  }
  const existing =
    hook === 'pre-commit' ? LEGACY_PRE_COMMIT.reduce((text, legacy) => text.replace(legacy, ''), found) : hook === 'pre-push' ? withoutLatePrePush(found) : found;
  const upgraded = existing !== found;
  // Wired means a line that runs the command unconditionally (not behind a guard, not a comment).
  const command = new RegExp(String.raw`^\s*${REFS_PIPE}${NPX_PREFIX}${HOOK_COMMAND[hook]}\b`, 'm');
  if (command.test(existing)) {
    const moved = withMovedCaCerts(existing, input.templates[hook]);
    if (moved === existing) return void out.push({ file, action: 'unchanged', details: ['already runs modelreg'] });
    return void out.push({ file, action: 'update', details: ['starts modelreg with NODE_EXTRA_CA_CERTS moved aside (an earlier modelreg init did not)'], content: moved });
  }
  if (hook === 'commit-msg' && /\bcommitlint\b/.test(existing)) {
    // A plain `commitlint --edit "$1"` line becomes modelreg's: it lints the message with the same
    // config, which now holds modelreg's rules too, and saves a Node start and commitlint's loader.
    const plain = plainCommitlint(existing);
    if (plain) {
      const content = existing.slice(0, plain.index) + withLineEndings(template.replace(/^(?=.)/gm, plain.indent), existing) + existing.slice(plain.end);
      const detail = `'${plain.line}' now runs as '${HOOK_COMMAND[hook]} "$1"' (the same commitlint config and rules, one Node start fewer)`;
      return void out.push({ file, action: 'update', details: [detail], content });
    }
    // Any other commitlint call keeps running (twice would lint twice); its config gets modelreg's rules instead.
    return void out.push({ file, action: 'unchanged', details: ['already runs commitlint, whose config now loads modelreg\'s rules'] });
  }
  if (upgraded && hook === 'pre-commit') {
    return void out.push({ file, action: 'update', details: ['replaced the lint-staged route of an earlier modelreg init'], content: appendLines(existing, template) });
  }
  const joined = joinHook(hook, existing, template, husky8);
  const detail = upgraded ? 'now first and handing the pushed refs on to the rest of the hook (an earlier modelreg init did not)' : joined.detail;
  out.push({ file, action: 'update', details: [detail], content: joined.content });
}

// `commitlint --edit "$1"` as husky's and commitlint's guides write it, alone on its line: run
// directly, through npx, pnpm or yarn. Any other option (--verbose, --config…) or shape is not.
const PLAIN_COMMITLINT = /^([ \t]*)((?:npx --no -- |npx --no-install |pnpm exec |yarn )?commitlint --edit (?:"\$1"|\$1|"\$\{1\}"|\$\{1\}))[ \t]*\r?$/;

/**
 * The hook's one line that runs commitlint, when it is a plain `commitlint --edit "$1"` (and no
 * other line but comments names commitlint): where it starts and ends (with its line break), its
 * indentation and its text.
 */
function plainCommitlint(text: string): { index: number; end: number; indent: string; line: string } | undefined {
  let found: { index: number; end: number; indent: string; line: string } | undefined;
  let index = 0;
  for (const raw of text.split('\n')) {
    const end = Math.min(index + raw.length + 1, text.length);
    const m = PLAIN_COMMITLINT.exec(raw);
    if (m) {
      if (found) return undefined;
      found = { index, end, indent: m[1]!, line: m[2]! };
    } else if (/\bcommitlint\b/.test(raw) && !/^\s*#/.test(raw)) {
      return undefined;
    }
    index += raw.length + 1;
  }
  return found;
}

// A modelreg call at the start of a line (or of the pre-push block's pipe) without variable
// assignments before it: as an earlier init wrote it, or a hand-written one.
const BARE_CALL = new RegExp(String.raw`^(\s*${REFS_PIPE})(${NPX}modelreg hook )`, 'gm');

/**
 * `text` with the assignments the template starts modelreg with (NODE_EXTRA_CA_CERTS moved aside,
 * see hooks/README.md) put before each bare call, so a re-run of init brings a hook up to date.
 */
function withMovedCaCerts(text: string, template: string): string {
  const assignments = new RegExp(`^(${ASSIGNMENT}+)modelreg hook `, 'm').exec(template)?.[1];
  return assignments ? text.replace(BARE_CALL, (_, start: string, call: string) => start + assignments + call) : text;
}

// What an earlier init wrote into a pre-push hook: its comment and the plain call.
const LATE_PRE_PUSH = new RegExp(
  String.raw`^(?:# modelreg: every registry tag being pushed is checked \(Git gives the refs on stdin\)\.\r?\n)?${NPX_PREFIX}modelreg hook pre-push "\$@"[ \t]*(?:\r?\n|$)`,
  'm',
);

/**
 * A pre-push hook without a plain modelreg call that shares the hook with other commands: Git
 * writes the refs to stdin once, so a command before it (git lfs pre-push) leaves it none, and it
 * leaves none to a command after it. Unchanged when the call is the hook's only command.
 */
function withoutLatePrePush(text: string): string {
  const late = LATE_PRE_PUSH.exec(text);
  if (!late) return text;
  const rest = text.slice(0, late.index) + text.slice(late.index + late[0].length);
  const otherCommand = rest.split(/\r?\n/).some((line) => {
    const t = line.trim();
    return t !== '' && !t.startsWith('#') && !HUSKY_SH.test(t);
  });
  return otherCommand ? rest : text;
}

/**
 * modelreg's lines joined to a hook that runs other commands, where they are sure to run: a
 * pre-push hook's first (sharing stdin, see SHARED_PRE_PUSH); any other's last, but before a
 * top-level `exit` or `exec`, after which nothing runs.
 */
function joinHook(hook: HookName, existing: string, template: string, husky8: boolean): { content: string; detail: string } {
  if (hook === 'pre-push') {
    const header = PRE_PUSH_HEADER.exec(existing)?.[0] ?? '';
    const block = husky8 ? viaNpx(SHARED_PRE_PUSH) : SHARED_PRE_PUSH;
    return { content: header + withLineEndings(block, existing) + existing.slice(header.length), detail: 'inserted first, handing the pushed refs on to the rest of the hook' };
  }
  const end = topLevelEnd(existing);
  if (end) {
    return { content: existing.slice(0, end.index) + withLineEndings(template, existing) + existing.slice(end.index), detail: `inserted before the hook's '${end.line}' line` };
  }
  return { content: appendLines(existing, template), detail: 'appended to the existing hook' };
}

/**
 * The first line that ends the script when it runs: `exit …`, or `exec COMMAND` (which replaces the
 * shell; `exec < /dev/tty`, only redirections, does not), outside any if/case/loop/function body,
 * where it would end the script only sometimes. Nesting is told from the keywords that open and
 * close a line, which is how hooks are written.
 */
function topLevelEnd(text: string): { index: number; line: string } | undefined {
  let depth = 0;
  let index = 0;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    const t = line.trim();
    if (depth === 0 && /^(?:exit\b|exec\s+(?!\d*[<>]))/.test(line)) return { index, line };
    if (/^(?:if|case|for|while|until)\b/.test(t) || /[{(]\s*$/.test(t)) depth++;
    if (/^(?:(?:fi|esac|done)\b|[})])/.test(t) || /;\s*(?:fi|done|esac)\s*$/.test(t)) depth = Math.max(0, depth - 1);
    index += raw.length + 1;
  }
  return undefined;
}

/** LF-terminated `lines` in the line endings of `like`. */
function withLineEndings(lines: string, like: string): string {
  return /\r\n/.test(like) ? lines.replace(/\n/g, '\r\n') : lines;
}

/** `text` with `lines` (LF-terminated) appended on a line of their own, in the file's line endings. */
function appendLines(text: string, lines: string): string {
  const sep = text === '' || text.endsWith('\n') ? '' : /\r\n/.test(text) ? '\r\n' : '\n';
  return `${text}${sep}${withLineEndings(lines, text)}`;
}

function planGitignore(input: InitInput, out: PlannedChange[]): void {
  const text = input.files.get('.gitignore');
  if (text !== undefined && /^\/?node_modules\/?\s*$/m.test(text)) return void out.push({ file: '.gitignore', action: 'unchanged', details: ['already ignores node_modules/'] });
  out.push({ file: '.gitignore', action: text === undefined ? 'create' : 'update', details: ['node_modules/ (the hook tools)'], content: appendLines(text ?? '', 'node_modules/\n') });
}

function planNpmrc(input: InitInput, out: PlannedChange[]): void {
  if (!input.installLinks) return;
  const text = input.files.get('.npmrc');
  if (text !== undefined && /^\s*install-links\s*=\s*true\s*$/m.test(text)) return void out.push({ file: '.npmrc', action: 'unchanged', details: ['already installs directory dependencies as copies'] });
  const details = ['install-links=true (npm links a directory dependency without its dependencies)'];
  out.push({ file: '.npmrc', action: text === undefined ? 'create' : 'update', details, content: appendLines(text ?? '', 'install-links=true\n') });
}

/** The whole plan, or a one-line error for a config file that cannot be read. */
export function planInit(input: InitInput): { changes: PlannedChange[] } | { error: string } {
  const changes: PlannedChange[] = [];
  try {
    const commitlintFile = COMMITLINT_FILES.find((f) => input.files.has(f));
    const husky = huskyMajor(safeJson(input.files.get('package.json')));
    const husky8 = husky !== undefined && husky < 9;
    planPackageJson(input, husky8, changes);
    const ownCommitlint = { extends: [COMMITLINT_CONFIG] };
    if (commitlintFile !== undefined) {
      planConfigFile(
        input,
        commitlintFile,
        {
          marker: MODELREG_CONFIGS,
          done: loadsModelreg,
          merge: withModelregExtends,
          detail: `extends '${COMMITLINT_CONFIG}'`,
          byHand: `add '${COMMITLINT_CONFIG}' to its extends`,
          fresh: (f) => scriptConfig(ownCommitlint, moduleSyntax(f, input.files.get('package.json'))),
        },
        changes,
      );
    } else if (!isObject(safeJson(input.files.get('package.json'))?.['commitlint'])) {
      changes.push({ file: NEW_COMMITLINT_FILE, action: 'create', details: [`extends '${COMMITLINT_CONFIG}'`], content: scriptConfig(ownCommitlint, 'esm') });
    }
    for (const hook of HOOKS) planHook(input, hook, husky8, changes);
    planGitignore(input, changes);
    planNpmrc(input, changes);
  } catch (e) {
    if (e instanceof ParseError) return { error: e.message };
    throw e;
  }
  return { changes };
}

function safeJson(text: string | undefined): Json | undefined {
  if (text === undefined) return undefined;
  try {
    const v: unknown = JSON.parse(text);
    return isObject(v) ? v : undefined;
  } catch {
    return undefined;
  }
}
