import { defineConfig } from 'vitest/config';

// Every test file runs alone against its own copy of a template database built once per run
// (test/global-setup.ts). Without TEST_DATABASE_URL the tests run on PGlite only; with it, the
// same files run a second time on the PostgreSQL server.
const engines = ['pglite', ...(process.env.TEST_DATABASE_URL ? ['postgres'] : [])];

export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    projects: engines.map((engine) => ({
      extends: true,
      test: { name: engine, env: { SPORTELLO_TEST_DB: engine } },
    })),
  },
});
