import { hostname, userInfo } from 'node:os';
import { EbrError } from '../../shared/errors';
import { reasonField } from '../../shared/contract/inputs';
import { anchorStoresFor, HeadAnchors } from '../core/audit/anchor-check';
import { AuditTrail } from '../core/audit/audit-trail';
import { systemClock } from '../core/clock';
import { assignFolderId, readFolderId } from '../core/folder-identity';
import type { KeyProvider } from '../core/keys/key-provider';
import type { OpenedDataFolder } from '../core/startup';
import type { FolderPosition } from './folder-position';

/**
 * `ebr verify-audit --accept-missing-head --reason TEXT`: the recovery-key holder declares the
 * database's own signed head the one to trust when the head file or the anchor outside the folder
 * is gone. Audited (who, which copies were missing, the head accepted, why); the head file and the
 * anchors are then written at the new head. Never accepts a rollback: that is not a missing copy.
 */
export async function acceptMissingHead(
  folder: OpenedDataFolder & { dataDir: string; keyProvider: KeyProvider },
  position: FolderPosition,
  reasonText: string | undefined,
): Promise<{ auditSeq: number; accepted: string[] }> {
  const reason = reasonField.safeParse(reasonText ?? '');
  if (!reason.success) {
    throw new EbrError(
      'VALIDATION_FAILED',
      '--accept-missing-head needs a --reason of at least 3 characters: it is audited.',
    );
  }
  const { sqlite } = folder.store;
  let anchors: HeadAnchors | null = null;
  const audit = new AuditTrail({
    sqlite,
    terminalId: folder.terminal.id,
    terminalKey: folder.terminal.key,
    clock: systemClock,
    headMirrorFile: folder.mirrorFile,
    onHeadCommitted: (head) => anchors?.record(head),
  });
  const accepted = [
    ...(position.headFileMissing ? [`the head file ${folder.mirrorFile}`] : []),
    ...position.lostAnchors.map((finding) => `the anchor in ${finding.where}`),
  ];
  const actor = {
    userId: null,
    userName: `recovery-key holder via ebr CLI (${userInfo().username}@${hostname()})`,
  };
  audit.change(actor, ({ record }) => {
    const folderId = readFolderId(sqlite) ?? assignFolderId(sqlite);
    anchors = new HeadAnchors(anchorStoresFor(folder.keyProvider), folderId, folder.dataDir);
    record({
      action: 'audit.missing-head-accepted',
      entityType: 'store',
      entityId: 'store',
      newValue: { acceptedHeadSeq: position.headSeq, missing: accepted, folderId },
      reason: reason.data,
    });
  });
  await (anchors as HeadAnchors | null)?.settled();
  return { auditSeq: audit.head()!.seq, accepted };
}
