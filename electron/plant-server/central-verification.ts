import { auditRowHash, checkpointMessage, GENESIS_HASH, type AuditRowContent } from '../core/audit/chain';
import { signedPayload, type StoredSignature } from '../core/signatures/signature-verification';
import { verifyWithPublicKey } from '../core/terminal/terminal-key';
import type { PlantDatabase } from './database';
import { nodeKeysOf } from './ingest';

export interface NodeBreak {
  kind:
    | 'gap'
    | 'prev-hash-mismatch'
    | 'hash-mismatch'
    | 'checkpoint-gap'
    | 'checkpoint-signature-invalid'
    | 'checkpoint-mismatch'
    | 'unsigned-tail'
    | 'truncated'
    | 'signature-invalid';
  seq: number;
  message: string;
}

export interface NodeVerification {
  nodeId: string;
  name: string;
  entries: number;
  checkpoints: number;
  signatures: number;
  intact: boolean;
  firstBreak: NodeBreak | null;
}

interface EntryRow extends AuditRowContent {
  prevHash: string;
  hash: string;
}

interface CheckpointRow {
  checkpointSeq: number;
  auditSeq: number;
  auditHash: string;
  atUtc: string;
  terminalId: string;
  keyId: string;
  signature: string;
}

const PAGE = 5000;

/**
 * Walks one node's stored log from entry 1 in sequence order, the same checks as at upload,
 * against the rows as they are now: catches what a superuser changed with the triggers off.
 * A deleted tail is caught by the uploads register (itself append-only), which records the
 * last entry of every accepted upload.
 */
