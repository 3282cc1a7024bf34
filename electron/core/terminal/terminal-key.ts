import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  hkdfSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { readFileSync } from 'node:fs';
import { EbrError } from '../../../shared/errors';
import { seal, unseal, writeFileDurably, type SealedBox } from '../keys/sealed-file';

const CONTEXT = 'ebr terminal signing key v1';

/** The terminal's Ed25519 identity. The private key is sealed under a key derived from the database key. */
export interface TerminalKey {
  publicKeyPem: string;
  /** SHA-256 of the raw 32-byte public key, lowercase hex: the key id in every signature. */
  fingerprint: string;
  sign(message: Buffer): Buffer;
}

interface TerminalKeyFile {
  format: 'ebr-terminal-key/1';
  publicKeyPem: string;
  fingerprint: string;
  sealedPrivateKey: SealedBox;
}

function sealingKey(databaseKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', databaseKey, Buffer.alloc(0), CONTEXT, 32));
}

export function fingerprintOf(publicKey: KeyObject): string {
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  return createHash('sha256').update(raw).digest('hex');
}

/** For people: 16 groups of 4 hex digits. */
export function formatFingerprint(fingerprint: string): string {
  return fingerprint.toUpperCase().match(/.{4}/g)!.join(' ');
}

function toTerminalKey(privateKey: KeyObject): TerminalKey {
  const publicKey = createPublicKey(privateKey);
  return {
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    fingerprint: fingerprintOf(publicKey),
    sign: (message) => sign(null, message, privateKey),
  };
}

export function createTerminalKey(file: string, databaseKey: Buffer): TerminalKey {
  const { privateKey } = generateKeyPairSync('ed25519');
  const terminalKey = toTerminalKey(privateKey);
  const pkcs8 = privateKey.export({ format: 'der', type: 'pkcs8' });
  const content: TerminalKeyFile = {
    format: 'ebr-terminal-key/1',
    publicKeyPem: terminalKey.publicKeyPem,
    fingerprint: terminalKey.fingerprint,
    sealedPrivateKey: seal(sealingKey(databaseKey), pkcs8, CONTEXT),
  };
  writeFileDurably(file, JSON.stringify(content, null, 2) + '\n');
  return terminalKey;
}

export function loadTerminalKey(file: string, databaseKey: Buffer): TerminalKey {
  let content: TerminalKeyFile;
  try {
    content = JSON.parse(readFileSync(file, 'utf8')) as TerminalKeyFile;
  } catch (error) {
    throw new EbrError(
      'KEY_UNAVAILABLE',
      `The terminal key file ${file} cannot be read (${(error as Error).message}).`,
      { file },
    );
  }
  let pkcs8: Buffer;
  try {
    pkcs8 = unseal(sealingKey(databaseKey), content.sealedPrivateKey, CONTEXT);
  } catch {
    throw new EbrError(
      'KEY_UNAVAILABLE',
      `The terminal key file ${file} does not open with this database key or was altered.`,
      { file },
    );
  }
  const terminalKey = toTerminalKey(createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }));
  if (terminalKey.fingerprint !== content.fingerprint) {
    throw new EbrError(
      'KEY_UNAVAILABLE',
      `The terminal key file ${file} is inconsistent (fingerprint mismatch).`,
      { file },
    );
  }
  return terminalKey;
}

const publicKeyObjects = new Map<string, KeyObject>();

/** A parsed public key, kept: verifying a batch's signatures reuses the same few keys. */
function publicKeyObject(publicKeyPem: string): KeyObject {
  let key = publicKeyObjects.get(publicKeyPem);
  if (!key) {
    key = createPublicKey(publicKeyPem);
    if (publicKeyObjects.size > 64) publicKeyObjects.clear();
    publicKeyObjects.set(publicKeyPem, key);
  }
  return key;
}

export function verifyWithPublicKey(publicKeyPem: string, message: Buffer, signature: Buffer): boolean {
  try {
    return verify(null, message, publicKeyObject(publicKeyPem), signature);
  } catch {
    return false;
  }
}

/** Public keys by fingerprint; fingerprints are computed here, never trusted from a column. */
const keyringCache = new Map<string, Map<string, string>>();

/**
 * Fingerprint → PEM of the trusted keys. Parsing a key and hashing its DER is most of what
 * showing a batch's signatures costs, and the set rarely changes: the keyring is kept per set.
 */
export function keyringOf(publicKeysPem: string[]): Map<string, string> {
  const cacheKey = publicKeysPem.join('\n');
  const cached = keyringCache.get(cacheKey);
  if (cached) return new Map(cached);
  const keyring = new Map(publicKeysPem.map((pem) => [fingerprintOf(createPublicKey(pem)), pem]));
  if (keyringCache.size > 16) keyringCache.clear();
  keyringCache.set(cacheKey, keyring);
  return new Map(keyring);
}
