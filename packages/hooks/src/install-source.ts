// Where the `modelreg` dependency that init writes comes from: `--from SPEC` as given (a local
// path becomes a file: specifier), else the source the running modelreg was installed from. Never
// the bare registry name: 'modelreg' on npm is not this project's, and a repository must not pull
// whatever a stranger publishes under it.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { parse } from 'yaml';
import { isRegistryRange } from './init-plan.js';

/** A specifier with a protocol npm and pnpm know (file:, git+https:, github:, https:, …). */
const PROTOCOL = /^[a-z][a-z0-9+.-]*:/i;
const TARBALL = /\.(?:tgz|tar\.gz)$/;

/** `--from SPEC` names a path on this machine (not a URL, git shorthand or registry range). */
const isPathLike = (spec: string) => !PROTOCOL.test(spec) && (/^(?:\.{1,2}(?:\/|$)|\/|~\/)/.test(spec) || TARBALL.test(spec));

/** The local path a specifier names (file: or a plain path), absolute; null for the rest. */
export function localPath(spec: string, base: string): string | null {
  if (spec.startsWith('file:')) return resolve(base, spec.slice('file:'.length).replace(/^\/\/(?=\/)/, ''));
  return isPathLike(spec) ? resolve(base, spec.replace(/^~(?=\/)/, process.env.HOME ?? '~')) : null;
}

/**
 * The dependency's specifier as package.json holds it: a path relative to the repository when it
 * is inside it (a tarball committed beside the code works for everyone), else absolute.
 */
export function specifierFor(spec: string, cwd: string, root: string): string {
  const path = localPath(spec, cwd);
  if (path === null) return spec;
  const inside = relative(root, path);
  return `file:${inside !== '' && !inside.startsWith('..') && !isAbsolute(inside) ? inside : path}`;
}

/** A local specifier that names a directory (npm links those, without their dependencies). */
export function isDirectory(spec: string, root: string): boolean {
  const path = localPath(spec, root);
  return path !== null && existsSync(path) && statSync(path).isDirectory();
}

function readJson(file: string): Record<string, unknown> | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** The directory of the package `modelreg` that `self` (the running CLI file) belongs to. */
function packageRoot(self: string): string | null {
  for (let dir = dirname(self); dirname(dir) !== dir; dir = dirname(dir)) {
    // The workspace build (@modelreg/cli) belongs to the package at the workspace's root.
    if (readJson(join(dir, 'package.json'))?.['name'] === 'modelreg') return dir;
  }
  return null;
}

/** What npm's or pnpm's lockfile under `prefix` says `modelreg` was installed from, as a specifier. */
function lockedSource(prefix: string): string | null {
  for (const file of ['node_modules/.package-lock.json', 'package-lock.json']) {
    const entry = (readJson(join(prefix, file))?.['packages'] as Record<string, { resolved?: string }> | undefined)?.['node_modules/modelreg'];
    if (typeof entry?.resolved === 'string') return entry.resolved.startsWith('file:') ? `file:${resolve(prefix, entry.resolved.slice(5))}` : entry.resolved;
  }
  for (const file of ['node_modules/.pnpm/lock.yaml', 'pnpm-lock.yaml']) {
    type Lock = { importers?: Record<string, Record<string, Record<string, { specifier?: string }>>> } | null;
    let lock: Lock;
    try {
      lock = parse(readFileSync(join(prefix, file), 'utf8')) as Lock;
    } catch {
      continue;
    }
    const importer = lock?.importers?.['.'];
    const specifier = importer?.['devDependencies']?.['modelreg']?.specifier ?? importer?.['dependencies']?.['modelreg']?.specifier;
    if (typeof specifier === 'string') return localPath(specifier, prefix) !== null ? `file:${localPath(specifier, prefix)}` : specifier;
  }
  return null;
}

/**
 * Where the running modelreg came from: the checkout it runs in, or what the lockfile of the
 * node_modules it was installed into records (npx and global installs have one too). null when
 * that cannot be told (a copied file, a registry install).
 */
export function runningSource(self: string): string | null {
  const root = packageRoot(self);
  if (root === null) return null;
  const at = root.indexOf(`${sep}node_modules${sep}`);
  if (at < 0) return `file:${root}`;
  const source = lockedSource(root.slice(0, at));
  // A registry version is the unclaimed name: not a source to write.
  return source !== null && !/^https?:\/\/registry\./.test(source) && !isRegistryRange(source) ? source : null;
}
