import { auditRowHash, checkpointMessage, GENESIS_HASH } from '../core/audit/chain';
import { signedPayload, type StoredSignature } from '../core/signatures/signature-verification';
import { verifyWithPublicKey } from '../core/terminal/terminal-key';
import type {
  BreakReason,
  UploadBreak,
  UploadRequest,
  WireAuditRow,
  WireCheckpoint,
  WireSignature,
} from '../core/plant/wire';

/** A key the node's store signs with, as registered at enrolment. */
export interface NodeKey {
  terminalId: string;
  fingerprint: string;
  publicKeyPem: string;
}

/** What the server already holds of the node's log, for the range the upload touches. */
export interface StoredLogState {
  ackSeq: number;
  ackHash: string | null;
  ackCheckpointSeq: number;
  /** Hashes of stored entries the upload repeats (seq → hash). */
  storedHashes: Map<number, string>;
  /** Signatures of stored checkpoints the upload repeats (checkpointSeq → signature). */
  storedCheckpoints: Map<number, string>;
  /** Signatures of stored signature rows the upload repeats (id → signature). */
  storedSignatures: Map<string, string>;
}

export interface VerifiedUpload {
  entries: WireAuditRow[];
  checkpoints: WireCheckpoint[];
  signatures: WireSignature[];
  alreadyStored: number;
}

class Refusal extends Error {
  constructor(
    readonly reason: BreakReason,
    readonly seq: number | null,
    message: string,
  ) {
    super(message);
  }
}

function refuse(reason: BreakReason, seq: number | null, message: string): never {
  throw new Refusal(reason, seq, message);
}

function keyFor(
  keys: Map<string, NodeKey>,
  keyId: string,
  what: string,
  terminalId: string,
  seq: number,
): NodeKey {
  const key = keys.get(keyId);
  if (!key)
    refuse(
      'unknown-key',
      seq,
      `${what} is signed by key ${keyId.slice(0, 16)}…, which this node did not enrol.`,
    );
  if (key.terminalId !== terminalId)
    refuse(
      'wrong-terminal',
      seq,
      `${what} names terminal ${terminalId}, but its key belongs to terminal ${key.terminalId}.`,
    );
  return key;
}

/** Repeated entries must be the ones already stored; a different one at the same sequence is a fork. */
function splitRepeatedEntries(upload: UploadRequest, state: StoredLogState): WireAuditRow[] {
  const fresh: WireAuditRow[] = [];
  for (const entry of upload.entries) {
    if (entry.seq > state.ackSeq) {
      fresh.push(entry);
      continue;
    }
    if (state.storedHashes.get(entry.seq) !== entry.hash)
      refuse(
        'fork',
        entry.seq,
        `Entry ${entry.seq} differs from the entry ${entry.seq} the server already holds for this node: the log forked.`,
      );
  }
  return fresh;
}

function verifyEntries(
  entries: WireAuditRow[],
  state: StoredLogState,
  terminalIds: Set<string>,
): Map<number, WireAuditRow> {
  const bySeq = new Map<number, WireAuditRow>();
  let previous = { seq: state.ackSeq, hash: state.ackHash ?? GENESIS_HASH };
  for (const entry of entries) {
    if (entry.seq !== previous.seq + 1)
      refuse(
        'gap',
        previous.seq + 1,
        `Entry ${previous.seq + 1} is missing: the upload continues with entry ${entry.seq}.`,
      );
    if (entry.prevHash !== previous.hash) {
      if (entry.seq === state.ackSeq + 1 && state.ackSeq > 0)
        refuse(
          'fork',
          entry.seq,
          `Entry ${entry.seq} does not follow the acknowledged entry ${state.ackSeq} (prev_hash differs): the log forked.`,
        );
      refuse(
        'prev-hash-mismatch',
        entry.seq,
        `Entry ${entry.seq} does not follow entry ${previous.seq} (prev_hash differs).`,
      );
    }
    if (!terminalIds.has(entry.terminalId))
      refuse(
        'wrong-terminal',
        entry.seq,
        `Entry ${entry.seq} names terminal ${entry.terminalId}, which is not this node's.`,
      );
    if (auditRowHash(entry.prevHash, entry) !== entry.hash)
      refuse(
        'hash-mismatch',
        entry.seq,
        `Entry ${entry.seq} does not match its hash: its content was altered.`,
      );
    bySeq.set(entry.seq, entry);
    previous = { seq: entry.seq, hash: entry.hash };
  }
  return bySeq;
}

