import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { safeStorage } from 'electron';
import { EbrError } from '../../shared/errors';
import { sealedAnchorStore, type AnchorStore } from '../core/audit/head-anchor';
import { DATABASE_KEY_BYTES, type KeyProvider } from '../core/keys/key-provider';
import { PASSPHRASE_KEYSTORE_FILE, passphraseKeyProvider } from '../core/keys/passphrase';
import { writeFileDurably } from '../core/keys/sealed-file';

export const SAFE_STORAGE_KEYSTORE_FILE = 'keystore.safe-storage.json';

interface SafeStorageKeystore {
  format: 'ebr-safe-storage-keystore/1';
  platform: NodeJS.Platform;
  backend: string | null;
  createdAtUtc: string;
  wrappedKey: string;
}

export interface SafeStorageOptions {
  /** Set by an administrator where the OS keystore is not secure: the key is then Argon2id-wrapped. */
  adminPassphrase?: string | undefined;
  /** Where the keystore-sealed audit head anchors live (the app's userData); none when absent. */
  anchorDir?: string;
}

/**
 * The database key wrapped by the OS keystore through Electron `safeStorage` (DPAPI, Keychain,
 * libsecret, KWallet), async API only: Electron 45 has it, so no fallback to the deprecated sync one.
 * A keystore that only obfuscates (Linux `basic_text`) is refused unless a passphrase is configured.
 */
export function safeStorageKeyProvider({ adminPassphrase, anchorDir }: SafeStorageOptions = {}): KeyProvider {
  const passphrase = adminPassphrase ? passphraseKeyProvider(adminPassphrase) : null;

  async function choose(dataDir: string): Promise<KeyProvider> {
    const wrappedHere = existsSync(path.join(dataDir, SAFE_STORAGE_KEYSTORE_FILE));
    const weakness = await keystoreWeakness();
    // A folder set up with the passphrase keeps it, even once a secure keystore appears.
    const passphraseHere = existsSync(path.join(dataDir, PASSPHRASE_KEYSTORE_FILE));
    if (weakness === null && (wrappedHere || !passphrase || !passphraseHere)) return wrapped;
    if (passphrase && !wrappedHere) return passphrase;
    const remedy = wrappedHere
      ? "This folder's key was wrapped by that keystore: an administrator must restore it (unlock " +
        'GNOME Keyring or KWallet for this account) or open the folder with the recovery key.'
      : 'An administrator must set a passphrase (EBR_ADMIN_PASSPHRASE) or enable a secure keystore ' +
        '(GNOME Keyring or KWallet) for this account.';
    throw new EbrError(
      'KEYSTORE_INSECURE',
      `The operating system keystore is not secure (${weakness}), so it cannot protect the database key. ${remedy}`,
      { backend: linuxBackend() },
    );
  }

  return {
    kind: 'safe-storage',
    loadKey: async (dataDir) => (await choose(dataDir)).loadKey(dataDir),
    storeKey: async (dataDir, key) => (await choose(dataDir)).storeKey(dataDir, key),
    ...(anchorDir && { anchorStore: keystoreAnchorStore(anchorDir) }),
  };
}

/**
 * The audit head anchor sealed by the OS keystore (docs/audit-trail.md), beside the profile file
 * every provider writes. Only where the keystore is secure: an obfuscating one adds nothing.
 */
function keystoreAnchorStore(directory: string): AnchorStore {
  const sealed = sealedAnchorStore(
    directory,
    {
      seal: (plaintext) => safeStorage.encryptStringAsync(plaintext),
      unseal: async (bytes) => (await safeStorage.decryptStringAsync(bytes)).result,
    },
    'the OS keystore (Electron safeStorage)',
  );
  return { ...sealed, isAvailable: async () => (await keystoreWeakness()) === null };
}

function linuxBackend(): string | null {
  return process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : null;
}

async function keystoreWeakness(): Promise<string | null> {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) return 'encryption is unavailable';
  const backend = linuxBackend();
  // basic_text encrypts with a key hard-coded in Chromium; "unknown" means the app is not ready.
  if (backend === 'basic_text' || backend === 'unknown') return `Linux backend "${backend}"`;
  return null;
}

const wrapped: KeyProvider = {
  kind: 'safe-storage',
  async loadKey(dataDir) {
    const file = path.join(dataDir, SAFE_STORAGE_KEYSTORE_FILE);
    let keystore: SafeStorageKeystore;
    try {
      keystore = JSON.parse(await readFile(file, 'utf8')) as SafeStorageKeystore;
    } catch (error) {
      throw new EbrError(
        'KEY_UNAVAILABLE',
        `The key file ${file} cannot be read (${(error as Error).message}).`,
        { file },
      );
    }
    let decrypted: Electron.DecryptStringAsyncReturnValue;
    try {
      decrypted = await safeStorage.decryptStringAsync(Buffer.from(keystore.wrappedKey, 'base64'));
    } catch {
      throw new EbrError(
        'KEY_UNAVAILABLE',
        'The keystore of this operating system account cannot unwrap the database key: it was set up ' +
          'by another account or machine. Open the data folder with the recovery key.',
        { platform: keystore.platform, backend: keystore.backend },
      );
    }
    const key = Buffer.from(decrypted.result, 'base64');
    if (key.length !== DATABASE_KEY_BYTES)
      throw new EbrError('KEY_UNAVAILABLE', `The key in ${file} is damaged.`, { file });
    if (decrypted.shouldReEncrypt) await writeKeystore(file, key);
    return key;
  },
  async storeKey(dataDir, key) {
    const file = path.join(dataDir, SAFE_STORAGE_KEYSTORE_FILE);
    // Overwriting would orphan the database that the existing key opens.
    if (existsSync(file))
      throw new EbrError('ALREADY_INITIALIZED', `${file} already exists; nothing was changed.`);
    await writeKeystore(file, key);
  },
};

async function writeKeystore(file: string, key: Buffer): Promise<void> {
  if (key.length !== DATABASE_KEY_BYTES)
    throw new EbrError('INTERNAL', `A database key has ${DATABASE_KEY_BYTES} bytes.`);
  // safeStorage takes strings, so the key briefly exists as a base64 string that cannot be zeroed.
  const wrappedKey = await safeStorage.encryptStringAsync(key.toString('base64'));
  const keystore: SafeStorageKeystore = {
    format: 'ebr-safe-storage-keystore/1',
    platform: process.platform,
    backend: linuxBackend(),
    createdAtUtc: new Date().toISOString(),
    wrappedKey: wrappedKey.toString('base64'),
  };
  writeFileDurably(file, `${JSON.stringify(keystore, null, 2)}\n`); // temp + fsync + rename, 0600
}
