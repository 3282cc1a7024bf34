import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { EbrError } from '../shared/errors';
import { applyMigrations, loadMigrations, schemaVersionOf, type Migration } from './migrate';
import * as schema from './schema';

export const CIPHER_DESCRIPTION = 'SQLCipher 4 (AES-256-CBC, HMAC-SHA512)';
const PLAINTEXT_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export type StoreDatabase = BetterSQLite3Database<typeof schema>;

export interface Store {
  sqlite: Database.Database;
  db: StoreDatabase;
  schemaVersion: number;
  latestSchemaVersion: number;
  close(): void;
}

export interface OpenStoreOptions {
  file: string;
  key: Buffer;
  /** `create` makes a new file; `open` refuses a missing one. */
  mode: 'create' | 'open';
  /** True when the key is known to be right (it matched the key check beside the file). */
  keyConfirmed?: boolean;
  migrations?: Migration[];
  nowUtc: string;
}

function readHeader(file: string): Buffer {
  const header = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  return header;
}

/** Refuses, without writing a byte, any file that is not ours to open. */
function checkFileBeforeOpening(file: string): void {
  const size = statSync(file).size;
  if (size === 0 || size % 512 !== 0) {
    throw new EbrError(
      'STORE_CORRUPT',
      `The database file ${file} is damaged (size ${size} bytes is not a whole number of pages). Restore it from a backup.`,
      { file, size },
    );
  }
  if (readHeader(file).equals(PLAINTEXT_HEADER)) {
    throw new EbrError(
      'STORE_NOT_ENCRYPTED',
      `The database file ${file} is not encrypted. Records must be encrypted at rest; this file was not made by this application and will not be opened.`,
      { file },
    );
  }
}

function applyCipherKey(sqlite: Database.Database, key: Buffer): void {
  sqlite.pragma(`cipher='sqlcipher'`);
  sqlite.pragma('legacy=4');
  // Raw 256-bit key: no passphrase KDF; SQLCipher 4 readers take the same x'…' form.
  sqlite.pragma(`key="x'${key.toString('hex')}'"`);
}

function isSqliteError(error: unknown, ...codes: string[]): boolean {
  return (
    typeof error === 'object' && error !== null && codes.includes((error as { code?: string }).code ?? '')
  );
}

export function openStore(options: OpenStoreOptions): Store {
  const { file, key, mode } = options;
  if (key.length !== 32) throw new EbrError('KEY_UNAVAILABLE', 'The database key must be 32 bytes.');
  const exists = existsSync(file);
  if (mode === 'open' && !exists) {
    throw new EbrError('NOT_INITIALIZED', `There is no database at ${file}. Run setup first.`, { file });
  }
  if (mode === 'create' && exists) {
    throw new EbrError(
      'ALREADY_INITIALIZED',
      `A database already exists at ${file}; it will not be overwritten.`,
      { file },
    );
  }
  if (exists) checkFileBeforeOpening(file);
  // Owner-only from the first byte; SQLite gives -wal and -shm the same mode.
  else closeSync(openSync(file, 'wx', 0o600));

  const sqlite = new Database(file, { fileMustExist: mode === 'open' });
  try {
    applyCipherKey(sqlite, key);
    try {
      sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch (error) {
      if (isSqliteError(error, 'SQLITE_NOTADB')) {
        throw options.keyConfirmed
          ? new EbrError(
              'STORE_CORRUPT',
              `The database file ${file} is damaged: its first page does not decrypt with the right key. Restore it from a backup.`,
              { file },
            )
          : new EbrError(
              'STORE_WRONG_KEY',
              `The key does not open ${file}. Check the recovery key or passphrase; the file was not changed.`,
              { file },
            );
      }
      throw error;
    }
    const migrations = options.migrations ?? loadMigrations();
    const schemaVersion = schemaVersionOf(sqlite);
    if (schemaVersion > migrations.length) {
      throw new EbrError(
        'STORE_TOO_NEW',
        `The database has schema version ${schemaVersion}, but this application knows only up to ${migrations.length}. Use a newer version of the application; the file was not changed.`,
        { schemaVersion, latestSchemaVersion: migrations.length },
      );
    }
    if (exists) checkIntegrity(sqlite, file);

    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    const migratedVersion = applyMigrations(sqlite, migrations, options.nowUtc);
    return {
      sqlite,
      db: drizzle({ client: sqlite, schema }),
      schemaVersion: migratedVersion,
      latestSchemaVersion: migrations.length,
      close: () => sqlite.close(),
    };
  } catch (error) {
    sqlite.close();
    if (error instanceof EbrError) throw error;
    if (isSqliteError(error, 'SQLITE_CORRUPT', 'SQLITE_NOTADB')) {
      throw new EbrError(
        'STORE_CORRUPT',
        `The database file ${file} is damaged (${(error as Error).message}). Restore it from a backup.`,
        { file },
      );
    }
    throw error;
  }
}

/** A11-7.1: structural integrity at start-up; every page is decrypted and its HMAC checked. */
function checkIntegrity(sqlite: Database.Database, file: string): void {
  const problems = sqlite.pragma('quick_check', { simple: false }) as { quick_check: string }[];
  const firstProblem = problems[0]?.quick_check;
  if (firstProblem !== 'ok') {
    throw new EbrError(
      'STORE_CORRUPT',
      `The database file ${file} failed its integrity check: ${firstProblem}. Restore it from a backup.`,
      { file, problems: problems.slice(0, 5).map((p) => p.quick_check) },
    );
  }
}
