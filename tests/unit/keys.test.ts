/**
 * Key handling: the recovery key people write down, the passphrase-wrapped keystore for
 * workstations without a secure OS keystore, and the terminal's sealed signing key.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EbrError } from '../../shared/errors';
import { passphraseKeyProvider, PASSPHRASE_KEYSTORE_FILE } from '../../electron/core/keys/passphrase';
import {
  formatRecoveryKey,
  parseRecoveryKey,
  recoveryKeyProvider,
} from '../../electron/core/keys/recovery-key';
import {
  createTerminalKey,
  loadTerminalKey,
  verifyWithPublicKey,
} from '../../electron/core/terminal/terminal-key';
import { temporaryFolder } from '../helpers/fresh-app';

const folders: string[] = [];
function folder(): string {
  const dir = temporaryFolder('ebr-keys-');
  folders.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(EbrError);
    return (error as EbrError).code;
  }
  return undefined;
}

async function codeOfAsync(action: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await action();
  } catch (error) {
    expect(error).toBeInstanceOf(EbrError);
    return (error as EbrError).code;
  }
  return undefined;
}

describe('recovery key', () => {
  const key = Buffer.from('00112233445566778899aabbccddeeff0123456789abcdeffedcba9876543210', 'hex');

  it('is shown as 16 groups of 4 hex digits', () => {
    const text = formatRecoveryKey(key);
    expect(text).toMatch(/^[0-9A-F]{4}(-[0-9A-F]{4}){15}$/);
    expect(text.replace(/-/g, '').toLowerCase()).toBe(key.toString('hex'));
  });

  it('round-trips as printed, in lower case, with spaces, or bare', async () => {
    const text = formatRecoveryKey(key);
    expect(parseRecoveryKey(text).equals(key)).toBe(true);
    expect(parseRecoveryKey(text.toLowerCase()).equals(key)).toBe(true);
    expect(parseRecoveryKey(`  ${text.toLowerCase().replace(/-/g, ' ')}\n`).equals(key)).toBe(true);
    expect(parseRecoveryKey(key.toString('hex')).equals(key)).toBe(true);
    const random = randomBytes(32);
    expect(parseRecoveryKey(formatRecoveryKey(random)).equals(random)).toBe(true);
    expect((await recoveryKeyProvider(text).loadKey('/nowhere')).equals(key)).toBe(true);
  });

  it('refuses 63 digits, 65 digits and non-hex with VALIDATION_FAILED', () => {
    const hex = key.toString('hex');
    expect(codeOf(() => parseRecoveryKey(hex.slice(1)))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => parseRecoveryKey(`${hex}0`))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => parseRecoveryKey(`${hex.slice(1)}g`))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => parseRecoveryKey(''))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => recoveryKeyProvider('xyz'))).toBe('VALIDATION_FAILED');
  });

  it('the provider hands out a copy: a caller wiping its key does not wipe the next one', async () => {
    const provider = recoveryKeyProvider(formatRecoveryKey(key));
    const first = await provider.loadKey('/nowhere');
    first.fill(0);
    expect((await provider.loadKey('/nowhere')).equals(key)).toBe(true);
  });
});

describe('passphrase key provider (Argon2id-wrapped key)', () => {
  const passphrase = 'Blue-Lantern-Harbour-77';
  const key = randomBytes(32);
  const dataDir = folder();
  const stored = passphraseKeyProvider(passphrase).storeKey(dataDir, key);

  it('stores then loads the same key', async () => {
    await stored;
    expect((await passphraseKeyProvider(passphrase).loadKey(dataDir)).equals(key)).toBe(true);
  });

  it('a wrong passphrase → STORE_WRONG_KEY', async () => {
    await stored;
    expect(await codeOfAsync(() => passphraseKeyProvider('Blue-Lantern-Harbour-78').loadKey(dataDir))).toBe(
      'STORE_WRONG_KEY',
    );
  });

  it('the keystore file contains neither the key nor the passphrase in any encoding', async () => {
    await stored;
    const content = readFileSync(join(dataDir, PASSPHRASE_KEYSTORE_FILE));
    const text = content.toString('utf8');
    const forms = (value: Buffer) => [
      value.toString('hex'),
      value.toString('hex').toUpperCase(),
      value.toString('base64'),
      value.toString('base64url'),
      value.toString('base64').replace(/=+$/, ''),
    ];
    for (const form of [...forms(key), ...forms(Buffer.from(passphrase, 'utf8')), passphrase]) {
      expect(text).not.toContain(form);
    }
    expect(content.includes(key)).toBe(false);
    const keystore = JSON.parse(text) as { kdf: { algorithm: string; memoryCostKiB: number } };
    expect(keystore.kdf.algorithm).toBe('argon2id');
    expect(keystore.kdf.memoryCostKiB).toBeGreaterThanOrEqual(19456);
  });

  it('refuses a passphrase that is too short, and writes nothing', async () => {
    const dir = folder();
    expect(await codeOfAsync(() => passphraseKeyProvider('short-pass').storeKey(dir, randomBytes(32)))).toBe(
      'VALIDATION_FAILED',
    );
    expect(await codeOfAsync(() => passphraseKeyProvider('any-passphrase-here').loadKey(dir))).toBe(
      'KEY_UNAVAILABLE',
    );
  });
});

describe('terminal key file', () => {
  it('opens with its database key and signs verifiably', () => {
    const file = join(folder(), 'terminal-key.json');
    const databaseKey = randomBytes(32);
    const created = createTerminalKey(file, databaseKey);
    const loaded = loadTerminalKey(file, databaseKey);
    expect(loaded.fingerprint).toBe(created.fingerprint);
    const message = Buffer.from('checkpoint');
    expect(verifyWithPublicKey(created.publicKeyPem, message, loaded.sign(message))).toBe(true);
    expect(verifyWithPublicKey(created.publicKeyPem, Buffer.from('other'), loaded.sign(message))).toBe(false);
  });

  it('the sealed private key does not open with another database key → KEY_UNAVAILABLE', () => {
    const file = join(folder(), 'terminal-key.json');
    const databaseKey = randomBytes(32);
    createTerminalKey(file, databaseKey);
    const other = Buffer.from(databaseKey);
    other[0]! ^= 0x01;
    expect(codeOf(() => loadTerminalKey(file, other))).toBe('KEY_UNAVAILABLE');
    expect(codeOf(() => loadTerminalKey(file, randomBytes(32)))).toBe('KEY_UNAVAILABLE');
  });

  it('the file holds no private key material in the clear', () => {
    const file = join(folder(), 'terminal-key.json');
    const databaseKey = randomBytes(32);
    createTerminalKey(file, databaseKey);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toMatch(/PRIVATE KEY/);
    expect(text).not.toContain(databaseKey.toString('hex'));
    expect(text).not.toContain(databaseKey.toString('base64'));
  });
});

describe('temporaries of durable writes', () => {
  it("removes those whose writer died, keeps a live writer's and unrelated files", async () => {
    const { removeStaleTemporaries } = await import('../../electron/core/keys/sealed-file');
    const { writeFileSync, readdirSync } = await import('node:fs');
    const folder = temporaryFolder('ebr-tmp-');
    const file = join(folder, 'audit-head.json');
    writeFileSync(file, '{}');
    // A pid far above any live process on this machine: its writer is gone.
    writeFileSync(`${file}.999999999.tmp`, 'half');
    writeFileSync(`${file}.${process.pid}.tmp`, 'mine, in progress');
    writeFileSync(join(folder, 'other.json.999999999.tmp'), 'not ours');
    expect(removeStaleTemporaries(file)).toBe(1);
    expect(readdirSync(folder).sort()).toEqual(
      ['audit-head.json', `audit-head.json.${process.pid}.tmp`, 'other.json.999999999.tmp'].sort(),
    );
    rmSync(folder, { recursive: true, force: true });
  });
});
