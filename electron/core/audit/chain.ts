import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../shared/canonical-json';

/** prev_hash of the first row. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an audit row that its hash covers (everything but prev_hash and hash). */
export interface AuditRowContent {
  seq: number;
  atUtc: string;
  userId: string | null;
  userName: string | null;
  terminalId: string;
  action: string;
  entityType: string;
  entityId: string;
  oldValue: string | null;
  newValue: string | null;
  reason: string | null;
}

/** The RFC 8785 JSON of exactly the fields a row's hash covers (a stored row carries more). */
export function auditRowCanonicalJson(row: AuditRowContent): string {
  const content: AuditRowContent = {
    seq: row.seq,
    atUtc: row.atUtc,
    userId: row.userId,
    userName: row.userName,
    terminalId: row.terminalId,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    oldValue: row.oldValue,
    newValue: row.newValue,
    reason: row.reason,
  };
  return canonicalJson(content);
}

/**
 * hash = SHA-256( prev_hash as 64 lowercase hex characters ‖ RFC 8785 JSON of the row content ),
 * both as UTF-8: reproducible with `printf '%s%s' "$prev" "$json" | sha256sum`.
 */
export function auditRowHash(prevHash: string, row: AuditRowContent): string {
  return createHash('sha256')
    .update(prevHash, 'utf8')
    .update(auditRowCanonicalJson(row), 'utf8')
    .digest('hex');
}

/** What a checkpoint signature covers. */
export interface CheckpointContent {
  auditSeq: number;
  auditHash: string;
  atUtc: string;
  terminalId: string;
  keyId: string;
}

export function checkpointMessage(checkpoint: CheckpointContent): Buffer {
  return Buffer.from(
    canonicalJson({
      auditSeq: checkpoint.auditSeq,
      auditHash: checkpoint.auditHash,
      atUtc: checkpoint.atUtc,
      terminalId: checkpoint.terminalId,
      keyId: checkpoint.keyId,
    }),
    'utf8',
  );
}
