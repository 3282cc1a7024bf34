import type Database from 'better-sqlite3-multiple-ciphers';
import type { AuditBreak, AuditVerificationReport } from '../../../shared/contract/audit';
import { keyringOf, verifyWithPublicKey } from '../terminal/terminal-key';
import { auditRowHash, checkpointMessage, GENESIS_HASH, type AuditRowContent } from './chain';
import type { SignedCheckpoint } from './head-mirror';

export interface VerifyAuditOptions {
  sqlite: Database.Database;
  /** Public keys (PEM) that may sign checkpoints; fingerprints are computed here, not trusted. */
  trustedPublicKeys: string[];
  /** The head mirrored beside the database (an outside copy of the last checkpoint). */
  headMirror: SignedCheckpoint | null;
  onProgress?: (checked: number, total: number) => void;
  pageSize?: number;
}

interface StoredRow extends AuditRowContent {
  prevHash: string;
  hash: string;
}

type StoredCheckpoint = SignedCheckpoint;

/** A checkpoint (or the head file) signed by the terminal key its keyId names. */
export function checkpointSignatureValid(keys: Map<string, string>, checkpoint: SignedCheckpoint): boolean {
  const pem = keys.get(checkpoint.keyId);
  return (
    pem !== undefined &&
    verifyWithPublicKey(pem, checkpointMessage(checkpoint), Buffer.from(checkpoint.signature, 'base64'))
  );
}

/**
 * Walks the whole chain in sequence order and names the first row that cannot be trusted:
 * edited rows (hash), deleted or reordered rows (sequence, prev_hash), rows rewritten with
 * recomputed hashes (signed checkpoints), rows appended without a checkpoint, and a cut tail
 * (checkpoints or the mirrored head pointing past the last row).
 */
