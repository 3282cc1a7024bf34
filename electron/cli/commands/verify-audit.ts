import { verifyAuditTrail } from '../../core/audit/verifier';
import { createSignedRecords } from '../../core/signed-record-readers';
import { verifyAllSignatures } from '../../core/signatures/signature-verification';
import { acceptMissingHead } from '../accept-missing-head';
import { describeFinding } from '../../core/audit/anchor-check';
import { checkAgainst, folderPosition, headFileMissing, type AgainstResult } from '../folder-position';
import type { CliIo } from '../io';
import { openFolderFromOptions } from '../open-folder';
import type { ParsedOptions } from '../options';

/**
 * Exit 0 when the whole chain, every checkpoint and every electronic signature verify, and the
 * folder is not behind any copy of its head kept elsewhere (head file, anchors outside the folder,
 * the backup or export package given with --against); 1 naming the first broken row, each invalid
 * signature, a rollback with both positions, or a missing head file or anchor (unless accepted
 * with --accept-missing-head, audited).
 */
export async function verifyAuditCommand(options: ParsedOptions, io: CliIo): Promise<number> {
  const folder = await openFolderFromOptions(options);
  try {
    const { sqlite } = folder.store;
    // Read before the walk: a running application may append meanwhile, never take away.
    const position = await folderPosition(folder, folder.keyProvider);
    const against: AgainstResult | null = options.against ? checkAgainst(folder, options.against) : null;
    const report = verifyAuditTrail({
      sqlite,
      trustedPublicKeys: folder.trustedPublicKeys(),
      headMirror: folder.headMirror(),
      onProgress: io.progress
        ? (checked, total) => io.progress!(total === 0 ? 1 : checked / total, `${checked}/${total} rows`)
        : undefined,
    });
    const signatures = verifyAllSignatures(sqlite, createSignedRecords(sqlite), folder.trustedPublicKeys());
    const missingCopies = position.headFileMissing || position.lostAnchors.length > 0;
    let acceptance: Awaited<ReturnType<typeof acceptMissingHead>> | null = null;
    if (missingCopies && options['accept-missing-head'] !== undefined && report.intact && !position.rollback)
      acceptance = await acceptMissingHead(folder, position, options.reason);

    if (options.json !== undefined) {
      io.out(
        JSON.stringify(
          {
            ...report,
            signatures,
            headFile: position.headFileMissing ? 'missing' : 'present',
            anchors: position.anchors,
            rolledBack: position.rollback !== undefined,
            against,
            acceptedMissingHead: acceptance,
          },
          null,
          2,
        ),
      );
    } else {
      if (report.intact) {
        io.out(
          `Audit trail intact: ${report.rowsChecked} rows and ${report.checkpointsChecked} signed checkpoints verified; head row ${report.head?.seq ?? 0} ${report.head?.hash ?? ''}`,
        );
      }
      io.out(`Signatures: ${signatures.valid} valid, ${signatures.invalid.length} invalid`);
      if (!position.rollback && !missingCopies) io.out(position.anchors.map(describeFinding).join(' '));
      if (against?.ok) io.out(against.message);
      if (acceptance) {
        io.out(
          `Accepted the database's own signed head (row ${position.headSeq}) in place of ${acceptance.accepted.join(' and ')}; audited as row ${acceptance.auditSeq}, and recreated.`,
        );
      }
    }
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
    if (position.rollback) io.err(`ROLLED BACK: ${describeFinding(position.rollback)}`);
    if (against && !against.ok) io.err(`BEHIND ${against.what.toUpperCase()}: ${against.message}`);
    if (missingCopies && !acceptance) {
      if (position.headFileMissing) io.err(`MISSING HEAD: ${headFileMissing(folder.mirrorFile)}`);
      for (const lost of position.lostAnchors) io.err(`MISSING HEAD: ${describeFinding(lost)}`);
      io.err(
        'If the database is the copy to trust, say so with --accept-missing-head --reason TEXT (audited); otherwise call QA.',
      );
    }
    const failed =
      !report.intact ||
      signatures.invalid.length > 0 ||
      position.rollback !== undefined ||
      (against !== null && !against.ok) ||
      (missingCopies && !acceptance);
    return failed ? 1 : 0;
  } finally {
    folder.store.close();
  }
}
