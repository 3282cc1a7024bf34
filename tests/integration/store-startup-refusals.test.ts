/**
 * Start-up refuses every store it must not open — unencrypted, wrong key, newer than the app,
 * corrupt — with a clear code, and leaves every file in the data folder exactly as it was.
 * Also: set-up never overwrites, the connection runs with the settings the design fixes, and
 * migrations are all-or-nothing.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import type { SystemHealth, SystemInfo } from '../../shared/contract/system';
import { EbrError, type ErrorCode } from '../../shared/errors';
import { openStore } from '../../db/open';
import { applyMigrations, loadMigrations, schemaVersionOf, type Migration } from '../../db/migrate';
import { createApp, type EbrApp } from '../../electron/core/app';
import { manualClock } from '../../electron/core/clock';
import { dataFolderPath } from '../../electron/core/data-folder';
import { parseRecoveryKey, recoveryKeyProvider } from '../../electron/core/keys/recovery-key';
import { initializeDataDir } from '../../electron/core/setup/initialize';
import {
  ADMIN_SETUP_PASSWORD,
  freshApp,
  initializedFolder,
  TEST_START_MS,
  temporaryFolder,
  type InitializedFolder,
} from '../helpers/fresh-app';
import { applyKey, openRaw, sha256OfFile, snapshotFolder, withRaw } from '../helpers/tamper';

const PAGE = 4096;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function folder(): Promise<InitializedFolder> {
  const initialized = await initializedFolder();
  cleanups.push(() => rmSync(join(initialized.dataDir, '..'), { recursive: true, force: true }));
  return initialized;
}

async function start(dataDir: string, recoveryKey: string): Promise<EbrApp> {
  const app = await createApp({
    dataDir,
    keyProvider: recoveryKeyProvider(recoveryKey),
    clock: manualClock(TEST_START_MS + 60_000),
  });
  cleanups.push(() => app.close());
  return app;
}

/** Starts the app and asserts it refused with `code` without changing one byte in the folder. */
async function expectRefusalLeavingFolderUntouched(
  dataDir: string,
  recoveryKey: string,
  code: ErrorCode,
): Promise<EbrApp> {
  const before = snapshotFolder(dataDir);
  expect(Object.keys(before)).toEqual(
    expect.arrayContaining(['ebr.db', 'store.json', 'terminal-key.json', 'audit-head.json']),
  );
  const app = await start(dataDir, recoveryKey);
  expect(app.status).toBe('refused');
  expect(app.refusal?.code).toBe(code);
  expect(app.refusal?.message.length).toBeGreaterThan(20);
  expect(app.runtime).toBeNull();
  await app.close();
  // Same files (no -wal/-shm left behind), each byte-identical.
  expect(snapshotFolder(dataDir)).toEqual(before);
  return app;
}

/** Enough audited changes for audit_trail to span many pages. */
async function fillAuditTrail(initialized: InitializedFolder, changes = 30): Promise<void> {
  const app = await start(initialized.dataDir, initialized.recoveryKey);
  expect(app.status).toBe('ready');
  for (let i = 0; i < changes; i += 1) {
    app.runtime!.audit.change(
      { userId: initialized.adminUserId, userName: 'Ada Administrator' },
      ({ record }) => {
        record({
          action: 'test.filled',
          entityType: 'filler',
          entityId: `F-${i}`,
          newValue: { i, text: 'x'.repeat(1500) },
        });
      },
    );
  }
  await app.close();
}

function writePlainDatabase(file: string): void {
  const plain = new Database(file);
  plain.exec(
    "CREATE TABLE users (id TEXT PRIMARY KEY, username TEXT) STRICT; INSERT INTO users VALUES ('u1', 'mallory');",
  );
  plain.close();
}