function* walkAuditTrail(options: VerifyAuditOptions): Generator<void, AuditVerificationReport> {
  const { sqlite, headMirror, onProgress } = options;
  const pageSize = options.pageSize ?? 5000;
  const keys = keyringOf(options.trustedPublicKeys);
  const total = sqlite.prepare('SELECT count(*) FROM audit_trail').pluck().get() as number;
  const rowPage = sqlite.prepare(
    `SELECT seq, at_utc AS atUtc, user_id AS userId, user_name AS userName, terminal_id AS terminalId, action,
            entity_type AS entityType, entity_id AS entityId, old_value AS oldValue, new_value AS newValue, reason,
            prev_hash AS prevHash, hash
     FROM audit_trail WHERE seq > ? ORDER BY seq LIMIT ?`,
  );
  const checkpointPage = sqlite.prepare(
    `SELECT seq AS checkpointSeq, audit_seq AS auditSeq, audit_hash AS auditHash, at_utc AS atUtc,
            terminal_id AS terminalId, key_id AS keyId, signature
     FROM audit_checkpoints WHERE seq > ? ORDER BY seq LIMIT ?`,
  );

  let checkpoints: StoredCheckpoint[] = [];
  let checkpointIndex = 0;
  let lastCheckpointSeq = 0;
  let checkpointsChecked = 0;
  const nextCheckpoint = (): StoredCheckpoint | undefined => {
    if (checkpointIndex >= checkpoints.length) {
      checkpoints = checkpointPage.all(lastCheckpointSeq, pageSize) as StoredCheckpoint[];
      checkpointIndex = 0;
    }
    return checkpoints[checkpointIndex];
  };

  let previous = { seq: 0, hash: GENESIS_HASH };
  let lastTrustedSeq = 0; // rows up to here are covered by a valid checkpoint
  let rowsChecked = 0;
  let mirrorRowHash: string | undefined;
  const report = (firstBreak: AuditBreak | null): AuditVerificationReport => ({
    intact: firstBreak === null,
    rowsChecked,
    checkpointsChecked,
    head: previous.seq === 0 ? null : { seq: previous.seq, hash: previous.hash },
    firstBreak,
  });

  /** Consumes the checkpoints that point at or before `upToSeq`; returns the first problem. */
  const checkCheckpointsUpTo = (
    upToSeq: number,
    rowHashAt: (seq: number) => string | undefined,
  ): AuditBreak | null => {
    for (
      let checkpoint = nextCheckpoint();
      checkpoint && checkpoint.auditSeq <= upToSeq;
      checkpoint = nextCheckpoint()
    ) {
      checkpointsChecked += 1;
      const firstUntrusted = lastTrustedSeq + 1;
      if (checkpoint.checkpointSeq !== lastCheckpointSeq + 1) {
        return {
          kind: 'checkpoint-mismatch',
          seq: firstUntrusted,
          message: `Checkpoint #${lastCheckpointSeq + 1} is missing: the rows it covered cannot be trusted.`,
        };
      }
      if (!checkpointSignatureValid(keys, checkpoint)) {
        return {
          kind: 'checkpoint-signature-invalid',
          seq: firstUntrusted,
          message: `Checkpoint #${checkpoint.checkpointSeq} (row ${checkpoint.auditSeq}) has no valid terminal signature.`,
        };
      }
      if (rowHashAt(checkpoint.auditSeq) !== checkpoint.auditHash) {
        return {
          kind: 'checkpoint-mismatch',
          seq: firstUntrusted,
          message: `Row ${checkpoint.auditSeq} differs from the hash signed in checkpoint #${checkpoint.checkpointSeq}: rows ${firstUntrusted}–${checkpoint.auditSeq} were rewritten.`,
        };
      }
      lastTrustedSeq = checkpoint.auditSeq;
      lastCheckpointSeq = checkpoint.checkpointSeq;
      checkpointIndex += 1;
    }
    return null;
  };

  for (;;) {
    const rows = rowPage.all(previous.seq, pageSize) as StoredRow[];
    if (rows.length === 0) break;
    const hashes = new Map<number, string>();
    for (const row of rows) {
      const expectedSeq = previous.seq + 1;
      if (row.seq !== expectedSeq) {
        return report({
          kind: 'sequence-gap',
          seq: expectedSeq,
          message: `Row ${expectedSeq} is missing: the next row present is ${row.seq}.`,
        });
      }
      if (row.prevHash !== previous.hash) {
        return report({
          kind: 'prev-hash-mismatch',
          seq: row.seq,
          message: `Row ${row.seq} does not follow row ${previous.seq} (prev_hash differs): rows were removed, inserted or reordered.`,
        });
      }
      if (auditRowHash(row.prevHash, row) !== row.hash) {
        return report({
          kind: 'hash-mismatch',
          seq: row.seq,
          message: `Row ${row.seq} does not match its hash: its content was altered.`,
        });
      }
      hashes.set(row.seq, row.hash);
      if (headMirror && row.seq === headMirror.auditSeq) mirrorRowHash = row.hash;
      previous = { seq: row.seq, hash: row.hash };
      rowsChecked += 1;
    }
    const checkpointBreak = checkCheckpointsUpTo(previous.seq, (seq) => hashes.get(seq));
    if (checkpointBreak) return report(checkpointBreak);
    onProgress?.(rowsChecked, total);
    yield;
  }

  const beyondTail = nextCheckpoint();
  if (beyondTail) {
    return report({
      kind: 'truncated',
      seq: previous.seq + 1,
      message: `Checkpoint #${beyondTail.checkpointSeq} was signed at row ${beyondTail.auditSeq}, but the audit trail ends at row ${previous.seq}: rows were removed from the end.`,
    });
  }
  if (headMirror) {
    if (!checkpointSignatureValid(keys, headMirror)) {
      return report({
        kind: 'checkpoint-signature-invalid',
        seq: Math.min(headMirror.auditSeq, previous.seq + 1),
        message: 'The audit head file beside the database has no valid terminal signature.',
      });
    }
    if (headMirror.auditSeq > previous.seq) {
      return report({
        kind: 'truncated',
        seq: previous.seq + 1,
        message: `The audit head file records row ${headMirror.auditSeq}, but the audit trail ends at row ${previous.seq}: rows were removed from the end.`,
      });
    }
    if (mirrorRowHash !== headMirror.auditHash) {
      return report({
        kind: 'checkpoint-mismatch',
        seq: headMirror.auditSeq,
        message: `Row ${headMirror.auditSeq} differs from the hash in the audit head file: the trail was rewritten.`,
      });
    }
  }
  if (previous.seq > lastTrustedSeq) {
    return report({
      kind: 'unsigned-tail',
      seq: lastTrustedSeq + 1,
      message: `Rows ${lastTrustedSeq + 1}–${previous.seq} are not covered by any signed checkpoint: they were added outside the application.`,
    });
  }
  return report(null);
}

export function verifyAuditTrail(options: VerifyAuditOptions): AuditVerificationReport {
  const walk = walkAuditTrail(options);
  for (;;) {
    const step = walk.next();
    if (step.done) return step.value;
  }
}

/** The same walk, giving the event loop a turn after each page so progress reaches the window. */
export async function verifyAuditTrailInSteps(options: VerifyAuditOptions): Promise<AuditVerificationReport> {
  const walk = walkAuditTrail(options);
  for (;;) {
    const step = walk.next();
    if (step.done) return step.value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}
