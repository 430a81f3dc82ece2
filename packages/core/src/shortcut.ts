// `show` selectors: `NAME`, `NAME@latest`, `NAME@greatest`, `NAME@vX.Y.Z`, `NAME#STAGE` (as GTO accepts).
import { DIRNAME_PATTERN, SHORT_NAME_PATTERN } from './names.js';
import { SEMVER_PATTERN, nearestVersion } from './semver.js';

export interface Shortcut {
  artifact: string;
  version?: string;
  stage?: string;
  /** `@latest` / `@greatest`: the highest active registered version. */
  latest?: boolean;
}

const nonCapturingSemver = SEMVER_PATTERN.replace(/\((?!\?)/g, '(?:');
const shortcutRe = new RegExp(
  `^((?:${DIRNAME_PATTERN}[:=])?${SHORT_NAME_PATTERN})(?:#(${SHORT_NAME_PATTERN})|@(latest|greatest|v${nonCapturingSemver}))?$`,
);

/** Parse a selector; null when it is not one. A `dir=name` spelling (as in tags) is accepted too. */
export function parseShortcut(value: string): Shortcut | null {
  const m = shortcutRe.exec(value);
  if (!m) return null;
  const artifact = (m[1] as string).replace('=', ':');
  if (m[2] !== undefined) return { artifact, stage: m[2] };
  if (m[3] === 'latest' || m[3] === 'greatest') return { artifact, latest: true };
  if (m[3] !== undefined) return { artifact, version: m[3] };
  return { artifact };
}

/** The selector a near miss most likely meant (`churn@v3.2` → `churn@v3.2.0`), or undefined. */
export function nearestShortcut(value: string): string | undefined {
  const at = value.lastIndexOf('@');
  const version = at > 0 ? nearestVersion(value.slice(at + 1)) : undefined;
  const fixed = version && `${value.slice(0, at)}@${version}`;
  return fixed && parseShortcut(fixed) ? fixed : undefined;
}
