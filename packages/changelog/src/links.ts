// Links from a changelog to the web pages of commits and tags: URL templates from
// `.modelreg.yaml` (`changelog: {commit_url, tag_url}`), else derived from a GitHub or GitLab
// `origin` remote.
import type { Diagnostic } from '@modelreg/core';

export interface Links {
  /** e.g. `https://github.com/acme/models/commit/{sha}` */
  commitUrl?: string;
  /** e.g. `https://github.com/acme/models/releases/tag/{tag}` */
  tagUrl?: string;
}

const TEMPLATE_KEYS = [
  ['commit_url', 'commitUrl', '{sha}'],
  ['tag_url', 'tagUrl', '{tag}'],
] as const;

/**
 * The `changelog:` section of a parsed `.modelreg.yaml` (the whole document, as YAML parsed
 * it). Bad values are reported and left out; an absent section gives no links.
 */
export function linksFromConfig(config: unknown, file = '.modelreg.yaml'): { links: Links; diagnostics: Diagnostic[] } {
  const links: Links = {};
  const diagnostics: Diagnostic[] = [];
  if (config === null || typeof config !== 'object' || Array.isArray(config)) return { links, diagnostics };
  const section = (config as Record<string, unknown>).changelog;
  if (section === undefined || section === null) return { links, diagnostics };
  if (typeof section !== 'object' || Array.isArray(section)) {
    diagnostics.push({
      code: 'config-value',
      severity: 'warning',
      ref: file,
      message: `${file}: 'changelog' must be a mapping (commit_url:, tag_url:); it was ignored`,
    });
    return { links, diagnostics };
  }
  for (const [key, field, placeholder] of TEMPLATE_KEYS) {
    const value = (section as Record<string, unknown>)[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string' || !/^https?:\/\/\S+$/.test(value) || !value.includes(placeholder)) {
      diagnostics.push({
        code: 'config-value',
        severity: 'warning',
        ref: file,
        message: `${file}: 'changelog.${key}' must be an http(s) URL containing ${placeholder}; it was ignored`,
        hint: `e.g. ${key}: "https://github.com/OWNER/REPO/${key === 'commit_url' ? 'commit/{sha}' : 'releases/tag/{tag}'}"`,
      });
      continue;
    }
    links[field] = value;
  }
  return { links, diagnostics };
}

const SEGMENT = /^[A-Za-z0-9_.-]+$/;

/**
 * Links for a repository on github.com or gitlab.com, from its remote URL (https, ssh or
 * scp-like `git@host:owner/repo.git`); null for any other host. Credentials are never kept.
 */
export function linksFromRemote(url: string): Links | null {
  let host: string;
  let path: string;
  const scheme = /^(?:https?|ssh|git):\/\/(?:[^@/]*@)?([^/:]+)(?::\d+)?\/(.*)$/.exec(url);
  const scp = /^(?:[^@/:]+@)?([^/:]+):(?!\/)(.*)$/.exec(url);
  if (scheme) [, host, path] = scheme as unknown as [string, string, string];
  else if (scp) [, host, path] = scp as unknown as [string, string, string];
  else return null;
  host = host.toLowerCase();
  const segments = path.replace(/\/+$/, '').replace(/\.git$/, '').split('/');
  if (!segments.every((s) => SEGMENT.test(s) && s !== '.' && s !== '..')) return null;
  if (host === 'github.com' && segments.length === 2) {
    const base = `https://github.com/${segments.join('/')}`;
    return { commitUrl: `${base}/commit/{sha}`, tagUrl: `${base}/releases/tag/{tag}` };
  }
  if (host === 'gitlab.com' && segments.length >= 2) {
    const base = `https://gitlab.com/${segments.join('/')}`;
    return { commitUrl: `${base}/-/commit/{sha}`, tagUrl: `${base}/-/tags/{tag}` };
  }
  return null;
}

/** A tag name as a URL path segment: `#` and the like escaped, `/ @ =` kept readable. */
function encodeTag(tag: string): string {
  return encodeURIComponent(tag).replace(/%2F/g, '/').replace(/%40/g, '@').replace(/%3D/g, '=');
}

export function commitLink(links: Links, sha: string): string | null {
  return links.commitUrl ? links.commitUrl.replaceAll('{sha}', sha) : null;
}

export function tagLink(links: Links, tag: string): string | null {
  return links.tagUrl ? links.tagUrl.replaceAll('{tag}', encodeTag(tag)) : null;
}
