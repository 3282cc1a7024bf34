import { createHmac, timingSafeEqual } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EbrError } from '../../shared/errors';
import { writeFileDurably } from './keys/sealed-file';

/** What lives in a data folder, by name. */
export const dataFolderFiles = {
  database: 'ebr.db',
  /** Written last at setup: its presence means the folder is initialized. */
  storeDescriptor: 'store.json',
  terminalKey: 'terminal-key.json',
  auditHead: 'audit-head.json',
} as const;

export function dataFolderPath(dataDir: string, name: keyof typeof dataFolderFiles): string {
  return join(dataDir, dataFolderFiles[name]);
}

interface StoreDescriptor {
  format: 'ebr-store/1';
  cipher: string;
  createdAtUtc: string;
  /** HMAC of a constant under the key: tells a wrong key from a damaged file without opening it. */
  keyCheck: string;
}

function keyCheckOf(key: Buffer): string {
  return createHmac('sha256', key).update('ebr database key check v1').digest('hex');
}

export function isInitialized(dataDir: string): boolean {
  return existsSync(dataFolderPath(dataDir, 'storeDescriptor'));
}

export function isEmptyFolder(dataDir: string): boolean {
  return !existsSync(dataDir) || readdirSync(dataDir).length === 0;
}

export function writeStoreDescriptor(
  dataDir: string,
  key: Buffer,
  cipher: string,
  createdAtUtc: string,
): void {
  const descriptor: StoreDescriptor = {
    format: 'ebr-store/1',
    cipher,
    createdAtUtc,
    keyCheck: keyCheckOf(key),
  };
  writeFileDurably(dataFolderPath(dataDir, 'storeDescriptor'), JSON.stringify(descriptor, null, 2) + '\n');
}

/** Refuses a wrong key before the database is touched. */
export function confirmKey(dataDir: string, key: Buffer): void {
  let descriptor: StoreDescriptor;
  try {
    descriptor = JSON.parse(
      readFileSync(dataFolderPath(dataDir, 'storeDescriptor'), 'utf8'),
    ) as StoreDescriptor;
  } catch (error) {
    throw new EbrError(
      'STORE_CORRUPT',
      `The store descriptor in ${dataDir} cannot be read (${(error as Error).message}).`,
    );
  }
  const expected = Buffer.from(descriptor.keyCheck ?? '', 'hex');
  const actual = Buffer.from(keyCheckOf(key), 'hex');
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
    throw new EbrError(
      'STORE_WRONG_KEY',
      `The key does not open the data folder ${dataDir}. Check the recovery key or passphrase; nothing was changed.`,
      { dataDir },
    );
  }
}
