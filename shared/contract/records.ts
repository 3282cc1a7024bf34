import { z } from 'zod';
import { idField } from './inputs';

/**
 * Records out (P11-10b, A11-4.8, A11-8.1, A11-16): the batch record PDF, its electronic copy, the
 * paper continuation record, and signed export packages. The package machinery lives in
 * electron/core/export; the report types below are the renderer's copy of its reports, kept
 * identical by a compile-time check in electron/core/records/records-service.ts.
 */

/** A generated file handed to the renderer, which offers to save it (like the audit exports). */
export interface RecordFile {
  fileName: string;
  mediaType: 'application/pdf' | 'application/json';
  /** Base64 of the file's bytes. */
  base64: string;
  /** SHA-256 (hex) of the file's bytes. */
  sha256: string;
  byteLength: number;
  /** SHA-256 (hex) of the batch's electronic copy at generation: the PDF prints it in its footer. */
  electronicCopySha256: string;
  /** Pages of a PDF; null for JSON. */
  pageCount: number | null;
}

/** A folder path typed or picked in the shell's folder dialog (the renderer cannot browse folders). */
const folderPathField = z
  .string()
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
    trustedFingerprint: z.string().trim().max(200).optional(),
  })
  .strict();

/** A place an export package can go, as `listExportDestinations` finds it. */
export interface ExportDestinationView {
  path: string;
  label: string;
  kind: 'removable' | 'network' | 'fixed' | 'unknown';
  removable: boolean;
  readOnly: boolean;
  fileSystem: string;
  device: string;
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

/** The offline verifier's report (`ebr verify-export --json` prints the same). */
export interface ExportVerificationReportView {
  directory: string;
  valid: boolean;
  signatureValid: boolean;
  keyFingerprint: string | null;
  trustedFingerprint: string | null;
  keyTrusted: boolean | null;
  chainHeadSignatureValid: boolean | null;
  manifest: {
    format: string;
    packageName: string;
    exportedAtUtc: string;
    applicationVersion: string;
    exporter: { userId: string; username: string; fullName: string };
    terminalId: string;
    keyFingerprint: string;
    batch: { id: string; batchNumber: string; [field: string]: unknown };
    auditChainHead: { checkpointSeq: number; auditSeq: number; auditHash: string; keyId: string };
  } | null;
  files: {
    name: string;
    status: 'intact' | 'changed' | 'missing';
    expected: { size: number; sha256: string };
    actual: { size: number; sha256: string } | null;
  }[];
  unexpectedFiles: string[];
  problems: { kind: ExportProblemKindView; file: string | null; message: string }[];
}

/** The report, and the terminal of this store's register whose key signed the package (the trust anchor). */
export interface ExportVerificationView extends ExportVerificationReportView {
  registeredTerminal: { id: string; name: string; status: string } | null;
}
