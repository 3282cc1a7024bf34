import { X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generate } from 'selfsigned';
import { EbrError } from '../../shared/errors';

/** What `ebr server init` writes to the server's configuration folder. */
export const configFiles = {
  keyFile: 'server-key.secret',
  tlsCert: 'tls-cert.pem',
  tlsKey: 'tls-key.pem',
} as const;

export function configPath(configDir: string, name: keyof typeof configFiles): string {
  return join(resolve(configDir), configFiles[name]);
}

/** A self-signed pair for a pilot (replace the two files with the plant's own certificate). */
export async function writeSelfSignedTls(configDir: string, hostnames: string[]): Promise<string> {
  mkdirSync(configDir, { recursive: true, mode: 0o700 });
  for (const name of ['tlsCert', 'tlsKey'] as const) {
    if (existsSync(configPath(configDir, name)))
      throw new EbrError(
        'ALREADY_INITIALIZED',
        `${configPath(configDir, name)} already exists; it is never overwritten.`,
      );
  }
  const altNames = hostnames.map((name) =>
    /^[\d.]+$/.test(name) ? { type: 7 as const, ip: name } : { type: 2 as const, value: name },
  );
  const pair = await generate([{ name: 'commonName', value: hostnames[0] ?? 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    notAfterDate: new Date(Date.now() + 825 * 24 * 3600 * 1000),
    extensions: [{ name: 'subjectAltName', altNames }],
  });
  writeFileSync(configPath(configDir, 'tlsKey'), pair.private, { mode: 0o600, flag: 'wx' });
  writeFileSync(configPath(configDir, 'tlsCert'), pair.cert, { mode: 0o644, flag: 'wx' });
  return certificateFingerprint(pair.cert);
}

/** SHA-256 of the certificate's DER, as OpenSSL prints it (AA:BB:…). */
export function certificateFingerprint(certPem: string): string {
  return new X509Certificate(certPem).fingerprint256;
}

export function readTls(configDir: string): { cert: string; key: string; fingerprint: string } {
  const read = (name: 'tlsCert' | 'tlsKey') => {
    try {
      return readFileSync(configPath(configDir, name), 'utf8');
    } catch (error) {
      throw new EbrError(
        'KEY_UNAVAILABLE',
        `Cannot read ${configPath(configDir, name)} (${(error as Error).message}).`,
      );
    }
  };
  const cert = read('tlsCert');
  return { cert, key: read('tlsKey'), fingerprint: certificateFingerprint(cert) };
}
