#!/usr/bin/env node
// Runs the Playwright tests of the real Electron shell where an Electron binary exists, and says
// plainly that they were not run where it does not (it is downloaded from outside the registry).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(path.join(root, 'package.json'));
const config = 'tests/electron/playwright.config.ts';
const playwrightCli = require.resolve('@playwright/test/cli');

/** Mirrors node_modules/electron/index.js without requiring it: that would start a download. */
function electronBinary() {
  let packageDir;
  try {
    packageDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = path.join(packageDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override
    ? path.join(override, executable || 'electron')
    : executable && path.join(packageDir, 'dist', executable);
  return binary && existsSync(binary) ? binary : null;
}

function run(command, args) {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.error) console.error(`Electron shell tests: cannot run ${command}: ${result.error.message}`);
  return result.status ?? 1;
}

if (!electronBinary()) {
  const listing = spawnSync(
    process.execPath,
    [playwrightCli, 'test', '-c', config, '--list', '--reporter=list'],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  const count = /Total: (\d+) tests? in/.exec(listing.stdout ?? '')?.[1];
  if (listing.status !== 0 || count === undefined) {
    process.stderr.write(listing.stdout + listing.stderr);
    console.error('Electron shell tests: listing them failed (see above).');
    process.exit(1);
  }
  console.log(
    'Electron shell tests NOT RUN: the Electron binary is not installed on this machine ' +
      `(ELECTRON_SKIP_BINARY_DOWNLOAD). ${count} tests in tests/electron were not executed.`,
  );
  process.exit(0);
}

const buildStatus = run('npm', ['run', 'build']);
if (buildStatus !== 0) process.exit(buildStatus);
const test = [playwrightCli, 'test', '-c', config, ...process.argv.slice(2)];
if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  process.exit(run('xvfb-run', ['-a', process.execPath, ...test]));
}
process.exit(run(process.execPath, test));
