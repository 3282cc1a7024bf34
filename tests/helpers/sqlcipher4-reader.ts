/**
 * An independent SQLCipher 4 reader, written from the published file format with node:crypto
 * only (no SQLite, no sqlite3mc code). It proves that the database file is ordinary SQLCipher 4
 * and opens with the recovery key in any SQLCipher 4 reader (Zetetic's, DB Browser for SQLite).
 *
 * SQLCipher 4 defaults, raw key:
 * - page size 4096; every page ends with 80 reserved bytes: a 16-byte IV, then a 64-byte HMAC;
 * - page 1 starts with the 16-byte KDF salt, which stands where plaintext SQLite has
 *   "SQLite format 3\0"; the rest of page 1 is encrypted like any other page;
 * - a raw key (x'…') is the AES-256 encryption key itself: no PBKDF2 on it;
 * - HMAC key = PBKDF2-HMAC-SHA512(encryption key, salt XOR 0x3a bytewise, 2 iterations, 32 bytes);
 * - HMAC-SHA512 over (ciphertext ‖ IV ‖ page number as uint32 little-endian, numbered from 1);
 * - AES-256-CBC without padding over bytes [page 1 ? 16 : 0, 4096 − 80).
 */
import { createDecipheriv, createHmac, pbkdf2Sync, timingSafeEqual } from 'node:crypto';

export const SQLCIPHER4_PAGE_SIZE = 4096;
export const SQLCIPHER4_RESERVE = 80;
const IV_BYTES = 16;
const HMAC_BYTES = 64;
const SALT_BYTES = 16;
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export class Sqlcipher4FormatError extends Error {}

export interface DecryptedDatabase {
  /** A plain SQLite file, byte for byte what SQLCipher would hand to SQLite. */
  plaintext: Buffer;
  pages: number;
  salt: Buffer;
}

export function sqlcipher4HmacKey(key: Buffer, salt: Buffer): Buffer {
  const hmacSalt = Buffer.from(salt.map((byte) => byte ^ 0x3a));
  return pbkdf2Sync(key, hmacSalt, 2, 32, 'sha512');
}

export function decryptSqlcipher4(file: Buffer, key: Buffer): DecryptedDatabase {
  if (key.length !== 32) throw new Sqlcipher4FormatError('a raw SQLCipher 4 key is 32 bytes');
  if (file.length === 0 || file.length % SQLCIPHER4_PAGE_SIZE !== 0) {
    throw new Sqlcipher4FormatError(
      `file size ${file.length} is not a whole number of ${SQLCIPHER4_PAGE_SIZE}-byte pages`,
    );
  }
  const salt = Buffer.from(file.subarray(0, SALT_BYTES));
  const hmacKey = sqlcipher4HmacKey(key, salt);
  const pages = file.length / SQLCIPHER4_PAGE_SIZE;
  const plaintext = Buffer.alloc(file.length);
  const usable = SQLCIPHER4_PAGE_SIZE - SQLCIPHER4_RESERVE;

  for (let pageNumber = 1; pageNumber <= pages; pageNumber += 1) {
    const pageOffset = (pageNumber - 1) * SQLCIPHER4_PAGE_SIZE;
    const page = file.subarray(pageOffset, pageOffset + SQLCIPHER4_PAGE_SIZE);
    const start = pageNumber === 1 ? SALT_BYTES : 0;
    const ciphertext = page.subarray(start, usable);
    const iv = page.subarray(usable, usable + IV_BYTES);
    const storedHmac = page.subarray(usable + IV_BYTES, usable + IV_BYTES + HMAC_BYTES);

    const pageNumberLe = Buffer.alloc(4);
    pageNumberLe.writeUInt32LE(pageNumber);
    const expectedHmac = createHmac('sha512', hmacKey)
      .update(ciphertext)
      .update(iv)
      .update(pageNumberLe)
      .digest();
    if (!timingSafeEqual(expectedHmac, storedHmac)) {
      throw new Sqlcipher4FormatError(`HMAC check failed on page ${pageNumber}: wrong key or damaged page`);
    }

    const decipher = createDecipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
    const decrypted = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
    if (pageNumber === 1) SQLITE_HEADER.copy(plaintext, pageOffset);
    decrypted.copy(plaintext, pageOffset + start);
    // The 80 reserved bytes stay zero: plain SQLite ignores them (the header says reserve = 80).
  }
  return { plaintext, pages, salt };
}
