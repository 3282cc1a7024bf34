import { createHash } from 'node:crypto';
import type { SignedCheckpoint } from '../audit/head-mirror';
import type { ExportBatchView, ExportExporterView } from '../../../shared/contract/records';

/** The `format` of every manifest.json this version writes; a verifier refuses any other. */
export const EXPORT_PACKAGE_FORMAT = 'ebr-export-package/1';

export const MANIFEST_FILE = 'manifest.json';
export const SIGNATURE_FILE = 'manifest.sig';
export const PUBLIC_KEY_FILE = 'public-key.pem';
export const INSTRUCTIONS_FILE = 'VERIFY.txt';
export const CHECKSUMS_FILE = 'SHA256SUMS';

/**
 * The only files of a package that manifest.json does not list: the manifest itself, its
 * signature, and the key that checks it (bound to the manifest by the fingerprint it names).
 */
export const UNLISTED_FILES: readonly string[] = [MANIFEST_FILE, SIGNATURE_FILE, PUBLIC_KEY_FILE];

/** Names the package writer makes itself; a caller's file may not take one of them. */
export const RESERVED_FILE_NAMES: readonly string[] = [...UNLISTED_FILES, INSTRUCTIONS_FILE, CHECKSUMS_FILE];

export interface ManifestFile {
  name: string;
  /** Bytes. */
  size: number;
  /** Lowercase hex. */
  sha256: string;
}

/** The batch as the caller describes it: an id and a batch number, anything else is opaque JSON. */
export type ExportBatch = ExportBatchView;
export type ExportExporter = ExportExporterView;

export interface ExportManifest {
  format: typeof EXPORT_PACKAGE_FORMAT;
  packageName: string;
  exportedAtUtc: string;
  applicationVersion: string;
  exporter: ExportExporter;
  terminal: {
    id: string;
    /** SHA-256 of the raw 32-byte Ed25519 public key in public-key.pem, lowercase hex. */
    keyFingerprint: string;
    signatureAlgorithm: 'Ed25519';
    publicKeyFile: typeof PUBLIC_KEY_FILE;
    signatureFile: typeof SIGNATURE_FILE;
  };
  /** Every file of the package except manifest.json, manifest.sig and public-key.pem. */
  files: ManifestFile[];
  batch: ExportBatch;
  /** The latest signed checkpoint of the audit trail when the package was made. */
  auditChainHead: SignedCheckpoint;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const WINDOWS_DEVICE_NAMES = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/**
 * Why `name` cannot be a file or package name on a removable drive, or null when it can. Names are
 * kept to letters, digits, dot, dash and underscore so that they mean the same on FAT, exFAT, NTFS,
 * ext4 and APFS, need no quoting in a shell, and cannot reach outside the package folder.
 */
export function portableNameProblem(name: string): string | null {
  if (name.length === 0) return 'is empty';
  if (name.length > 200) return 'is longer than 200 characters';
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name))
    return 'may hold only letters A–Z, digits, ".", "-" and "_", and must start with a letter or digit';
  if (name.endsWith('.')) return 'may not end with "."';
  if (WINDOWS_DEVICE_NAMES.test(name)) return 'is a device name on Windows';
  return null;
}

/** A fingerprint as people write it (any case, spaces or colons between groups) → 64 lowercase hex, or null. */
export function normalizeFingerprint(text: string): string | null {
  const hex = text.replace(/[\s:]/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? hex : null;
}

/** `sha256sum -c` input: "<hash>  <name>" per line (two spaces: text mode, same bytes on every OS here). */
export function checksumsText(files: readonly ManifestFile[]): string {
  return files.map((file) => `${file.sha256}  ${file.name}\n`).join('');
}

/**
 * The exact bytes of manifest.json: indented JSON with one file per line, so that
 * `grep SHA256SUMS manifest.json` shows a file's hash beside its name. The signature covers these
 * bytes as they are; verifiers never re-serialize.
 */
export function manifestBytes(manifest: ExportManifest): Buffer {
  const entries = Object.entries(manifest).map(([key, value]) => {
    const text =
      key === 'files'
        ? `[\n${(value as ManifestFile[])
            .map(
              (file) =>
                `    {"name": ${JSON.stringify(file.name)}, "size": ${file.size}, "sha256": ${JSON.stringify(file.sha256)}}`,
            )
            .join(',\n')}\n  ]`
        : JSON.stringify(value, null, 2).replace(/\n/g, '\n  ');
    return `  ${JSON.stringify(key)}: ${text}`;
  });
  return Buffer.from(`{\n${entries.join(',\n')}\n}\n`, 'utf8');
}

/** A portable package name for a batch: EBR-<batch number>-<UTC stamp>, e.g. EBR-B-2026-0042-20261102T080000Z. */
export function packageNameFor(batchNumber: string, exportedAtUtc: string): string {
  const batch = batchNumber.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '') || 'batch';
  const stamp = exportedAtUtc.replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '');
  return `EBR-${batch.slice(0, 150)}-${stamp}`;
}
