// The `yaml` package takes ~50 ms to load (more than the rest of a quick command). Most runs never
// need it: valid files take the fast path. So it is loaded on first use, synchronously.
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

const require = createRequire(import.meta.url);
let lib: typeof Yaml | undefined;

export function yamlLib(): typeof Yaml {
  return (lib ??= require('yaml') as typeof Yaml);
}
