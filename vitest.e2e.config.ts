import { defineConfig } from 'vitest/config';

// End-to-end tests drive real browsers with the built extension: one file at a time, no retries.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    globalSetup: ['tests/e2e/lib/backups-setup.ts'],
  },
});
