/**
 * `npm run preview`: the built renderer in a headed Chromium, backed by the real core, without
 * Electron. Either an existing data folder (`--data-dir DIR --recovery-key-file FILE`), an empty
 * temporary folder that opens the first-run setup wizard (`--empty`), or, with no arguments, a
 * demonstration terminal built by `ebr demo` into a temporary folder. Temporary folders are
 * deleted when the browser closes.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { createApp, type EbrApp } from '../../electron/core/app';
import { recoveryKeyProvider } from '../../electron/core/keys/recovery-key';
import { buildDemo } from '../../electron/core/demo/build-demo';
import { demoPeopleTable } from '../../electron/core/demo/demo-cast';
import { memoryKeyProvider } from '../helpers/memory-key-provider';
import { openWorkstationPage } from './bridge';
import { chromiumArgs, chromiumExecutable } from './chromium';

interface OpenedCore {
  app: EbrApp;
  /** Removes what preview created (the demo folder); never touches a folder it was given. */
  discard(): void;
}

async function openGivenFolder(dataDir: string, recoveryKeyFile: string): Promise<OpenedCore> {
  const recoveryKey = readFileSync(recoveryKeyFile, 'utf8').trim();
  const app = await createApp({
    dataDir: path.resolve(dataDir),
    keyProvider: recoveryKeyProvider(recoveryKey),
  });
  return { app, discard: () => undefined };
}

async function openDemoFolder(): Promise<OpenedCore> {
  const root = mkdtempSync(path.join(tmpdir(), 'ebr-preview-'));
  const dataDir = path.join(root, 'data');
  // A throwaway folder's anchor goes with it, not into the user's profile.
  process.env.EBR_ANCHOR_DIR ??= path.join(root, 'anchors');
  console.log('\n  Building the demonstration terminal (ebr demo)…');
  const started = Date.now();
  const demo = await buildDemo({ dataDir });
  console.log(
    [
      '',
      `  DEMO DATA FOLDER — not for real records; deleted when the browser closes (built in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
      `  Folder:        ${dataDir}`,
      `  Recovery key:  ${demo.recoveryKey}`,
      '',
      ...demoPeopleTable()
        .split('\n')
        .map((line) => `  ${line}`),
      '',
      ...demo.batches.map(
        (batch) => `  ${batch.batchNumber.padEnd(10)} ${batch.status.padEnd(19)} ${batch.story}`,
      ),
      '',
    ].join('\n'),
  );
  const app = await createApp({ dataDir, keyProvider: recoveryKeyProvider(demo.recoveryKey) });
  return { app, discard: () => rmSync(root, { recursive: true, force: true }) };
}

async function openEmptyFolder(): Promise<OpenedCore> {
  const root = mkdtempSync(path.join(tmpdir(), 'ebr-preview-'));
  const dataDir = path.join(root, 'data');
  console.log(
    `\n  EMPTY DATA FOLDER — the setup wizard runs; deleted when the browser closes\n  Folder: ${dataDir}\n`,
  );
  process.env.EBR_ANCHOR_DIR ??= path.join(root, 'anchors');
  // The key setup generates stays in memory, as the OS keystore would hold it.
  const app = await createApp({ dataDir, keyProvider: memoryKeyProvider() });
  return { app, discard: () => rmSync(root, { recursive: true, force: true }) };
}

function readOptions() {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      'recovery-key-file': { type: 'string' },
      empty: { type: 'boolean' },
      // The earlier name of --empty.
      'first-run': { type: 'boolean' },
    },
    strict: true,
  });
  if (values.empty || values['first-run']) return 'first-run' as const;
  const dataDir = values['data-dir'];
  const recoveryKeyFile = values['recovery-key-file'];
  if ((dataDir === undefined) !== (recoveryKeyFile === undefined)) {
    throw new Error(
      'Give both --data-dir DIR and --recovery-key-file FILE, --empty for the first-run wizard, or nothing for a demo.',
    );
  }
  return dataDir !== undefined && recoveryKeyFile !== undefined ? { dataDir, recoveryKeyFile } : null;
}

async function main(): Promise<void> {
  const given = readOptions();
  const core =
    given === 'first-run'
      ? await openEmptyFolder()
      : given
        ? await openGivenFolder(given.dataDir, given.recoveryKeyFile)
        : await openDemoFolder();
  console.log(
    `Store: ${core.app.status}${core.app.refusal ? ` — ${core.app.refusal.code}: ${core.app.refusal.message}` : ''}`,
  );

  const browser = await chromium.launch({
    executablePath: chromiumExecutable,
    headless: false,
    args: [...chromiumArgs, '--window-size=1280,860'],
  });
  try {
    const closed = new Promise<void>((resolve) => browser.on('disconnected', () => resolve()));
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void browser.close());

    const context = await browser.newContext({ viewport: null });
    const workstation = await openWorkstationPage(context, { app: core.app });
    // Closing the window ends the preview, as closing the Electron window quits the app.
    workstation.page.on('close', () => void browser.close());
    console.log('Preview open. Close the browser window (or press Ctrl+C) to stop.');
    await closed;
    await workstation.close().catch(() => undefined);
  } finally {
    await browser.close().catch(() => undefined);
    await core.app.close();
    core.discard();
    console.log('Preview closed.');
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
