// A cache entry's `config` file read without starting git, for the one question asked of it on
// every view: is this a bare clone of URL? Only the plain shape `git clone` writes is read; any
// other syntax (quotes, escapes, comments, includes, old-style subsections) is left to git.

/** `section.key` (and `section.subsection.key`) → its last value, or null when the text is not plain. */
export function plainConfigValues(text: string): Map<string, string> | null {
  const values = new Map<string, string>();
  let section: string | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const header = /^\[([A-Za-z0-9-]+)(?:\s+"([^"\\]*)")?\]$/.exec(line);
    if (header) {
      const name = (header[1] as string).toLowerCase();
      // An include could set anything: git knows where it leads.
      if (name === 'include' || name === 'includeif') return null;
      section = header[2] === undefined ? name : `${name}.${header[2]}`;
      continue;
    }
    const entry = /^([A-Za-z][A-Za-z0-9-]*)\s*=\s*([^"\\;#]*)$/.exec(line);
    if (!entry || section === null) return null;
    values.set(`${section}.${(entry[1] as string).toLowerCase()}`, (entry[2] as string).trimEnd());
  }
  return values;
}

/**
 * Whether git's own answer could differ from the entry's file alone: `git -c` settings reach git
 * through the environment and are read after the repository's config.
 */
export function configFromEnvironment(env: NodeJS.ProcessEnv): boolean {
  return env.GIT_CONFIG_PARAMETERS !== undefined || env.GIT_CONFIG_COUNT !== undefined || env.GIT_CONFIG !== undefined;
}