function verifyCheckpoints(
  upload: UploadRequest,
  state: StoredLogState,
  fresh: Map<number, WireAuditRow>,
  lastSeq: number,
  keys: Map<string, NodeKey>,
): { checkpoints: WireCheckpoint[]; repeated: number } {
  const checkpoints: WireCheckpoint[] = [];
  let repeated = 0;
  let expected = state.ackCheckpointSeq + 1;
  let coveredUpTo = state.ackSeq;
  for (const checkpoint of upload.checkpoints) {
    if (checkpoint.checkpointSeq <= state.ackCheckpointSeq) {
      if (state.storedCheckpoints.get(checkpoint.checkpointSeq) !== checkpoint.signature)
        refuse(
          'fork',
          checkpoint.auditSeq,
          `Checkpoint #${checkpoint.checkpointSeq} differs from the one the server already holds: the log forked.`,
        );
      repeated++;
      continue;
    }
    if (checkpoint.checkpointSeq !== expected)
      refuse(
        'checkpoint-gap',
        checkpoint.auditSeq,
        `Checkpoint #${expected} is missing: the upload continues with checkpoint #${checkpoint.checkpointSeq}.`,
      );
    const key = keyFor(
      keys,
      checkpoint.keyId,
      `Checkpoint #${checkpoint.checkpointSeq}`,
      checkpoint.terminalId,
      checkpoint.auditSeq,
    );
    if (
      !verifyWithPublicKey(
        key.publicKeyPem,
        checkpointMessage(checkpoint),
        Buffer.from(checkpoint.signature, 'base64'),
      )
    )
      refuse(
        'checkpoint-signature-invalid',
        checkpoint.auditSeq,
        `Checkpoint #${checkpoint.checkpointSeq} (entry ${checkpoint.auditSeq}) has no valid signature by the node's key.`,
      );
    const entry = fresh.get(checkpoint.auditSeq);
    if (checkpoint.auditSeq < coveredUpTo || !entry || entry.hash !== checkpoint.auditHash)
      refuse(
        'checkpoint-mismatch',
        checkpoint.auditSeq,
        `Checkpoint #${checkpoint.checkpointSeq} signs entry ${checkpoint.auditSeq} with a hash the uploaded entry does not have: entries were rewritten.`,
      );
    coveredUpTo = checkpoint.auditSeq;
    checkpoints.push(checkpoint);
    expected++;
  }
  if (lastSeq > coveredUpTo)
    refuse(
      'unsigned-tail',
      coveredUpTo + 1,
      `Entries ${coveredUpTo + 1}–${lastSeq} are not covered by a signed checkpoint in the upload.`,
    );
  return { checkpoints, repeated };
}

/** Each signature row is signed by a node key and anchored by its "signature.applied" entry. */
function verifySignatures(
  upload: UploadRequest,
  state: StoredLogState,
  fresh: Map<number, WireAuditRow>,
  keys: Map<string, NodeKey>,
): { signatures: WireSignature[]; repeated: number } {
  const signatures: WireSignature[] = [];
  let repeated = 0;
  const anchored = new Set<string>();
  for (const signature of upload.signatures) {
    const stored = state.storedSignatures.get(signature.id);
    if (stored !== undefined) {
      if (stored !== signature.signature)
        refuse(
          'fork',
          signature.auditSeq,
          `Signature ${signature.id} differs from the one the server already holds.`,
        );
      repeated++;
      continue;
    }
    const key = keyFor(
      keys,
      signature.keyId,
      `Signature ${signature.id}`,
      signature.terminalId,
      signature.auditSeq,
    );
    const { auditSeq: _auditSeq, ...row } = signature;
    const unsigned: Omit<StoredSignature, 'signature'> = {
      ...row,
      meaning: row.meaning as StoredSignature['meaning'],
    };
    if (
      !verifyWithPublicKey(
        key.publicKeyPem,
        signedPayload(unsigned),
        Buffer.from(signature.signature, 'base64'),
      )
    )
      refuse(
        'signature-invalid',
        signature.auditSeq,
        `Signature ${signature.id} on ${signature.recordType} ${signature.recordId} has no valid signature by the node's key.`,
      );
    const entry = fresh.get(signature.auditSeq);
    const recorded =
      entry?.action === 'signature.applied' && entry.newValue
        ? (JSON.parse(entry.newValue) as { signatureId?: string; contentHash?: string })
        : undefined;
    if (
      !entry ||
      recorded?.signatureId !== signature.id ||
      recorded.contentHash !== signature.contentHash ||
      entry.entityType !== signature.recordType ||
      entry.entityId !== signature.recordId
    )
      refuse(
        'signature-unanchored',
        signature.auditSeq,
        `Signature ${signature.id} is not the one entry ${signature.auditSeq} records.`,
      );
    anchored.add(signature.id);
    signatures.push(signature);
  }
  for (const entry of fresh.values()) {
    if (entry.action !== 'signature.applied' || !entry.newValue) continue;
    const { signatureId } = JSON.parse(entry.newValue) as { signatureId?: string };
    if (signatureId && !anchored.has(signatureId))
      refuse(
        'signature-unanchored',
        entry.seq,
        `Entry ${entry.seq} records signature ${signatureId}, which the upload does not carry.`,
      );
  }
  return { signatures, repeated };
}

/**
 * Checks an upload against what the server holds BEFORE anything is stored: continuity from the
 * acknowledged head, every hash, every checkpoint signature with the node's enrolled keys, every
 * signature row. Returns what is new, or the first break.
 */
export function verifyUpload(
  upload: UploadRequest,
  state: StoredLogState,
  keys: Map<string, NodeKey>,
): { ok: true; upload: VerifiedUpload } | { ok: false; break: UploadBreak } {
  try {
    const terminalIds = new Set([...keys.values()].map((key) => key.terminalId));
    const freshEntries = splitRepeatedEntries(upload, state);
    const fresh = verifyEntries(freshEntries, state, terminalIds);
    const lastSeq = freshEntries.at(-1)?.seq ?? state.ackSeq;
    const checkpoints = verifyCheckpoints(upload, state, fresh, lastSeq, keys);
    const signatures = verifySignatures(upload, state, fresh, keys);
    return {
      ok: true,
      upload: {
        entries: freshEntries,
        checkpoints: checkpoints.checkpoints,
        signatures: signatures.signatures,
        alreadyStored: upload.entries.length - freshEntries.length,
      },
    };
  } catch (error) {
    if (error instanceof Refusal)
      return { ok: false, break: { reason: error.reason, seq: error.seq, message: error.message } };
    throw error;
  }
}
