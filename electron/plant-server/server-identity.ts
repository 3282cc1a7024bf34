import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  sign,
} from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { EbrError } from '../../shared/errors';
import { serverIdentity } from '../../db/plant/schema';
import { seal, unseal, type SealedBox } from '../core/keys/sealed-file';
import { fingerprintOf } from '../core/terminal/terminal-key';
import type { PlantDatabase } from './database';

const CONTEXT = 'ebr plant server key v1';

/** The server's Ed25519 identity: it signs every response; terminals pin its public key. */
export interface ServerKey {
  publicKeyPem: string;
  fingerprint: string;
  sign(message: Buffer): Buffer;
}

/** The key file holds 32 random bytes (hex) that seal the private key stored in PostgreSQL. */
export function createKeyFile(file: string): Buffer {
  const secret = randomBytes(32);
  writeFileSync(
    file,
    `# EBR plant server key file: seals the server's signing key. Keep it with the server, never in the database.\n${secret.toString('hex')}\n`,
    {
      mode: 0o600,
      flag: 'wx',
    },
  );
  return secret;
}

export function readKeyFile(file: string): Buffer {
  if (!existsSync(file))
    throw new EbrError(
      'KEY_UNAVAILABLE',
      `The server key file ${file} does not exist (run ebr server init).`,
    );
  const line = readFileSync(file, 'utf8')
    .split('\n')
    .find((text) => text.trim() !== '' && !text.startsWith('#'));
  if (!line || !/^[0-9a-f]{64}$/.test(line.trim()))
    throw new EbrError('KEY_UNAVAILABLE', `The server key file ${file} holds no 64-hex-digit key.`);
  return Buffer.from(line.trim(), 'hex');
}

function sealingKey(secret: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), CONTEXT, 32));
}

export async function createServerKey(database: PlantDatabase, secret: Buffer): Promise<ServerKey> {
  const existing = await database.db.select().from(serverIdentity).where(eq(serverIdentity.id, 1));
  if (existing.length > 0)
    throw new EbrError(
      'ALREADY_INITIALIZED',
      'This plant database already has a server key (ebr server init ran before).',
    );
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const publicKeyPem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
  await database.db.insert(serverIdentity).values({
    id: 1,
    publicKeyPem,
    fingerprint: fingerprintOf(publicKey),
    sealedPrivateKey: seal(sealingKey(secret), privateKey.export({ format: 'der', type: 'pkcs8' }), CONTEXT),
  });
  return loadServerKey(database, secret);
}

export async function loadServerKey(database: PlantDatabase, secret: Buffer): Promise<ServerKey> {
  const [row] = await database.db.select().from(serverIdentity).where(eq(serverIdentity.id, 1));
  if (!row)
    throw new EbrError(
      'NOT_INITIALIZED',
      'This plant database has no server key: run ebr server init first.',
    );
  let pkcs8: Buffer;
  try {
    pkcs8 = unseal(sealingKey(secret), row.sealedPrivateKey as SealedBox, CONTEXT);
  } catch {
    throw new EbrError(
      'KEY_UNAVAILABLE',
      'The server key file does not open the server key stored in this database.',
    );
  }
  const privateKey = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
  if (fingerprintOf(createPublicKey(privateKey)) !== row.fingerprint)
    throw new EbrError('KEY_UNAVAILABLE', 'The stored server key is inconsistent (fingerprint mismatch).');
  return {
    publicKeyPem: row.publicKeyPem,
    fingerprint: row.fingerprint,
    sign: (message) => sign(null, message, privateKey),
  };
}
