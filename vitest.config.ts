import { defineConfig } from 'vitest/config';

// Unit and integration tests (Node, real SQLite, real files). Chromium end-to-end tests have their own config.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
