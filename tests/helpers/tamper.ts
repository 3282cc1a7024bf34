/**
 * Tools for tests that attack a data folder from outside the application: a raw connection
 * that holds the key (as anyone with the recovery key would), chain recomputation, an
 * independent verification run, and byte-level snapshots of the folder.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import type { AuditVerificationReport } from '../../shared/contract/audit';
import { auditRowHash, GENESIS_HASH, type AuditRowContent } from '../../electron/core/audit/chain';
import { readHeadMirror } from '../../electron/core/audit/head-mirror';
import { verifyAuditTrail } from '../../electron/core/audit/verifier';
import { dataFolderPath } from '../../electron/core/data-folder';
import { parseRecoveryKey } from '../../electron/core/keys/recovery-key';

/** The same cipher settings as db/open.ts, applied by hand: SQLCipher 4, raw 256-bit key. */
export function applyKey(sqlite: Database.Database, recoveryKey: string): void {
  sqlite.pragma(`cipher='sqlcipher'`);
  sqlite.pragma('legacy=4');
  sqlite.pragma(`key="x'${parseRecoveryKey(recoveryKey).toString('hex')}'"`);
}

/** A raw connection to the folder's database: no triggers respected, no checkpoints written. */
export function openRaw(dataDir: string, recoveryKey: string): Database.Database {
  const sqlite = new Database(dataFolderPath(dataDir, 'database'), { fileMustExist: true });
  applyKey(sqlite, recoveryKey);
  sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
  return sqlite;
}

export function withRaw<T>(
  dataDir: string,
  recoveryKey: string,
  action: (sqlite: Database.Database) => T,
): T {
  const sqlite = openRaw(dataDir, recoveryKey);
  try {
    return action(sqlite);
  } finally {
    sqlite.close();
  }
}

export function dropAppendOnlyTriggers(sqlite: Database.Database): void {
  sqlite.exec(`
    DROP TRIGGER IF EXISTS audit_trail_no_update;
    DROP TRIGGER IF EXISTS audit_trail_no_delete;
    DROP TRIGGER IF EXISTS audit_checkpoints_no_update;
    DROP TRIGGER IF EXISTS audit_checkpoints_no_delete;
  `);
}

export interface RawAuditRow extends AuditRowContent {
  prevHash: string;
  hash: string;
}

const selectRows = `SELECT seq, at_utc AS atUtc, user_id AS userId, user_name AS userName, terminal_id AS terminalId, action,
  entity_type AS entityType, entity_id AS entityId, old_value AS oldValue, new_value AS newValue, reason,
  prev_hash AS prevHash, hash FROM audit_trail`;

export function auditRows(sqlite: Database.Database): RawAuditRow[] {
  return sqlite.prepare(`${selectRows} ORDER BY seq`).all() as RawAuditRow[];
}

export function auditRow(sqlite: Database.Database, seq: number): RawAuditRow {
  const row = sqlite.prepare(`${selectRows} WHERE seq = ?`).get(seq) as RawAuditRow | undefined;
  if (!row) throw new Error(`no audit row ${seq}`);
  return row;
}

export function insertAuditRow(sqlite: Database.Database, row: RawAuditRow): void {
  sqlite
    .prepare(
      `INSERT INTO audit_trail (seq, at_utc, user_id, user_name, terminal_id, action, entity_type, entity_id, old_value, new_value, reason, prev_hash, hash)
       VALUES (@seq, @atUtc, @userId, @userName, @terminalId, @action, @entityType, @entityId, @oldValue, @newValue, @reason, @prevHash, @hash)`,
    )
    .run(row);
}

/**
 * What a careful forger does after editing rows: recompute prev_hash and hash of every row from
 * `fromSeq` on, so that the hash chain itself is consistent again.
 */
export function recomputeChainFrom(sqlite: Database.Database, fromSeq: number): void {
  const rows = auditRows(sqlite);
  const update = sqlite.prepare('UPDATE audit_trail SET prev_hash = ?, hash = ? WHERE seq = ?');
  let previousHash = GENESIS_HASH;
  for (const row of rows) {
    if (row.seq >= fromSeq) {
      const hash = auditRowHash(previousHash, row);
      update.run(previousHash, hash, row.seq);
      previousHash = hash;
    } else {
      previousHash = row.hash;
    }
  }
}

/** Runs the verifier over a raw connection, trusting the keys the application would trust. */
export function verifyFolder(
  dataDir: string,
  recoveryKey: string,
  options: { pageSize?: number } = {},
): AuditVerificationReport {
  return withRaw(dataDir, recoveryKey, (sqlite) => {
    const ownPublicKey = (
      JSON.parse(readFileSync(dataFolderPath(dataDir, 'terminalKey'), 'utf8')) as { publicKeyPem: string }
    ).publicKeyPem;
    const terminalKeys = sqlite.prepare('SELECT public_key_pem FROM terminals').pluck().all() as string[];
    return verifyAuditTrail({
      sqlite,
      trustedPublicKeys: [ownPublicKey, ...terminalKeys],
      headMirror: readHeadMirror(dataFolderPath(dataDir, 'auditHead')),
      ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
    });
  });
}

export function sha256OfFile(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** Every file in the folder by name, with its SHA-256: compare two snapshots with toEqual. */
export function snapshotFolder(dataDir: string): Record<string, string> {
  const snapshot: Record<string, string> = {};
  if (!existsSync(dataDir)) return snapshot;
  for (const name of readdirSync(dataDir).sort()) snapshot[name] = sha256OfFile(join(dataDir, name));
  return snapshot;
}
