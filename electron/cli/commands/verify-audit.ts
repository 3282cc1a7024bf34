import { verifyAuditTrail } from '../../core/audit/verifier';
import { createSignedRecords } from '../../core/signatures/signed-records';
import { verifyAllSignatures } from '../../core/signatures/signature-verification';
import type { CliIo } from '../io';
import { openFolderFromOptions } from '../open-folder';
import type { ParsedOptions } from '../options';

/**
 * Exit 0 when the whole chain, every checkpoint and every electronic signature verify; 1 naming
 * the first broken row and every invalid signature.
 */
export async function verifyAuditCommand(options: ParsedOptions, io: CliIo): Promise<number> {
  const folder = await openFolderFromOptions(options);
  try {
    const { sqlite } = folder.store;
    const report = verifyAuditTrail({
      sqlite,
      trustedPublicKeys: folder.trustedPublicKeys(),
      headMirror: folder.headMirror(),
      onProgress: io.progress
        ? (checked, total) => io.progress!(total === 0 ? 1 : checked / total, `${checked}/${total} rows`)
        : undefined,
    });
    const signatures = verifyAllSignatures(sqlite, createSignedRecords(sqlite), folder.trustedPublicKeys());
    if (options.json !== undefined) io.out(JSON.stringify({ ...report, signatures }, null, 2));
    else if (report.intact) {
      io.out(
        `Audit trail intact: ${report.rowsChecked} rows and ${report.checkpointsChecked} signed checkpoints verified; head row ${report.head?.seq ?? 0} ${report.head?.hash ?? ''}`,
      );
    }
    if (options.json === undefined)
      io.out(`Signatures: ${signatures.valid} valid, ${signatures.invalid.length} invalid`);
    for (const invalid of signatures.invalid) {
      io.err(
        `INVALID SIGNATURE ${invalid.id} on ${invalid.record.type} ${invalid.record.id}: ${invalid.problem}`,
      );
    }
    if (!report.intact) {
      const broken = report.firstBreak!;
      io.err(`AUDIT TRAIL BROKEN at row ${broken.seq} (${broken.kind}): ${broken.message}`);
      io.err(`${report.rowsChecked} rows verified before the break.`);
    }
    return report.intact && signatures.invalid.length === 0 ? 0 : 1;
  } finally {
    folder.store.close();
  }
}
