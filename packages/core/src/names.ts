// Name rules of DESIGN §2. All regexes are anchored and ASCII-only.

/** Short artifact name and stage name: GTO's rule. */
export const SHORT_NAME_PATTERN = '[A-Za-z0-9](?:[A-Za-z0-9_/-]*[A-Za-z0-9])?';
/** Directory namespace of an artifact (`dir/sub:name`). */
export const DIRNAME_PATTERN = '[A-Za-z0-9_./-]+';

const shortNameRe = new RegExp(`^${SHORT_NAME_PATTERN}$`);
const fullNameRe = new RegExp(`^(?:${DIRNAME_PATTERN}:)?${SHORT_NAME_PATTERN}$`);

/** In names `:` separates a directory from the short name; inside tag names it is written `=`. */
export const NAME_SEPARATOR = ':';
export const TAG_NAME_SEPARATOR = '=';

export function isValidShortName(value: string): boolean {
  return shortNameRe.test(value);
}

export function isValidStageName(value: string): boolean {
  return shortNameRe.test(value);
}

/** A full artifact name: `name` or `dir/sub:name`. */
export function isValidArtifactName(value: string): boolean {
  return fullNameRe.test(value);
}

export function artifactNameToTag(name: string): string {
  return name.replace(NAME_SEPARATOR, TAG_NAME_SEPARATOR);
}

export function tagToArtifactName(value: string): string {
  return value.replace(TAG_NAME_SEPARATOR, NAME_SEPARATOR);
}

/**
 * The rules of `git check-ref-format` for `refs/tags/<name>` (git-check-ref-format(1)).
 * GTO's regex accepts names such as `a//b` or `../x:m` that git then rejects, so every
 * name we are about to write is checked here first.
 */
export function isValidTagRefName(name: string): boolean {
  // (git's "not the single character '@'" rule is about the whole refname: `refs/tags/@` is valid.)
  if (name.length === 0) return false;
  if (name.startsWith('/') || name.endsWith('/') || name.endsWith('.')) return false;
  if (name.includes('..') || name.includes('//') || name.includes('@{')) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c < 0x20 || c === 0x7f || c === 0x20) return false;
    if ('~^:?*[\\'.includes(name[i] as string)) return false;
  }
  for (const component of name.split('/')) {
    if (component.startsWith('.') || component.endsWith('.lock')) return false;
  }
  return true;
}
