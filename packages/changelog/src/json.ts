// The changelog as JSON (schemas/changelog.schema.json): the data model without diagnostics,
// keys in a fixed order, so the same repository always gives the same bytes.
import type { Changelog } from './model.js';

export interface ChangelogJson {
  models: Changelog['models'];
}

export function changelogJson(changelog: Changelog): ChangelogJson {
  return { models: changelog.models };
}

export function renderJson(changelog: Changelog): string {
  return JSON.stringify(changelogJson(changelog), null, 2) + '\n';
}
