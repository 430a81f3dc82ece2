// `modelreg check --format sarif`: SARIF 2.1.0, as GitHub code scanning uploads it
// (github/codeql-action/upload-sarif). One rule per problem code; file-relative locations.
import type { Diagnostic } from '@modelreg/core';
import { VERSION } from '../version.js';
import { fingerprint, messageLine } from './fingerprint.js';
import { problemPath } from './gitlab-report.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** Paths are repository-relative; a URI reference must escape what is not allowed in one. */
const uriOf = (path: string) => path.split('/').map(encodeURIComponent).join('/');

export function sarifReport(problems: Diagnostic[]) {
  const codes = [...new Set(problems.map((d) => d.code))].sort();
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0' as const,
    runs: [
      {
        tool: {
          driver: {
            name: 'modelreg',
            version: VERSION,
            rules: codes.map((code) => ({ id: code, name: code, shortDescription: { text: `modelreg ${code}` } })),
          },
        },
        results: problems.map((d) => ({
          ruleId: d.code,
          ruleIndex: codes.indexOf(d.code),
          level: d.severity === 'error' ? ('error' as const) : ('warning' as const),
          message: { text: messageLine(d) },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: uriOf(problemPath(d)), uriBaseId: '%SRCROOT%' },
                region: { startLine: d.line ?? 1, ...(d.column !== undefined ? { startColumn: d.column } : {}) },
              },
            },
          ],
          partialFingerprints: { 'modelreg/v1': fingerprint(d) },
        })),
      },
    ],
  };
}
