/**
 * The manifest beside every backup file (`<backup file>.manifest.json`): what the backup holds,
 * where the audit chain stood, and the size and SHA-256 of the file and of each archive entry,
 * signed by the terminal key over its RFC 8785 JSON so that any edit is noticed.
 */
import { createPublicKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { canonicalJson } from '../../../shared/canonical-json';
import type { SignedCheckpoint } from '../audit/head-mirror';
import { fingerprintOf, verifyWithPublicKey, type TerminalKey } from '../terminal/terminal-key';
import { ARCHIVE_FORMAT } from './backup-archive';
import { backupRefusal } from './backup-refusal';

export const MANIFEST_FORMAT = 'ebr-backup-manifest/1';
export const MANIFEST_SUFFIX = '.manifest.json';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
const size = z.number().int().nonnegative();

const signedCheckpointSchema = z.strictObject({
  checkpointSeq: z.number().int().positive(),
  auditSeq: z.number().int().positive(),
  auditHash: sha256Hex,
  atUtc: z.string(),
  terminalId: z.string(),
  keyId: sha256Hex,
  signature: z.string(),
});

export const backupManifestSchema = z.strictObject({
  format: z.literal(MANIFEST_FORMAT),
  backup: z.strictObject({
    fileName: z.string().min(1),
    archiveFormat: z.literal(ARCHIVE_FORMAT),
    size,
    sha256: sha256Hex,
  }),
  entries: z.array(z.strictObject({ name: z.string().min(1), size, sha256: sha256Hex })).min(1),
  createdAtUtc: z.iso.datetime(),
  trigger: z.enum(['manual', 'scheduled']),
  application: z.strictObject({ name: z.string(), version: z.string() }),
  store: z.strictObject({ schemaVersion: z.number().int().nonnegative(), cipher: z.string() }),
  terminal: z.strictObject({ id: z.string(), name: z.string(), fingerprint: sha256Hex }),
  /** The snapshot's last signed checkpoint: where the audit chain stood. */
  auditHead: signedCheckpointSchema,
  /** Row counts in the snapshot, for people comparing a restore. */
  counts: z.record(z.string(), z.number().int().nonnegative()),
  /** Ed25519 by the terminal key over the RFC 8785 JSON of every other field, base64. */
  signature: z.string(),
});

export type BackupManifest = z.infer<typeof backupManifestSchema>;
export type BackupTrigger = BackupManifest['trigger'];
export type UnsignedBackupManifest = Omit<BackupManifest, 'signature'>;

export function manifestPathOf(backupFile: string): string {
  return backupFile + MANIFEST_SUFFIX;
}

function signedBytes(manifest: UnsignedBackupManifest): Buffer {
  return Buffer.from(canonicalJson(manifest), 'utf8');
}

export function signManifest(manifest: UnsignedBackupManifest, terminalKey: TerminalKey): BackupManifest {
  return { ...manifest, signature: terminalKey.sign(signedBytes(manifest)).toString('base64') };
}

/** The signature verifies with this public key, and the key is the terminal the manifest names. */
export function manifestSignatureValid(manifest: BackupManifest, publicKeyPem: string): boolean {
  const { signature, ...unsigned } = manifest;
  let fingerprint: string;
  try {
    fingerprint = fingerprintOf(createPublicKey(publicKeyPem));
  } catch {
    return false;
  }
  return (
    fingerprint === manifest.terminal.fingerprint &&
    verifyWithPublicKey(publicKeyPem, signedBytes(unsigned), Buffer.from(signature, 'base64'))
  );
}

export function signedCheckpointOf(manifest: BackupManifest): SignedCheckpoint {
  return { ...manifest.auditHead };
}

/** Reads and checks the form of a manifest, or refuses naming what is wrong. */
export function readManifest(manifestFile: string): BackupManifest {
  if (!existsSync(manifestFile)) {
    throw backupRefusal(
      'manifest-missing',
      `The backup manifest ${manifestFile} is missing. A backup is restored only with its manifest, which holds its SHA-256; copy both files.`,
      { manifestFile },
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(manifestFile, 'utf8'));
  } catch (error) {
    throw backupRefusal(
      'manifest-invalid',
      `The backup manifest ${manifestFile} is not readable JSON (${(error as Error).message}).`,
      { manifestFile },
    );
  }
  const result = backupManifestSchema.safeParse(parsed);
  if (!result.success) {
    const issues = result.error.issues.map(
      (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw backupRefusal(
      'manifest-invalid',
      `The backup manifest ${manifestFile} is not a valid ${MANIFEST_FORMAT} manifest: ${issues.slice(0, 3).join('; ')}.`,
      { manifestFile, issues },
    );
  }
  return result.data;
}
