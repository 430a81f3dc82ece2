// `modelreg changelog [NAME]`: read the tags, one `git log` with subjects and the trailers git
// parsed (and one more for the commits touching model paths), the link templates, all at once;
// @modelreg/changelog does the rest.
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ModelregError, assertArtifactName, type Diagnostic, type Trailer } from '@modelreg/core';
import { buildChangelog, checkVersionRange, linksFromConfig, linksFromRemote, parsedCommitTrailers, renderJson, renderMarkdown, type CommitInput, type Links } from '@modelreg/changelog';
import { readChangedPaths, readFileAtRevision, readRemoteUrl, resolveCommit, streamLog } from '@modelreg/git';
import type { CommandResult, Io } from '../io.js';
import { loadRegistry, openHandle, type RepoHandle } from '../repo.js';

export interface ChangelogOptions {
  repo?: string;
  from?: string;
  to?: string;
  format?: string;
  output?: string;
}

/** Diagnostics beyond this many are counted, not listed. */
const MAX_WARNINGS = 10;

/** Parsed YAML, or null for no file or a broken one (`modelreg doctor` and `check` report those). */
async function parseYaml(text: string | null): Promise<unknown> {
  if (text === null) return null;
  // The YAML parser costs tens of milliseconds to load: only when there is a file to read.
  const { parse } = await import('yaml');
  try {
    return parse(text.replace(/^\uFEFF/, ''), { maxAliasCount: 100 });
  } catch {
    return null;
  }
}

/** A file of the working tree, or of HEAD in a bare repository. */
async function readCurrent(handle: RepoHandle, file: string): Promise<string | null> {
  if (handle.bare) return readFileAtRevision(handle.git, 'HEAD', file);
  return readFile(join(handle.git.cwd, file), 'utf8').catch(() => null);
}

/**
 * Model paths at HEAD from the root `dvc.yaml` (`artifacts: NAME: {path}`) and GTO's
 * `artifacts.yaml` (`NAME: {path}`); URLs and virtual artifacts have no repository path.
 */
async function annotatedPaths(handle: RepoHandle): Promise<Record<string, string>> {
  const [dvc, gto] = await Promise.all([readFileAtRevision(handle.git, 'HEAD', 'dvc.yaml'), readFileAtRevision(handle.git, 'HEAD', 'artifacts.yaml')]);
  const paths: Record<string, string> = {};
  const take = (entries: unknown) => {
    if (entries === null || typeof entries !== 'object' || Array.isArray(entries)) return;
    for (const [name, entry] of Object.entries(entries as Record<string, unknown>)) {
      if (name in paths || entry === null || typeof entry !== 'object') continue;
      const { path, virtual } = entry as { path?: unknown; virtual?: unknown };
      if (typeof path === 'string' && path !== '' && virtual !== true && !/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(path)) paths[name] = path;
    }
  };
  const dvcDoc = await parseYaml(dvc);
  if (dvcDoc && typeof dvcDoc === 'object') take((dvcDoc as { artifacts?: unknown }).artifacts);
  take(await parseYaml(gto));
  return paths;
}

/** `.modelreg.yaml` `changelog:` templates, else links derived from a GitHub/GitLab origin. */
async function readLinks(handle: RepoHandle): Promise<{ links: Links; diagnostics: Diagnostic[] }> {
  const [configText, origin] = await Promise.all([readCurrent(handle, '.modelreg.yaml'), readRemoteUrl(handle.git, 'origin')]);
  const fromConfig = linksFromConfig(await parseYaml(configText));
  const fromRemote = origin === null ? null : linksFromRemote(origin);
  const commitUrl = fromConfig.links.commitUrl ?? fromRemote?.commitUrl;
  const tagUrl = fromConfig.links.tagUrl ?? fromRemote?.tagUrl;
  return { links: { ...(commitUrl ? { commitUrl } : {}), ...(tagUrl ? { tagUrl } : {}) }, diagnostics: fromConfig.diagnostics };
}

function warnings(diagnostics: Diagnostic[]): string {
  const lines = diagnostics.slice(0, MAX_WARNINGS).map((d) => `modelreg: ${d.severity}: ${d.message}${d.hint ? ` — ${d.hint}` : ''}\n`);
  if (diagnostics.length > MAX_WARNINGS) lines.push(`modelreg: … and ${diagnostics.length - MAX_WARNINGS} more problems\n`);
  return lines.join('');
}

export async function changelog(io: Io, name: string | undefined, opts: ChangelogOptions): Promise<CommandResult> {
  const format = opts.format ?? 'md';
  if (format !== 'md' && format !== 'json') {
    throw new ModelregError('usage', `unknown format '${format}'`, { hint: 'use --format md or --format json', exitCode: 2 });
  }
  if (name !== undefined) assertArtifactName(name);
  checkVersionRange(opts.from, opts.to);
  const handle = await openHandle(io, opts.repo);
  // Everything at once: the log takes HEAD and every tag, so it need not wait for the tags. The
  // log starts first, since it takes longest. git prints each commit's subject and parses its
  // trailers (git's rules, as `git log --format=%(trailers)`): a third less to read than whole
  // messages, and no trailer parsing here while git is still printing the rest.
  const all = { head: true, tags: true };
  const commits: CommitInput[] = [];
  const trailers: (readonly Trailer[])[] = [];
  // The commit graph's index too, while waiting for git.
  const positions = new Map<string, number>();
  const reading = streamLog(handle.git, { ...all, summaries: true }, (c) => {
    positions.set(c.sha, commits.length);
    commits.push(c);
    trailers.push(parsedCommitTrailers(c.trailers));
  });
  const pathsAndChanges = annotatedPaths(handle).then(async (paths) => {
    const list = [...new Set(Object.values(paths))];
    return { paths, changedPaths: list.length > 0 ? await readChangedPaths(handle.git, { ...all, paths: list }) : new Map<string, string[]>() };
  });
  const [, { registry }, head, { paths, changedPaths }, links] = await Promise.all([
    reading,
    loadRegistry(handle, name === undefined ? {} : { artifact: name }),
    resolveCommit(handle.git, 'HEAD'),
    pathsAndChanges,
    readLinks(handle),
  ]);
  const log = buildChangelog({
    registry,
    commits,
    trailers,
    positions,
    head,
    paths,
    changedPaths,
    links: links.links,
    ...(name !== undefined ? { name } : {}),
    ...(opts.from !== undefined ? { from: opts.from } : {}),
    ...(opts.to !== undefined ? { to: opts.to } : {}),
  });
  const text = format === 'json' ? renderJson(log) : renderMarkdown(log);
  const stderr = warnings([...links.diagnostics, ...log.diagnostics]);
  if (opts.output !== undefined) {
    try {
      await writeFile(resolve(io.cwd, opts.output), text);
    } catch (e) {
      throw new ModelregError('output-failed', `cannot write ${opts.output}: ${(e as Error).message}`, { hint: 'give a path in an existing, writable directory' });
    }
    return { stdout: `Wrote ${opts.output}\n`, stderr };
  }
  return { stdout: text, stderr };
}
