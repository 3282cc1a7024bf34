import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import argon2 from 'argon2';
import { EbrError } from '../../../shared/errors';
import type { KeyProvider } from './key-provider';
import { seal, unseal, writeFileDurably, type SealedBox } from './sealed-file';

export const PASSPHRASE_KEYSTORE_FILE = 'keystore.passphrase.json';
const CONTEXT = 'ebr database key wrapped by administrator passphrase v1';
const MINIMUM_PASSPHRASE_LENGTH = 12;

interface PassphraseKeystore {
  format: 'ebr-passphrase-keystore/1';
  kdf: { algorithm: 'argon2id'; memoryCostKiB: number; timeCost: number; parallelism: number; salt: string };
  wrappedKey: SealedBox;
}

const defaultKdf = { memoryCostKiB: 65536, timeCost: 3, parallelism: 1 };

async function deriveWrappingKey(passphrase: string, kdf: PassphraseKeystore['kdf']): Promise<Buffer> {
  return argon2.hash(passphrase, {
    type: argon2.argon2id,
    raw: true,
    hashLength: 32,
    salt: Buffer.from(kdf.salt, 'base64'),
    memoryCost: kdf.memoryCostKiB,
    timeCost: kdf.timeCost,
    parallelism: kdf.parallelism,
  });
}

/**
 * The database key wrapped under an Argon2id-derived key: for workstations whose OS keystore is
 * not secure (Linux `basic_text`), so the key beside the database is useless without the passphrase.
 */
export function passphraseKeyProvider(passphrase: string): KeyProvider {
  return {
    kind: 'passphrase',
    async loadKey(dataDir) {
      const file = join(dataDir, PASSPHRASE_KEYSTORE_FILE);
      if (!existsSync(file))
        throw new EbrError('KEY_UNAVAILABLE', `No passphrase-protected key at ${file}.`, { file });
      const keystore = JSON.parse(readFileSync(file, 'utf8')) as PassphraseKeystore;
      const wrappingKey = await deriveWrappingKey(passphrase, keystore.kdf);
      try {
        return unseal(wrappingKey, keystore.wrappedKey, CONTEXT);
      } catch {
        throw new EbrError(
          'STORE_WRONG_KEY',
          'The administrator passphrase is not correct; nothing was changed.',
        );
      }
    },
    async storeKey(dataDir, key) {
      if (passphrase.length < MINIMUM_PASSPHRASE_LENGTH) {
        throw new EbrError(
          'VALIDATION_FAILED',
          `The administrator passphrase must have at least ${MINIMUM_PASSPHRASE_LENGTH} characters.`,
        );
      }
      const kdf = { algorithm: 'argon2id' as const, ...defaultKdf, salt: randomBytes(16).toString('base64') };
      const keystore: PassphraseKeystore = {
        format: 'ebr-passphrase-keystore/1',
        kdf,
        wrappedKey: seal(await deriveWrappingKey(passphrase, kdf), key, CONTEXT),
      };
      writeFileDurably(join(dataDir, PASSPHRASE_KEYSTORE_FILE), JSON.stringify(keystore, null, 2));
    },
  };
}
