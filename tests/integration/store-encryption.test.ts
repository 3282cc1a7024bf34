/**
 * P11-10c (protection of records for accurate and ready retrieval throughout the retention
 * period) and A11-7.1 (data secured against damage by physical and electronic means):
 * the database file is encrypted at rest, leaks none of what was written into it, and is plain
 * SQLCipher 4 — an independent reader built from the published format opens it with the
 * recovery key alone.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SystemInfo } from '../../shared/contract/system';
import { createApp, type EbrApp } from '../../electron/core/app';
import { manualClock } from '../../electron/core/clock';
import { dataFolderPath } from '../../electron/core/data-folder';
import { parseRecoveryKey, recoveryKeyProvider } from '../../electron/core/keys/recovery-key';
import { initializeDataDir } from '../../electron/core/setup/initialize';
import { TEST_START_MS, temporaryFolder } from '../helpers/fresh-app';
import {
  decryptSqlcipher4,
  Sqlcipher4FormatError,
  SQLCIPHER4_PAGE_SIZE,
  SQLCIPHER4_RESERVE,
} from '../helpers/sqlcipher4-reader';

const admin = { username: 'quintus.canary', fullName: 'Quintus Canaryfield', password: 'Canary-Password-42' };
const terminal = { name: 'WS-CANARY-PLAINTEXT-7', location: 'Cleanroom Zeta-9' };
const canaryActions = ['canary.batch.started', 'canary.weight.captured', 'canary.step.signed'];

/** Everything the test wrote (or the app wrote for it) that must not be readable in the file. */
const secrets = [
  admin.username,
  admin.fullName,
  terminal.name,
  terminal.location,
  ...canaryActions,
  'CANARY-BATCH-0042',
  'Canary reason: scale re-zeroed',
  'store.initialized',
  'terminal.created',
  'terminal.registered',
  'user.created',
  // The schema itself lives in page 1 in plaintext SQLite.
  'CREATE TABLE',
  'audit_trail',
  '$argon2id$',
];

function findPlaintext(bytes: Buffer): string[] {
  return secrets.filter(
    (text) => bytes.includes(Buffer.from(text, 'utf8')) || bytes.includes(Buffer.from(text, 'utf16le')),
  );
}

interface UserRow {
  id: string;
  username: string;
  full_name: string;
  roles: string;
  status: string;
}

