import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    testTimeout: 30000,
    pool: 'forks',
    globalSetup: ['tests/harness/anchor-dir.ts', 'tests/harness/cli-bundle.ts'],
    setupFiles: ['tests/harness/argon2-test-cost.ts'],
  },
});
