import { verifyAuditTrail } from '../../core/audit/verifier';
import type { CliIo } from '../io';
import { openFolderFromOptions } from '../open-folder';
import type { ParsedOptions } from '../options';

/** Exit 0 when the whole chain and every checkpoint verify; 1 naming the first broken row. */
export async function verifyAuditCommand(options: ParsedOptions, io: CliIo): Promise<number> {
  const folder = await openFolderFromOptions(options);
  try {
    const report = verifyAuditTrail({
      sqlite: folder.store.sqlite,
      trustedPublicKeys: folder.trustedPublicKeys(),
      headMirror: folder.headMirror(),
      onProgress: io.progress
        ? (checked, total) => io.progress!(total === 0 ? 1 : checked / total, `${checked}/${total} rows`)
        : undefined,
    });
    if (options.json !== undefined) io.out(JSON.stringify(report, null, 2));
    if (report.intact) {
      if (options.json === undefined) {
        io.out(
          `Audit trail intact: ${report.rowsChecked} rows and ${report.checkpointsChecked} signed checkpoints verified; head row ${report.head?.seq ?? 0} ${report.head?.hash ?? ''}`,
        );
      }
      return 0;
    }
    const broken = report.firstBreak!;
    io.err(`AUDIT TRAIL BROKEN at row ${broken.seq} (${broken.kind}): ${broken.message}`);
    io.err(`${report.rowsChecked} rows verified before the break.`);
    return 1;
  } finally {
    folder.store.close();
  }
}