export async function verifyNode(
  database: PlantDatabase,
  nodeId: string,
  name: string,
): Promise<NodeVerification> {
  const { pool } = database;
  const keys = await nodeKeysOf(database.db, nodeId);
  const result: NodeVerification = {
    nodeId,
    name,
    entries: 0,
    checkpoints: 0,
    signatures: 0,
    intact: true,
    firstBreak: null,
  };
  const broken = (found: NodeBreak) => ({ ...result, intact: false, firstBreak: found });

  const checkpoints = (
    await pool.query<CheckpointRow>(
      `SELECT checkpoint_seq::int AS "checkpointSeq", audit_seq::int AS "auditSeq", audit_hash AS "auditHash", at_utc AS "atUtc",
              terminal_id AS "terminalId", key_id AS "keyId", signature
       FROM log_checkpoints WHERE node_id = $1 ORDER BY checkpoint_seq`,
      [nodeId],
    )
  ).rows;
  const signedAt = new Map<number, CheckpointRow>();
  for (const [index, checkpoint] of checkpoints.entries()) {
    if (checkpoint.checkpointSeq !== index + 1)
      return broken({
        kind: 'checkpoint-gap',
        seq: checkpoint.auditSeq,
        message: `Checkpoint #${index + 1} is missing.`,
      });
    const key = keys.get(checkpoint.keyId);
    if (
      !key ||
      key.terminalId !== checkpoint.terminalId ||
      !verifyWithPublicKey(
        key.publicKeyPem,
        checkpointMessage(checkpoint),
        Buffer.from(checkpoint.signature, 'base64'),
      )
    )
      return broken({
        kind: 'checkpoint-signature-invalid',
        seq: checkpoint.auditSeq,
        message: `Checkpoint #${checkpoint.checkpointSeq} (entry ${checkpoint.auditSeq}) has no valid signature by the node's keys.`,
      });
    signedAt.set(checkpoint.auditSeq, checkpoint);
    result.checkpoints++;
  }

  let previous = { seq: 0, hash: GENESIS_HASH };
  for (;;) {
    const { rows } = await pool.query<EntryRow>(
      `SELECT seq::int AS seq, at_utc AS "atUtc", user_id AS "userId", user_name AS "userName", terminal_id AS "terminalId", action,
              entity_type AS "entityType", entity_id AS "entityId", old_value AS "oldValue", new_value AS "newValue", reason,
              prev_hash AS "prevHash", hash
       FROM log_entries WHERE node_id = $1 AND seq > $2 ORDER BY seq LIMIT ${PAGE}`,
      [nodeId, previous.seq],
    );
    if (rows.length === 0) break;
    for (const row of rows) {
      if (row.seq !== previous.seq + 1)
        return broken({
          kind: 'gap',
          seq: previous.seq + 1,
          message: `Entry ${previous.seq + 1} is missing: the next entry held is ${row.seq}.`,
        });
      if (row.prevHash !== previous.hash)
        return broken({
          kind: 'prev-hash-mismatch',
          seq: row.seq,
          message: `Entry ${row.seq} does not follow entry ${previous.seq} (prev_hash differs).`,
        });
      if (auditRowHash(row.prevHash, row) !== row.hash)
        return broken({
          kind: 'hash-mismatch',
          seq: row.seq,
          message: `Entry ${row.seq} does not match its hash: its content was altered.`,
        });
      const checkpoint = signedAt.get(row.seq);
      if (checkpoint && checkpoint.auditHash !== row.hash)
        return broken({
          kind: 'checkpoint-mismatch',
          seq: row.seq,
          message: `Entry ${row.seq} differs from the hash signed in checkpoint #${checkpoint.checkpointSeq}: entries were rewritten.`,
        });
      previous = { seq: row.seq, hash: row.hash };
      result.entries++;
    }
  }
  const lastCheckpoint = checkpoints.at(-1);
  if (lastCheckpoint && lastCheckpoint.auditSeq > previous.seq)
    return broken({
      kind: 'truncated',
      seq: previous.seq + 1,
      message: `Checkpoint #${lastCheckpoint.checkpointSeq} signs entry ${lastCheckpoint.auditSeq}, but the log held ends at entry ${previous.seq}: entries were removed from the end.`,
    });
  const { rows: acknowledged } = await pool.query<{ last: number | null }>(
    'SELECT max(last_seq)::int AS last FROM uploads WHERE node_id = $1',
    [nodeId],
  );
  const lastAcknowledged = acknowledged[0]?.last ?? 0;
  if (lastAcknowledged > previous.seq)
    return broken({
      kind: 'truncated',
      seq: previous.seq + 1,
      message: `Entry ${lastAcknowledged} was acknowledged to the terminal, but the log held ends at entry ${previous.seq}: entries were removed from the end.`,
    });
  if (previous.seq > (lastCheckpoint?.auditSeq ?? 0))
    return broken({
      kind: 'unsigned-tail',
      seq: (lastCheckpoint?.auditSeq ?? 0) + 1,
      message: `Entries ${(lastCheckpoint?.auditSeq ?? 0) + 1}–${previous.seq} are covered by no signed checkpoint.`,
    });

  const { rows: signatures } = await pool.query<StoredSignature & { auditSeq: number }>(
    `SELECT id, record_type AS "recordType", record_id AS "recordId", meaning, signer_user_id AS "signerUserId",
            signer_username AS "signerUsername", signer_name AS "signerName", signed_at_utc AS "signedAtUtc", time_zone AS "timeZone",
            terminal_id AS "terminalId", content_hash AS "contentHash", key_id AS "keyId", signature,
            statement, statement_language AS "statementLanguage", audit_seq::int AS "auditSeq"
     FROM log_signatures WHERE node_id = $1 ORDER BY audit_seq, id`,
    [nodeId],
  );
  for (const { auditSeq, ...signature } of signatures) {
    const key = keys.get(signature.keyId);
    if (
      !key ||
      !verifyWithPublicKey(
        key.publicKeyPem,
        signedPayload(signature),
        Buffer.from(signature.signature, 'base64'),
      )
    )
      return broken({
        kind: 'signature-invalid',
        seq: auditSeq,
        message: `Signature ${signature.id} on ${signature.recordType} ${signature.recordId} has no valid signature by the node's keys.`,
      });
    result.signatures++;
  }
  return result;
}

export async function verifyAllNodes(database: PlantDatabase): Promise<NodeVerification[]> {
  const { rows } = await database.pool.query<{ id: string; name: string }>(
    'SELECT id, name FROM nodes ORDER BY name, id',
  );
  const results: NodeVerification[] = [];
  for (const node of rows) results.push(await verifyNode(database, node.id, node.name));
  return results;
}
