import { defineConfig } from 'vitest/config';

// Every package runs vitest with the same settings; the JSON report is what .ci/run counts.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', '*.test.ts', 'adversarial/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest/report.json' },
  },
});