describe('start-up refusals leave the data folder untouched', () => {
  it('(a) an unencrypted database file → STORE_NOT_ENCRYPTED', async () => {
    const { dataDir, recoveryKey } = await folder();
    const file = dataFolderPath(dataDir, 'database');
    rmSync(file);
    writePlainDatabase(file);
    expect(readFileSync(file).subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    await expectRefusalLeavingFolderUntouched(dataDir, recoveryKey, 'STORE_NOT_ENCRYPTED');
  });

  it('(b) a wrong recovery key → STORE_WRONG_KEY', async () => {
    const { dataDir } = await folder();
    await expectRefusalLeavingFolderUntouched(dataDir, '11'.repeat(32), 'STORE_WRONG_KEY');
  });

  it('(b) db/open.ts itself refuses a wrong key (no key check beside it) without writing', async () => {
    const { dataDir } = await folder();
    const before = snapshotFolder(dataDir);
    let thrown: unknown;
    try {
      openStore({
        file: dataFolderPath(dataDir, 'database'),
        key: Buffer.alloc(32, 0x11),
        mode: 'open',
        nowUtc: new Date(TEST_START_MS).toISOString(),
      });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(EbrError);
    expect((thrown as EbrError).code).toBe('STORE_WRONG_KEY');
    expect(snapshotFolder(dataDir)).toEqual(before);
  });

  it('(c) a database newer than the app → STORE_TOO_NEW', async () => {
    const { dataDir, recoveryKey } = await folder();
    const latest = loadMigrations().length;
    withRaw(dataDir, recoveryKey, (sqlite) => {
      expect(schemaVersionOf(sqlite)).toBe(latest);
      sqlite.pragma('user_version = 99');
    });
    // The file changed by our own edit only; hash it after the edit.
    const app = await expectRefusalLeavingFolderUntouched(dataDir, recoveryKey, 'STORE_TOO_NEW');
    expect(app.refusal?.details).toMatchObject({ schemaVersion: 99, latestSchemaVersion: latest });
    withRaw(dataDir, recoveryKey, (sqlite) => expect(schemaVersionOf(sqlite)).toBe(99));
  });

  it('(d) flipped bytes in the middle of a page ≥ 2 → STORE_CORRUPT', async () => {
    const initialized = await folder();
    const { dataDir, recoveryKey } = initialized;
    await fillAuditTrail(initialized);
    const auditPages = withRaw(
      dataDir,
      recoveryKey,
      (sqlite) =>
        sqlite
          .prepare(
            `SELECT pageno FROM dbstat WHERE name = 'audit_trail' AND pagetype = 'leaf' ORDER BY pageno`,
          )
          .pluck()
          .all() as number[],
    );
    expect(auditPages.length).toBeGreaterThan(3);
    const file = dataFolderPath(dataDir, 'database');
    expect(statSync(file).size / PAGE).toBeGreaterThan(3);
    const page = auditPages[Math.floor(auditPages.length / 2)]!;
    expect(page).toBeGreaterThanOrEqual(2);
    const bytes = readFileSync(file);
    const middle = (page - 1) * PAGE + PAGE / 2;
    for (let i = 0; i < 8; i += 1) bytes[middle + i]! ^= 0xff;
    writeFileSync(file, bytes);
    await expectRefusalLeavingFolderUntouched(dataDir, recoveryKey, 'STORE_CORRUPT');
  });

  it('(d) damage to page 1 with the right key is STORE_CORRUPT, not a wrong key', async () => {
    const { dataDir, recoveryKey } = await folder();
    const file = dataFolderPath(dataDir, 'database');
    const bytes = readFileSync(file);
    bytes[PAGE / 2]! ^= 0x5a;
    writeFileSync(file, bytes);
    await expectRefusalLeavingFolderUntouched(dataDir, recoveryKey, 'STORE_CORRUPT');
  });

  it('(d) a truncated file (size not a multiple of 512) → STORE_CORRUPT', async () => {
    const initialized = await folder();
    await fillAuditTrail(initialized, 5);
    const file = dataFolderPath(initialized.dataDir, 'database');
    truncateSync(file, statSync(file).size - 1000);
    expect(statSync(file).size % 512).not.toBe(0);
    await expectRefusalLeavingFolderUntouched(initialized.dataDir, initialized.recoveryKey, 'STORE_CORRUPT');
  });

  it('(d) a file cut at a page boundary (pages missing) → STORE_CORRUPT', async () => {
    const initialized = await folder();
    await fillAuditTrail(initialized);
    const file = dataFolderPath(initialized.dataDir, 'database');
    truncateSync(file, statSync(file).size - 3 * PAGE);
    await expectRefusalLeavingFolderUntouched(initialized.dataDir, initialized.recoveryKey, 'STORE_CORRUPT');
  });

  it('(d) a file cut mid-page (a whole number of 512-byte sectors, not of pages) → STORE_CORRUPT', async () => {
    const initialized = await folder();
    const file = dataFolderPath(initialized.dataDir, 'database');
    truncateSync(file, statSync(file).size - 512);
    expect(statSync(file).size % PAGE).not.toBe(0);
    await expectRefusalLeavingFolderUntouched(initialized.dataDir, initialized.recoveryKey, 'STORE_CORRUPT');
  });

  it('(e) a wrong-key start creates no -wal or -shm file', async () => {
    const { dataDir } = await folder();
    const database = dataFolderPath(dataDir, 'database');
    expect(existsSync(`${database}-wal`)).toBe(false);
    expect(existsSync(`${database}-shm`)).toBe(false);
    const app = await start(dataDir, 'ab'.repeat(32));
    expect(app.refusal?.code).toBe('STORE_WRONG_KEY');
    expect(existsSync(`${database}-wal`)).toBe(false);
    expect(existsSync(`${database}-shm`)).toBe(false);
  });

  it('(f) system.health and system.info report the refusal; only public channels answer', async () => {
    const { dataDir } = await folder();
    const app = await start(dataDir, '11'.repeat(32));
    expect(app.status).toBe('refused');

    // A refused app has no store, so nobody can sign in: every window is a connection without a session.
    const connection = app.connect();
    const health = await connection.invoke('system.health', {});
    expect(health.ok).toBe(true);
    const healthValue = (health as { value: SystemHealth }).value;
    expect(healthValue.status).toBe('refused');
    expect(healthValue.checks.some((check) => !check.ok && check.message === app.refusal?.message)).toBe(
      true,
    );

    const info = await connection.invoke('system.info', {});
    expect(info.ok).toBe(true);
    const infoValue = (info as { value: SystemInfo }).value;
    expect(infoValue.store.state).toBe('refused');
    expect(infoValue.store.refusal?.code).toBe('STORE_WRONG_KEY');
    expect(infoValue.store.encrypted).toBeNull(); // unknown, not "unencrypted"
    expect(infoValue.terminal).toBeNull();
    expect(infoValue.counts).toBeNull();

    expect(await connection.invoke('audit.verify', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    // Signing in needs the store: the refusal is named, not a bare "wrong password".
    const signIn = await connection.invoke('auth.login', {
      username: 'admin',
      password: ADMIN_SETUP_PASSWORD,
    });
    expect(signIn).toMatchObject({ ok: false, error: { code: 'STORE_UNAVAILABLE' } });
    expect((signIn as { error: { message: string } }).error.message).toContain(app.refusal!.message);
    expect(await connection.invoke('auth.session', {})).toEqual({ ok: true, value: null });
  });

  it('(g) an empty folder → setup-required', async () => {
    const root = temporaryFolder();
    cleanups.push(() => rmSync(root, { recursive: true, force: true }));
    const app = await start(root, '00'.repeat(32));
    expect(app.status).toBe('setup-required');
    expect(app.refusal).toBeNull();
    const connection = app.connect();
    const health = await connection.invoke('system.health', {});
    expect(health).toMatchObject({ ok: true, value: { status: 'setup-required' } });
    expect(await connection.invoke('audit.verify', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    expect(
      await connection.invoke('auth.login', { username: 'admin', password: ADMIN_SETUP_PASSWORD }),
    ).toMatchObject({ ok: false, error: { code: 'STORE_UNAVAILABLE' } });
    expect(snapshotFolder(root)).toEqual({});
  });
});

describe('set-up never overwrites', () => {
  const setupOptions = (dataDir: string) => ({
    dataDir,
    keyProvider: recoveryKeyProvider('00'.repeat(32)),
    admin: { username: 'eve', fullName: 'Eve Intruder', password: 'Another-Password-1' },
    terminal: { name: 'WS-OTHER' },
    clock: manualClock(TEST_START_MS),
  });

  it('(h) initializeDataDir on an initialized folder → ALREADY_INITIALIZED, nothing changed', async () => {
    const { dataDir, recoveryKey } = await folder();
    const before = snapshotFolder(dataDir);
    await expect(initializeDataDir(setupOptions(dataDir))).rejects.toMatchObject({
      code: 'ALREADY_INITIALIZED',
    });
    expect(snapshotFolder(dataDir)).toEqual(before);
    const app = await start(dataDir, recoveryKey);
    expect(app.status).toBe('ready');
  });

  it('(h) initializeDataDir on a folder holding any other file → ALREADY_INITIALIZED, nothing changed', async () => {
    const root = temporaryFolder();
    cleanups.push(() => rmSync(root, { recursive: true, force: true }));
    writeFileSync(join(root, 'notes.txt'), 'not ours\n');
    const before = snapshotFolder(root);
    await expect(initializeDataDir(setupOptions(root))).rejects.toMatchObject({
      code: 'ALREADY_INITIALIZED',
    });
    expect(snapshotFolder(root)).toEqual(before);
  });
});

describe('the connection and the schema', () => {
  it('(i) every table is STRICT; WAL, foreign keys on, synchronous FULL on the app connection', async () => {
    const fresh = await freshApp();
    cleanups.push(() => fresh.cleanup());
    const sqlite = fresh.app.runtime!.store.sqlite;
    const tables = (
      sqlite.pragma('table_list') as { schema: string; name: string; type: string; strict: number }[]
    ).filter(
      (table) => table.schema === 'main' && table.type === 'table' && !table.name.startsWith('sqlite_'),
    );
    expect(tables.map((table) => table.name).sort()).toEqual([
      'audit_checkpoints',
      'audit_reviews',
      'audit_trail',
      'audit_trail_clock_steps',
      'batch_audit_reviews',
      'batch_comments',
      'batch_dispositions',
      'batch_entries',
      'batch_exceptions',
      'batch_steps',
      'batches',
      'equipment',
      'equipment_events',
      'instrument_captures',
      'instrument_checks',
      'instruments',
      'lot_consumptions',
      'lot_status_events',
      'lots',
      'materials',
      'password_history',
      'qualifications',
      'recipe_versions',
      'schema_migrations',
      'security_alerts',
      'settings',
      'signatures',
      'sop_documents',
      'sop_versions',
      'step_qualifications',
      'store_meta',
      'terminals',
      'training_records',
      'users',
    ]);
    expect(tables.filter((table) => table.strict !== 1)).toEqual([]);
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(2);
    expect(sqlite.pragma('user_version', { simple: true })).toBe(loadMigrations().length);
    expect(sqlite.prepare('SELECT idx, tag FROM schema_migrations ORDER BY idx').all()).toEqual(
      loadMigrations().map((m) => ({ idx: m.index, tag: m.tag })),
    );
  });

  describe('(j) a failing migration leaves the database as it was', () => {
    function newEncryptedDatabase(): { file: string; key: string; sqlite: Database.Database } {
      const root = temporaryFolder();
      cleanups.push(() => rmSync(root, { recursive: true, force: true }));
      const file = join(root, 'migrate.db');
      const key = randomBytes(32).toString('hex');
      const sqlite = new Database(file);
      applyKey(sqlite, key);
      sqlite.pragma('journal_mode = WAL');
      return { file, key, sqlite };
    }
    const broken = (index: number): Migration => ({
      index,
      tag: `${String(index).padStart(4, '0')}_broken`,
      statements: [
        'CREATE TABLE half_done (id INTEGER PRIMARY KEY) STRICT',
        'CREATE TABLE oops ( this is not SQL',
      ],
      sha256: '0'.repeat(64),
    });
    const schemaOf = (sqlite: Database.Database) =>
      sqlite.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').all();

    it('on a fresh database: nothing created, user_version 0', () => {
      const { sqlite } = newEncryptedDatabase();
      try {
        expect(() => applyMigrations(sqlite, [broken(0)], new Date(TEST_START_MS).toISOString())).toThrow(
          /syntax error/,
        );
        expect(schemaVersionOf(sqlite)).toBe(0);
        expect(schemaOf(sqlite)).toEqual([]);
        expect(sqlite.inTransaction).toBe(false);
      } finally {
        sqlite.close();
      }
    });

    it('on a migrated database: schema, user_version and file bytes unchanged', () => {
      const { file, key, sqlite: first } = newEncryptedDatabase();
      const real = loadMigrations();
      applyMigrations(first, real, new Date(TEST_START_MS).toISOString());
      first.close();
      const hashBefore = sha256OfFile(file);

      const sqlite = new Database(file);
      try {
        applyKey(sqlite, key);
        const schemaBefore = schemaOf(sqlite);
        expect(schemaBefore.length).toBeGreaterThan(5);
        expect(() =>
          applyMigrations(sqlite, [...real, broken(real.length)], new Date(TEST_START_MS).toISOString()),
        ).toThrow(/syntax error/);
        expect(schemaVersionOf(sqlite)).toBe(real.length);
        expect(schemaOf(sqlite)).toEqual(schemaBefore);
        expect(sqlite.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(real.length);
      } finally {
        sqlite.close();
      }
      expect(sha256OfFile(file)).toBe(hashBefore);
      expect(existsSync(`${file}-wal`)).toBe(false);
    });

    it('the app refuses to start on a failing migration and the folder is untouched', async () => {
      const { dataDir, recoveryKey } = await folder();
      const before = snapshotFolder(dataDir);
      // openStore with a migration list one longer than the database, whose new step fails.
      const real = loadMigrations();
      const key = parseRecoveryKey(recoveryKey);
      expect(() =>
        openStore({
          file: dataFolderPath(dataDir, 'database'),
          key,
          mode: 'open',
          keyConfirmed: true,
          migrations: [...real, broken(real.length)],
          nowUtc: new Date(TEST_START_MS).toISOString(),
        }),
      ).toThrow(/syntax error/);
      expect(snapshotFolder(dataDir)).toEqual(before);
      const raw = openRaw(dataDir, recoveryKey);
      try {
        expect(schemaVersionOf(raw)).toBe(real.length);
        expect(raw.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'half_done'`).pluck().get()).toBe(
          0,
        );
      } finally {
        raw.close();
      }
    });
  });
});