describe('store encryption at rest (P11-10c, A11-7.1)', () => {
  let root: string;
  let dataDir: string;
  let recoveryKey: string;
  let app: EbrApp | null = null;
  let usersWritten: UserRow[];
  let auditWritten: Record<string, unknown>[];
  let info: SystemInfo;
  let walWhileOpen: Buffer | null;
  let dbWhileOpen: Buffer;

  beforeAll(async () => {
    root = temporaryFolder('ebr-encryption-');
    dataDir = join(root, 'data');
    const clock = manualClock(TEST_START_MS);
    const setup = await initializeDataDir({
      dataDir,
      keyProvider: recoveryKeyProvider('00'.repeat(32)),
      admin,
      terminal,
      clock,
    });
    recoveryKey = setup.recoveryKey;
    app = await createApp({
      dataDir,
      keyProvider: recoveryKeyProvider(recoveryKey),
      clock,
      sessionCheckIntervalMs: 0,
    });
    expect(app.status).toBe('ready');
    const runtime = app.runtime!;
    for (const [index, action] of canaryActions.entries()) {
      clock.advance(1234);
      runtime.audit.change({ userId: setup.adminUserId, userName: admin.fullName }, ({ record }) => {
        record({
          action,
          entityType: 'batch',
          entityId: 'CANARY-BATCH-0042',
          oldValue: index === 0 ? null : { step: index },
          newValue: { step: index + 1, operator: admin.fullName },
          reason: 'Canary reason: scale re-zeroed',
        });
      });
    }
    const result = await app.connect().invoke('system.info', {});
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    info = result.value as SystemInfo;
    usersWritten = runtime.store.sqlite
      .prepare('SELECT id, username, full_name, roles, status FROM users ORDER BY id')
      .all() as UserRow[];
    auditWritten = runtime.store.sqlite.prepare('SELECT * FROM audit_trail ORDER BY seq').all() as Record<
      string,
      unknown
    >[];
    dbWhileOpen = readFileSync(dataFolderPath(dataDir, 'database'));
    const walFile = `${dataFolderPath(dataDir, 'database')}-wal`;
    walWhileOpen = existsSync(walFile) ? readFileSync(walFile) : null;
    await app.close();
    app = null;
  });

  afterAll(async () => {
    await app?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('the app reports an encrypted SQLCipher 4 store', () => {
    expect(info.store.state).toBe('ready');
    expect(info.store.encrypted).toBe(true);
    expect(info.store.cipher).toContain('SQLCipher 4');
    expect(info.terminal?.name).toBe(terminal.name);
    // Setup writes four rows: store initialized, terminal created and registered, administrator.
    expect(info.counts).toEqual({ auditRows: 4 + canaryActions.length, users: 1 });
  });

  it('the database file does not start with the SQLite header and leaks none of the strings written into it', () => {
    const file = readFileSync(dataFolderPath(dataDir, 'database'));
    expect(file.length).toBeGreaterThanOrEqual(2 * SQLCIPHER4_PAGE_SIZE);
    expect(file.subarray(0, 16).equals(Buffer.from('SQLite format 3\0', 'latin1'))).toBe(false);
    expect(file.subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    expect(findPlaintext(file)).toEqual([]);
    // The WAL was checkpointed into the file at close and removed.
    expect(existsSync(`${dataFolderPath(dataDir, 'database')}-wal`)).toBe(false);
  });

  it('neither the file nor its WAL leaked anything while the app was running', () => {
    expect(findPlaintext(dbWhileOpen)).toEqual([]);
    if (walWhileOpen) expect(findPlaintext(walWhileOpen)).toEqual([]);
    // Sanity: the scan would have found them, had they been there in plaintext.
    expect(findPlaintext(Buffer.concat([Buffer.from('xx'), Buffer.from(terminal.name, 'utf8')]))).toEqual([
      terminal.name,
    ]);
  });

  it('an independent SQLCipher 4 reader opens the file with the recovery key alone', () => {
    const encrypted = readFileSync(dataFolderPath(dataDir, 'database'));
    const { plaintext, pages } = decryptSqlcipher4(encrypted, parseRecoveryKey(recoveryKey));
    expect(pages).toBe(encrypted.length / SQLCIPHER4_PAGE_SIZE);
    // The decrypted header is an ordinary SQLite header: 4096-byte pages, 80 reserved bytes each.
    expect(plaintext.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    expect(plaintext.readUInt16BE(16)).toBe(SQLCIPHER4_PAGE_SIZE);
    expect(plaintext[20]).toBe(SQLCIPHER4_RESERVE);
    // What was hidden is now readable: the reader really decrypted it.
    expect(findPlaintext(plaintext)).toEqual(
      expect.arrayContaining([admin.username, terminal.name, ...canaryActions, '$argon2id$']),
    );
    // Decrypted, the store holds the password's Argon2id hash and never the password itself.
    expect(plaintext.includes(Buffer.from(admin.password, 'utf8'))).toBe(false);
    expect(plaintext.includes(Buffer.from(admin.password, 'utf16le'))).toBe(false);

    const plainFile = join(root, 'decrypted-plain.sqlite');
    writeFileSync(plainFile, plaintext);
    const plain = new Database(plainFile, { readonly: true, fileMustExist: true });
    try {
      expect(
        plain.prepare('SELECT id, username, full_name, roles, status FROM users ORDER BY id').all(),
      ).toEqual(usersWritten);
      expect(plain.prepare('SELECT * FROM audit_trail ORDER BY seq').all()).toEqual(auditWritten);
      expect(plain.prepare('SELECT name FROM terminals').pluck().all()).toEqual([terminal.name]);
      expect(plain.pragma('quick_check', { simple: true })).toBe('ok');
    } finally {
      plain.close();
    }
    expect(auditWritten.map((row) => row.action)).toEqual([
      'store.initialized',
      'terminal.created',
      'terminal.registered',
      'user.created',
      ...canaryActions,
    ]);
  });

  it('the reader checks every page: a wrong key or one altered byte is refused', () => {
    const encrypted = readFileSync(dataFolderPath(dataDir, 'database'));
    expect(() => decryptSqlcipher4(encrypted, Buffer.alloc(32, 0x11))).toThrow(Sqlcipher4FormatError);
    const damaged = Buffer.from(encrypted);
    damaged[SQLCIPHER4_PAGE_SIZE + 100]! ^= 0x01;
    expect(() => decryptSqlcipher4(damaged, parseRecoveryKey(recoveryKey))).toThrow(/page 2/);
  });

  it('plain SQLite without the key cannot read the file', () => {
    const plain = new Database(dataFolderPath(dataDir, 'database'), { readonly: true, fileMustExist: true });
    try {
      expect(() => plain.prepare('SELECT count(*) FROM sqlite_master').get()).toThrow(
        /not a database|encrypted/i,
      );
    } finally {
      plain.close();
    }
  });
});
