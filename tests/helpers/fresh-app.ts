import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Session } from '../../shared/contract/session';
import { createApp, type EbrApp } from '../../electron/core/app';
import { manualClock, type Clock } from '../../electron/core/clock';
import { recoveryKeyProvider } from '../../electron/core/keys/recovery-key';
import { initializeDataDir } from '../../electron/core/setup/initialize';

export const TEST_START_MS = Date.UTC(2026, 10, 2, 8, 0, 0, 0);

export function temporaryFolder(prefix = 'ebr-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface InitializedFolder {
  dataDir: string;
  recoveryKey: string;
  adminUserId: string;
  terminalId: string;
}

/** A real, initialized, encrypted data folder in a temporary directory. */
export async function initializedFolder(
  options: { clock?: Clock; terminalName?: string } = {},
): Promise<InitializedFolder> {
  const dataDir = join(temporaryFolder(), 'data');
  const result = await initializeDataDir({
    dataDir,
    keyProvider: recoveryKeyProvider('00'.repeat(32)),
    admin: { username: 'admin', fullName: 'Ada Administrator', password: 'Correct-Horse-9' },
    terminal: { name: options.terminalName ?? 'WS-TEST-01', location: 'Test bench' },
    clock: options.clock ?? manualClock(TEST_START_MS),
  });
  return {
    dataDir,
    recoveryKey: result.recoveryKey,
    adminUserId: result.adminUserId,
    terminalId: result.terminalId,
  };
}

export interface FreshApp extends InitializedFolder {
  app: EbrApp;
  clock: ReturnType<typeof manualClock>;
  adminSession: Session;
  cleanup(): Promise<void>;
}

/** A freshly migrated app over a real encrypted database, opened with its recovery key. */
export async function freshApp(options: { terminalName?: string } = {}): Promise<FreshApp> {
  const clock = manualClock(TEST_START_MS);
  const folder = await initializedFolder({ clock, terminalName: options.terminalName });
  const app = await createApp({
    dataDir: folder.dataDir,
    keyProvider: recoveryKeyProvider(folder.recoveryKey),
    clock,
  });
  if (app.status !== 'ready') throw new Error(`fresh app did not start: ${JSON.stringify(app.refusal)}`);
  return {
    ...folder,
    app,
    clock,
    adminSession: {
      userId: folder.adminUserId,
      username: 'admin',
      fullName: 'Ada Administrator',
      roles: ['administrator'],
    },
    cleanup: async () => {
      await app.close();
      rmSync(join(folder.dataDir, '..'), { recursive: true, force: true });
    },
  };
}
