import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    testTimeout: 30000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: ONE on a 2-core machine, so yesterday's
    // run took its files one after another. Much of a file's time is waiting (fsync, child
    // processes, serial ports, PostgreSQL), so two workers keep both cores busy.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    globalSetup: ['tests/harness/anchor-dir.ts', 'tests/harness/cli-bundle.ts'],
    setupFiles: ['tests/harness/argon2-test-cost.ts'],
  },
});
