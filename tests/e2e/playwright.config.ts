import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumExecutable } from '../harness/chromium';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

// The core reports the terminal's zone from this process; one away from UTC lets the tests tell
// the local clock from the UTC one. Workers inherit it.
process.env.TZ = 'Europe/Berlin';
// Anchors of the test data folders (docs/audit-trail.md) stay out of the real user profile.
process.env.EBR_ANCHOR_DIR ??= mkdtempSync(path.join(tmpdir(), 'ebr-e2e-anchors-'));

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: path.join(repoRoot, 'test-results'),
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [['list'], ['json', { outputFile: path.join(repoRoot, 'test-reports', 'e2e.json') }]],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    launchOptions: { executablePath: chromiumExecutable, args: chromiumArgs },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
