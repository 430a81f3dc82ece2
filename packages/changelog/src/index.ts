// @modelreg/changelog: the model-version changelog as data (buildChangelog), and its two
// renderings (Markdown, JSON). Pure: the CLI reads tags, log and config and passes them in.
export {
  buildChangelog,
  checkVersionRange,
  type Changelog,
  type ChangelogInput,
  type MetricEntry,
  type ModelEntry,
  type StageEvent,
  type TagEvent,
  type UnreleasedEntry,
  type VersionEntry,
} from './model.js';
export {
  CommitLog,
  commitTrailers,
  parsedCommitTrailers,
  type CommitAt,
  type CommitEntry,
  type CommitFacts,
  type CommitInput,
  type Person,
  type SummaryCommit,
} from './commit-log.js';
export { commitLink, linksFromConfig, linksFromRemote, tagLink, type Links } from './links.js';
export { compareMetric, formatChange } from './metrics.js';
export { codeSpan, escapeMarkdown, renderMarkdown } from './markdown.js';
export { changelogJson, renderJson, type ChangelogJson } from './json.js';
