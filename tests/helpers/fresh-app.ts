import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SessionView } from '../../shared/contract/identity';
import { createApp, type Connection, type CreateAppOptions, type EbrApp } from '../../electron/core/app';
import { manualClock, type Clock } from '../../electron/core/clock';
import { recoveryKeyProvider } from '../../electron/core/keys/recovery-key';
import { initializeDataDir } from '../../electron/core/setup/initialize';

export const TEST_START_MS = Date.UTC(2026, 10, 2, 8, 0, 0, 0);

/** The first administrator's setup password, and the one it is changed to at first sign-in. */
export const ADMIN_SETUP_PASSWORD = 'Correct-Horse-9';
export const ADMIN_PASSWORD = 'Batch-Record-2026!';

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
    admin: { username: 'admin', fullName: 'Ada Administrator', password: ADMIN_SETUP_PASSWORD },
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

/**
 * Signs in at a new connection (window). When the account must change its password first,
 * changes it to `newPassword`.
 */
export async function signIn(
  app: EbrApp,
  username: string,
  password: string,
  newPassword?: string,
): Promise<{ connection: Connection; session: SessionView }> {
  const connection = app.connect();
  const login = await connection.invoke('auth.login', { username, password });
  if (!login.ok) throw new Error(`sign-in of ${username} failed: ${login.error.code} ${login.error.message}`);
  let session = login.value as SessionView;
  if (session.state === 'password-change-required') {
    if (!newPassword) return { connection, session };
    const changed = await connection.invoke('auth.changePassword', {
      currentPassword: password,
      newPassword,
    });
    if (!changed.ok) throw new Error(`password change of ${username} failed: ${changed.error.message}`);
    session = changed.value as SessionView;
  }
  return { connection, session };
}

export interface FreshApp extends InitializedFolder {
  app: EbrApp;
  clock: ReturnType<typeof manualClock>;
  /** A connection where the first administrator is signed in (password already changed). */
  admin(): Promise<Connection>;
  cleanup(): Promise<void>;
}

/** A freshly migrated app over a real encrypted database, opened with its recovery key. */
export async function freshApp(
  options: { terminalName?: string; portListing?: CreateAppOptions['portListing'] } = {},
): Promise<FreshApp> {
  const clock = manualClock(TEST_START_MS);
  const folder = await initializedFolder({ clock, terminalName: options.terminalName });
  const app = await createApp({
    dataDir: folder.dataDir,
    keyProvider: recoveryKeyProvider(folder.recoveryKey),
    clock,
    sessionCheckIntervalMs: 0,
    backupCheckIntervalMs: 0,
    ...(options.portListing && { portListing: options.portListing }),
  });
  if (app.status !== 'ready') throw new Error(`fresh app did not start: ${JSON.stringify(app.refusal)}`);
  let admin: Promise<Connection> | undefined;
  return {
    ...folder,
    app,
    clock,
    admin: () => {
      admin ??= signIn(app, 'admin', ADMIN_SETUP_PASSWORD, ADMIN_PASSWORD).then(
        ({ connection }) => connection,
      );
      return admin;
    },
    cleanup: async () => {
      await app.close();
      rmSync(join(folder.dataDir, '..'), { recursive: true, force: true });
    },
  };
}
