import { resolve } from 'node:path';
import { EbrError } from '../../../shared/errors';
import { normalizeFingerprint } from '../../core/export/package-format';
import { verifyExportPackage, type ExportVerificationReport } from '../../core/export/verify-package';
import { formatFingerprint } from '../../core/terminal/terminal-key';
import type { CliIo } from '../io';
import type { ParsedOptions } from '../options';

const PROBLEM_LABELS: Record<string, string> = {
  'file-changed': 'CHANGED',
  'file-missing': 'MISSING',
  'file-unexpected': 'UNEXPECTED',
  'signature-invalid': 'SIGNATURE INVALID',
  'signature-missing': 'SIGNATURE MISSING',
  'key-not-trusted': 'KEY NOT TRUSTED',
  'key-not-in-manifest': 'KEY MISMATCH',
  'public-key-missing': 'KEY MISSING',
  'public-key-invalid': 'KEY INVALID',
  'manifest-missing': 'MANIFEST MISSING',
  'manifest-invalid': 'MANIFEST INVALID',
  'chain-head-invalid': 'CHAIN HEAD INVALID',
};

function printReport(report: ExportVerificationReport, io: CliIo): void {
  const { manifest } = report;
  io.out(`Package ${report.directory}`);
  if (manifest) {
    io.out(`Batch ${manifest.batch.batchNumber} (id ${manifest.batch.id})`);
    io.out(
      `Exported ${manifest.exportedAtUtc} by ${manifest.exporter.fullName} (${manifest.exporter.username}) on terminal ${manifest.terminalId}, EBR Workstation ${manifest.applicationVersion}`,
    );
    io.out(
      `Audit chain head: row ${manifest.auditChainHead.auditSeq} ${manifest.auditChainHead.auditHash} (checkpoint #${manifest.auditChainHead.checkpointSeq}${
        report.chainHeadSignatureValid === null ? ', signed by another terminal key' : ''
      })`,
    );
  }
  const fingerprint =
    report.keyFingerprint === null ? 'unreadable' : formatFingerprint(report.keyFingerprint);
  io.out(`Signature: ${report.signatureValid ? 'valid' : 'INVALID'} (Ed25519, key ${fingerprint})`);
  io.out(
    report.keyTrusted === null
      ? 'Key: not compared with a trusted fingerprint (pass --fingerprint from the terminal register).'
      : `Key: ${report.keyTrusted ? 'matches' : 'DOES NOT MATCH'} the trusted fingerprint.`,
  );
  for (const file of report.files) {
    io.out(
      `${file.status === 'intact' ? 'ok' : file.status.toUpperCase()}  ${file.name} (${file.expected.size} bytes)`,
    );
  }
  for (const problem of report.problems) {
    io.err(`${PROBLEM_LABELS[problem.kind] ?? problem.kind.toUpperCase()}: ${problem.message}`);
  }
  io.out(
    report.valid
      ? `Package verified: ${report.files.length} files intact, signature valid, no file added or removed.`
      : `PACKAGE NOT VERIFIED: ${report.problems.length} problem${report.problems.length === 1 ? '' : 's'}.`,
  );
}

/**
 * `ebr verify-export DIR [--json] [--fingerprint FP]`: needs no database. Exit 0 when the package
 * verifies; 1 naming every file that differs and a bad signature.
 */
export async function verifyExportCommand(
  options: ParsedOptions,
  io: CliIo,
  [directory]: string[],
): Promise<number> {
  const trustedFingerprint = options.fingerprint;
  if (trustedFingerprint !== undefined && normalizeFingerprint(trustedFingerprint) === null) {
    throw new EbrError(
      'VALIDATION_FAILED',
      `--fingerprint must be 64 hexadecimal digits (spaces and colons allowed), not "${trustedFingerprint}".`,
    );
  }
  const report = await verifyExportPackage(resolve(directory!), { trustedFingerprint });
  if (options.json !== undefined) io.out(JSON.stringify(report, null, 2));
  else printReport(report, io);
  return report.valid ? 0 : 1;
}
