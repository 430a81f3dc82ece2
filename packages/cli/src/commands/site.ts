// `modelreg site [-o DIR]`: the registry page of every registry in view, as static files.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ModelregError, fileSystemReason } from '@modelreg/core';
import { renderSite, type SiteRegistry } from '@modelreg/site';
import type { CommandResult, Io } from '../io.js';
import { eachInView, openView, withProblems } from '../registries.js';
import { changelogIn } from './changelog.js';

export interface SiteCommandOptions {
  repo?: string[];
  offline?: boolean;
  output?: string;
  title?: string;
  /** Print the build time in the footer (off by default: the same registries give the same bytes). */
  timestamp?: boolean;
}

export async function site(io: Io, opts: SiteCommandOptions, now: () => Date = () => new Date()): Promise<CommandResult> {
  const out = resolve(io.cwd, opts.output ?? 'site');
  const view = await openView(io, opts);
  const registries: SiteRegistry[] = await eachInView(view, async (r) => {
    const { log, registry, annotations, config } = await changelogIn(r.handle, undefined, {}, null);
    return {
      name: r.name,
      registry,
      changelog: log,
      annotations: new Map(annotations.map((a) => [a.name, a])),
      ...(config.stages ? { configStages: config.stages } : {}),
    };
  });
  const files = renderSite(registries, {
    ...(opts.title !== undefined ? { title: opts.title } : {}),
    ...(opts.timestamp ? { generatedAt: now().toISOString() } : {}),
  });
  // Written synchronously, each folder made once: a hundred small files cost less so than as many
  // asynchronous round trips.
  const made = new Set<string>();
  for (const [path, text] of files) {
    const file = join(out, path);
    try {
      if (!made.has(dirname(file))) mkdirSync(dirname(file), { recursive: true });
      made.add(dirname(file));
      writeFileSync(file, text);
    } catch (e) {
      const why = fileSystemReason(e) ?? (e as Error).message;
      throw new ModelregError('output-failed', `cannot write ${file}: ${why}`, { hint: 'give -o a directory you can write to' });
    }
  }
  return withProblems(view, { stdout: `Wrote ${files.size} files to ${opts.output ?? 'site'}/ (open ${join(opts.output ?? 'site', 'index.html')})\n` });
}
