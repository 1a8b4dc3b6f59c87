import { defineConfig } from 'vitest/config';

// Chromium end-to-end tests: real services, real SQLite, real Debian Chromium through the browser host.
// One fork at a time: every test file starts its own Chromium, and two cores do not run two of them well.
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['e2e/support/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 240_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
});
