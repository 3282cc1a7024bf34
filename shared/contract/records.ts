import { z } from 'zod';
import { safeText } from '../text/safe-text';
import { idField } from './inputs';

/**
 * Records out (P11-10b, A11-4.8, A11-8.1, A11-16): the batch record PDF, its electronic copy, the
 * paper continuation record, and signed export packages. The package machinery lives in
 * electron/core/export; the destination and verification report types are defined here, once, and
 * electron/core/export uses them (shared cannot import electron).
 */

/** A generated file handed to the renderer, which offers to save it (like the audit exports). */
export interface RecordFile {
  fileName: string;
  mediaType: 'application/pdf' | 'application/json' | 'application/xml';
  /** Base64 of the file's bytes. */
  base64: string;
  /** SHA-256 (hex) of the file's bytes. */
  sha256: string;
  byteLength: number;
  /** SHA-256 (hex) of the batch's electronic copy at generation: the PDF prints it in its footer. */
  electronicCopySha256: string;
  /** Pages of a PDF; null for JSON and XML. */
  pageCount: number | null;
}

/** A folder path typed or picked in the shell's folder dialog (the renderer cannot browse folders). */
const folderPathField = safeText()
  .trim()
  .min(1, 'Choose a folder.')
  .max(4096, 'The folder path is too long.')
  .refine((path) => !path.includes('\u0000'), 'The folder path contains a NUL character.');

export const batchRecordInput = z.object({ batchId: idField }).strict();

export const exportWriteInput = z
  .object({
    batchIds: z
      .array(idField)
      .min(1, 'Choose at least one batch.')
      .max(50, 'Export at most 50 batches at a time.')
      .refine((ids) => new Set(ids).size === ids.length, 'A batch is chosen twice.'),
    destinationDir: folderPathField,
  })
  .strict();

export const exportVerifyInput = z
  .object({
    directory: folderPathField,
    /** The fingerprint to trust (from the terminal register); any case, spaces or colons. */
    trustedFingerprint: safeText().trim().max(200).optional(),
  })
  .strict();

/** A place an export package can be written to, as `listExportDestinations` finds it for the picker. */
export interface ExportDestinationView {
  /** The mount point or drive root. */
  path: string;
  /** What to show: the volume name, or the mount point's last part. */
  label: string;
  kind: 'removable' | 'network' | 'fixed' | 'unknown';
  removable: boolean;
  readOnly: boolean;
  fileSystem: string;
  /** The block device, share or drive letter behind it. */
  device: string;
  /** Null when the file system did not answer in time. */
  freeBytes: number | null;
  totalBytes: number | null;
}

/** One package written by `exports.write`. */
export interface ExportedPackageView {
  batchId: string;
  batchNumber: string;
  packageName: string;
  directory: string;
  /** SHA-256 of manifest.json, as the `batch.exported` audit row records it. */
  manifestSha256: string;
  electronicCopySha256: string;
  files: { name: string; size: number; sha256: string }[];
  totalBytes: number;
}

export interface ExportWriteResult {
  packages: ExportedPackageView[];
}

/** Progress of `exports.write`, sent to the window that asked. */
export interface ExportProgressEvent {
  /** 1-based: which batch of how many. */
  batchIndex: number;
  batchCount: number;
  batchNumber: string;
  /** Steps of this batch's package done of total (composing the record counts as the first). */
  done: number;
  total: number;
  label: string;
}

export type ExportProblemKindView =
  | 'manifest-missing'
  | 'manifest-invalid'
  | 'signature-missing'
  | 'signature-invalid'
  | 'public-key-missing'
  | 'public-key-invalid'
  | 'key-not-in-manifest'
  | 'key-not-trusted'
  | 'chain-head-invalid'
  | 'file-changed'
  | 'file-missing'
  | 'file-unexpected';

export interface ExportProblemView {
  kind: ExportProblemKindView;
  /** The file concerned, when there is one. */
  file: string | null;
  message: string;
}

export interface ExportFileCheckView {
  name: string;
  status: 'intact' | 'changed' | 'missing';
  expected: { size: number; sha256: string };
  /** What is on disk now; null when missing or not a regular file. */
  actual: { size: number; sha256: string } | null;
}

/** The batch as an export manifest names it. */
export interface ExportBatchView {
  id: string;
  batchNumber: string;
  [field: string]: unknown;
}

/** Who made an export package, as its manifest names them. */
export interface ExportExporterView {
  userId: string;
  username: string;
  fullName: string;
}

/** What the manifest says, for the report; null when it cannot be read. */
export interface ManifestSummaryView {
  format: string;
  packageName: string;
  exportedAtUtc: string;
  applicationVersion: string;
  exporter: ExportExporterView;
  terminalId: string;
  keyFingerprint: string;
  batch: ExportBatchView;
  auditChainHead: { checkpointSeq: number; auditSeq: number; auditHash: string; keyId: string };
}

/** The offline verifier's report (`ebr verify-export --json` prints the same). */
export interface ExportVerificationReportView {
  directory: string;
  /** True when there is no problem at all. */
  valid: boolean;
  /** manifest.sig is a valid Ed25519 signature of the exact bytes of manifest.json by public-key.pem. */
  signatureValid: boolean;
  /** Fingerprint of public-key.pem (SHA-256 of the raw key, hex); null when it cannot be read. */
  keyFingerprint: string | null;
  /** The fingerprint the caller trusts, normalized; null when none was given. */
  trustedFingerprint: string | null;
  /** Whether public-key.pem is the trusted key; null when no trusted fingerprint was given. */
  keyTrusted: boolean | null;
  /** The audit chain head's own signature; null when signed by another key than public-key.pem. */
  chainHeadSignatureValid: boolean | null;
  manifest: ManifestSummaryView | null;
  files: ExportFileCheckView[];
  unexpectedFiles: string[];
  problems: ExportProblemView[];
}

/** The report, and the terminal of this store's register whose key signed the package (the trust anchor). */
export interface ExportVerificationView extends ExportVerificationReportView {
  registeredTerminal: { id: string; name: string; status: string } | null;
}

/** An export package written at this store (from its `batch.exported` audit row), newest first. */
export interface RecentExportView {
  batchNumber: string;
  packageName: string;
  directory: string;
  exportedByName: string;
  atUtc: string;
}
