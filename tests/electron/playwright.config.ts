import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
// Anchors of the test data folders (docs/audit-trail.md) stay out of the real user profile.
process.env.EBR_ANCHOR_DIR ??= mkdtempSync(path.join(tmpdir(), 'ebr-electron-anchors-'));

/** The real Electron shell; run through tests/electron/run.mjs, which builds first. */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: path.join(repoRoot, 'test-results', 'electron'),
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: path.join(repoRoot, 'test-reports', 'electron.json') }]],
});
