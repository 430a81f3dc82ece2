// Sum vitest's JSON reports of every workspace package into the one line CI reads.
import { existsSync, readFileSync, readdirSync } from 'node:fs';

const dirs = [...readdirSync('packages').map((d) => `packages/${d}`), 'test'];
let passed = 0;
let failed = 0;
let reports = 0;
for (const dir of dirs) {
  const file = `${dir}/.vitest/report.json`;
  if (!existsSync(file)) continue;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  // A suite that failed to load has no failed tests but is a failure all the same.
  failed += (report.testResults ?? []).filter((r) => r.status === 'failed' && r.assertionResults.length === 0).length;
  reports++;
}
console.log(`${passed} passed, ${failed} failed`);
if (reports === 0 || failed > 0 || passed === 0) process.exitCode = 1;
