import { EbrError } from '../../../shared/errors';
import { DATABASE_KEY_BYTES, type KeyProvider } from './key-provider';

/** 64 hex digits in 16 groups of 4, easier to read back from paper. */
export function formatRecoveryKey(key: Buffer): string {
  return key.toString('hex').toUpperCase().match(/.{4}/g)!.join('-');
}

/** Accepts the key with or without group separators, any case, surrounding whitespace. */
export function parseRecoveryKey(text: string): Buffer {
  const digits = text.replace(/[\s-]/g, '');
  if (!/^[0-9a-fA-F]{64}$/.test(digits)) {
    throw new EbrError(
      'VALIDATION_FAILED',
      'A recovery key is 64 hexadecimal digits (dashes and spaces allowed).',
      {
        digitsFound: digits.length,
      },
    );
  }
  return Buffer.from(digits, 'hex');
}

/** Opens a data folder with the recovery key; keeps nothing, since the key is shown to a person. */
export function recoveryKeyProvider(recoveryKey: string): KeyProvider {
  const key = parseRecoveryKey(recoveryKey);
  if (key.length !== DATABASE_KEY_BYTES)
    throw new EbrError('VALIDATION_FAILED', 'A recovery key is 32 bytes.');
  return {
    kind: 'recovery-key',
    loadKey: async () => Buffer.from(key),
    storeKey: async () => {},
  };
}
