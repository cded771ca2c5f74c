import { defineConfig } from 'vitest/config';

// One suite: unit tests (*.test.ts), integration tests against real SQLite and PostgreSQL
// (*.int.test.ts; PostgreSQL when TEST_DATABASE_URL is set) and Chromium journeys (e2e/*.spec.ts).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'e2e/**/*.spec.ts'],
    environment: 'node',
    env: { TZ: 'UTC' },
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
