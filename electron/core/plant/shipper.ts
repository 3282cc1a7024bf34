import type Database from 'better-sqlite3-multiple-ciphers';
import { EbrError } from '../../../shared/errors';
import { toUtcIso } from '../clock';
import { signatureColumns, type StoredSignature } from '../signatures/signature-verification';
import type { TerminalKey } from '../terminal/terminal-key';
import { serverError } from './enrol';
import { assertServerSigned, plantRequest, type PlantResponse } from './plant-client';
import { readShippingState, writeShippingState, type PlantLink, type ShippingState } from './plant-link';
import type {
  LogHead,
  UploadAccepted,
  UploadRequest,
  WireAuditRow,
  WireCheckpoint,
  WireSignature,
} from './wire';

export interface ShipperDeps {
  dataDir: string;
  sqlite: Database.Database;
  key: TerminalKey;
  link: PlantLink;
  now: () => number;
  /** Entries per upload (extended to the next signed checkpoint). */
  batchSize?: number;
}

export type ShipResult =
  | { ok: true; ackSeq: number; headSeq: number; shipped: number; uploads: number }
  | {
      ok: false;
      ackSeq: number;
      headSeq: number;
      shipped: number;
      reason: string;
      message: string;
      retry: boolean;
    };

const rowColumns = `seq, at_utc AS atUtc, user_id AS userId, user_name AS userName, terminal_id AS terminalId, action,
  entity_type AS entityType, entity_id AS entityId, old_value AS oldValue, new_value AS newValue, reason,
  prev_hash AS prevHash, hash`;

/** The next upload after `ack`: whole transactions only, so every entry travels with its signed checkpoint. */
export function nextUpload(
  sqlite: Database.Database,
  nodeId: string,
  ack: { seq: number; checkpointSeq: number },
  batchSize: number,
): UploadRequest | null {
  const end =
    (sqlite
      .prepare('SELECT min(audit_seq) FROM audit_checkpoints WHERE audit_seq >= ?')
      .pluck()
      .get(ack.seq + batchSize) as number | null) ??
    (sqlite.prepare('SELECT max(audit_seq) FROM audit_checkpoints').pluck().get() as number | null);
  if (end === null || end <= ack.seq) return null;
  const entries = sqlite
    .prepare(`SELECT ${rowColumns} FROM audit_trail WHERE seq > ? AND seq <= ? ORDER BY seq`)
    .all(ack.seq, end) as WireAuditRow[];
  const checkpoints = sqlite
    .prepare(
      `SELECT seq AS checkpointSeq, audit_seq AS auditSeq, audit_hash AS auditHash, at_utc AS atUtc, terminal_id AS terminalId,
              key_id AS keyId, signature FROM audit_checkpoints WHERE seq > ? AND audit_seq <= ? ORDER BY seq`,
    )
    .all(ack.checkpointSeq, end) as WireCheckpoint[];
  const selectSignature = sqlite.prepare(`SELECT ${signatureColumns} FROM signatures WHERE id = ?`);
  const signatures: WireSignature[] = [];
  for (const entry of entries) {
    if (entry.action !== 'signature.applied' || !entry.newValue) continue;
    const { signatureId } = JSON.parse(entry.newValue) as { signatureId?: string };
    const row = signatureId ? (selectSignature.get(signatureId) as StoredSignature | undefined) : undefined;
    if (row) signatures.push({ ...row, auditSeq: entry.seq });
  }
  return { nodeId, entries, checkpoints, signatures };
}

function checked(response: PlantResponse, link: PlantLink): unknown {
  if (response.status !== 200) throw serverError(response.status, response.body);
  assertServerSigned(response, response.requestSignature!, link.serverPublicKeyPem);
  return response.body;
}

/**
 * Ships every signed entry the server has not acknowledged, in batches, and records where it
 * stands. Nothing here changes the terminal's records: a refusal or an unreachable server only
 * leaves the entries to be shipped later.
 */
export async function shipOnce(deps: ShipperDeps): Promise<ShipResult> {
  const { sqlite, link } = deps;
  const batchSize = deps.batchSize ?? 500;
  const state: ShippingState = readShippingState(deps.dataDir);
  const headSeq =
    (sqlite.prepare('SELECT coalesce(max(seq), 0) FROM audit_trail').pluck().get() as number) ?? 0;
  const request = (method: 'GET' | 'POST', path: string, body?: unknown) =>
    plantRequest({
      base: link.serverUrl,
      tls: { certificatePem: link.tlsCertificatePem, fingerprint: link.tlsFingerprint },
      method,
      path,
      body,
      signer: { nodeId: link.nodeId, key: deps.key, now: deps.now },
    });
  let shipped = 0;
  let uploads = 0;
  let ack = { seq: state.ackSeq, checkpointSeq: 0 };
  const finish = (problem: ShippingState['lastProblem']) => {
    const at = toUtcIso(deps.now());
    writeShippingState(deps.dataDir, {
      ackSeq: ack.seq,
      lastShippedAtUtc:
        shipped > 0 || (problem === null && state.lastShippedAtUtc === null) ? at : state.lastShippedAtUtc,
      lastAttemptAtUtc: at,
      lastProblem: problem,
    });
  };
  try {
    const head = checked(await request('GET', `/v1/log/head?headSeq=${headSeq}`), link) as LogHead;
    if (
      head.ackSeq > headSeq ||
      (head.ackSeq > 0 &&
        head.ackHash !==
          sqlite.prepare('SELECT hash FROM audit_trail WHERE seq = ?').pluck().get(head.ackSeq))
    ) {
      throw new EbrError(
        'AUDIT_CHAIN_BROKEN',
        `The plant server holds entry ${head.ackSeq} of this terminal with a hash this terminal does not have: its copy and this log diverge. Call QA.`,
        { reason: 'server-diverged', seq: head.ackSeq },
      );
    }
    ack = { seq: head.ackSeq, checkpointSeq: head.ackCheckpointSeq };
    for (
      let upload = nextUpload(sqlite, link.nodeId, ack, batchSize);
      upload;
      upload = nextUpload(sqlite, link.nodeId, ack, batchSize)
    ) {
      const accepted = checked(
        await request('POST', `/v1/log?headSeq=${headSeq}`, upload),
        link,
      ) as UploadAccepted;
      if (accepted.ackSeq <= ack.seq)
        throw new EbrError('INTERNAL', `The plant server did not advance past entry ${ack.seq}.`);
      shipped += accepted.stored;
      uploads++;
      ack = { seq: accepted.ackSeq, checkpointSeq: accepted.ackCheckpointSeq };
      finish(null);
    }
    finish(null);
    return { ok: true, ackSeq: ack.seq, headSeq, shipped, uploads };
  } catch (error) {
    if (!(error instanceof EbrError)) throw error;
    const reason = typeof error.details?.reason === 'string' ? error.details.reason : error.code;
    finish({ reason, message: error.message });
    return {
      ok: false,
      ackSeq: ack.seq,
      headSeq,
      shipped,
      reason,
      message: error.message,
      retry: error.code === 'STORE_UNAVAILABLE' || error.code === 'INTERNAL',
    };
  }
}
