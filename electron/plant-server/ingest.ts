import { randomUUID } from 'node:crypto';
import { and, desc, eq, gte, inArray, lte, max, sql } from 'drizzle-orm';
import {
  alerts,
  logCheckpoints,
  logEntries,
  logSignatures,
  nodeKeys,
  quarantine,
  uploads,
} from '../../db/plant/schema';
import type { LogHead, UploadAccepted, UploadBreak, UploadRequest } from '../core/plant/wire';
import type { PlantDatabase } from './database';
import { verifyUpload, type NodeKey, type StoredLogState } from './upload-verification';

type Tx = Parameters<Parameters<PlantDatabase['db']['transaction']>[0]>[0];

export async function nodeKeysOf(tx: Pick<Tx, 'select'>, nodeId: string): Promise<Map<string, NodeKey>> {
  const rows = await tx.select().from(nodeKeys).where(eq(nodeKeys.nodeId, nodeId));
  return new Map(rows.map((row) => [row.fingerprint, row]));
}

export async function logHeadOf(
  tx: Pick<Tx, 'select'>,
  nodeId: string,
  serverTime: string,
): Promise<LogHead> {
  const [head] = await tx
    .select({ seq: logEntries.seq, hash: logEntries.hash })
    .from(logEntries)
    .where(eq(logEntries.nodeId, nodeId))
    .orderBy(desc(logEntries.seq))
    .limit(1);
  const [checkpoint] = await tx
    .select({ seq: max(logCheckpoints.checkpointSeq) })
    .from(logCheckpoints)
    .where(eq(logCheckpoints.nodeId, nodeId));
  return {
    nodeId,
    ackSeq: head?.seq ?? 0,
    ackHash: head?.hash ?? null,
    ackCheckpointSeq: Number(checkpoint?.seq ?? 0),
    serverTime,
  };
}

async function storedState(tx: Tx, nodeId: string, upload: UploadRequest): Promise<StoredLogState> {
  const head = await logHeadOf(tx, nodeId, '');
  const repeatedSeqs = upload.entries.map((entry) => entry.seq).filter((seq) => seq <= head.ackSeq);
  const storedHashes = new Map<number, string>();
  if (repeatedSeqs.length > 0) {
    const rows = await tx
      .select({ seq: logEntries.seq, hash: logEntries.hash })
      .from(logEntries)
      .where(
        and(
          eq(logEntries.nodeId, nodeId),
          gte(logEntries.seq, Math.min(...repeatedSeqs)),
          lte(logEntries.seq, Math.max(...repeatedSeqs)),
        ),
      );
    for (const row of rows) storedHashes.set(row.seq, row.hash);
  }
  const repeatedCheckpoints = upload.checkpoints
    .map((checkpoint) => checkpoint.checkpointSeq)
    .filter((seq) => seq <= head.ackCheckpointSeq);
  const storedCheckpoints = new Map<number, string>();
  if (repeatedCheckpoints.length > 0) {
    const rows = await tx
      .select({ seq: logCheckpoints.checkpointSeq, signature: logCheckpoints.signature })
      .from(logCheckpoints)
      .where(
        and(eq(logCheckpoints.nodeId, nodeId), inArray(logCheckpoints.checkpointSeq, repeatedCheckpoints)),
      );
    for (const row of rows) storedCheckpoints.set(row.seq, row.signature);
  }
  const storedSignatures = new Map<string, string>();
  if (upload.signatures.length > 0) {
    const rows = await tx
      .select({ id: logSignatures.id, signature: logSignatures.signature })
      .from(logSignatures)
      .where(
        and(
          eq(logSignatures.nodeId, nodeId),
          inArray(
            logSignatures.id,
            upload.signatures.map((s) => s.id),
          ),
        ),
      );
    for (const row of rows) storedSignatures.set(row.id, row.signature);
  }
  return { ...head, storedHashes, storedCheckpoints, storedSignatures };
}

export type IngestResult =
  { ok: true; accepted: UploadAccepted } | { ok: false; break: UploadBreak; quarantineId: string };

/** Inserts in slices: PostgreSQL takes at most 65535 parameters per statement. */
async function insertInSlices<T>(
  rows: T[],
  size: number,
  insert: (slice: T[]) => Promise<unknown>,
): Promise<void> {
  for (let start = 0; start < rows.length; start += size) await insert(rows.slice(start, start + size));
}

/**
 * One transaction per upload: lock the node, read what is stored, verify, then store only the new
 * entries. A replay stores nothing. A break is rolled back, then kept whole in quarantine with its
 * reason and raised as an alert, in a transaction of its own.
 */
export async function ingestUpload(
  database: PlantDatabase,
  nodeId: string,
  upload: UploadRequest,
  receipt: Contact,
): Promise<IngestResult> {
  const outcome = await database.db.transaction(async (tx) => {
    await recordContact(tx, nodeId, receipt);
    const state = await storedState(tx, nodeId, upload);
    const verified = verifyUpload(upload, state, await nodeKeysOf(tx, nodeId));
    if (!verified.ok) return verified;
    const { entries, checkpoints, signatures, alreadyStored } = verified.upload;
    let ackSeq = state.ackSeq;
    let ackCheckpointSeq = state.ackCheckpointSeq;
    if (entries.length > 0 || signatures.length > 0) {
      const uploadId = randomUUID();
      await tx.insert(uploads).values({
        id: uploadId,
        nodeId,
        terminalTime: receipt.terminalTime,
        clockSkewMs: receipt.clockSkewMs,
        firstSeq: entries[0]?.seq ?? state.ackSeq,
        lastSeq: entries.at(-1)?.seq ?? state.ackSeq,
        entries: entries.length,
      });
      await insertInSlices(entries, 2000, (slice) =>
        tx.insert(logEntries).values(slice.map((entry) => ({ ...entry, nodeId, uploadId }))),
      );
      await insertInSlices(checkpoints, 4000, (slice) =>
        tx.insert(logCheckpoints).values(slice.map((checkpoint) => ({ ...checkpoint, nodeId, uploadId }))),
      );
      await insertInSlices(signatures, 2000, (slice) =>
        tx.insert(logSignatures).values(slice.map((signature) => ({ ...signature, nodeId, uploadId }))),
      );
      ackSeq = entries.at(-1)?.seq ?? ackSeq;
      ackCheckpointSeq = checkpoints.at(-1)?.checkpointSeq ?? ackCheckpointSeq;
    }
    return {
      ok: true as const,
      accepted: { ackSeq, ackCheckpointSeq, stored: entries.length, alreadyStored },
    };
  });
  if (outcome.ok) return outcome;
  await recordContact(database.db, nodeId, receipt);
  const quarantineId = await quarantineUpload(database, nodeId, upload, outcome.break);
  return { ok: false, break: outcome.break, quarantineId };
}

export async function quarantineUpload(
  database: PlantDatabase,
  nodeId: string | null,
  payload: unknown,
  found: UploadBreak,
): Promise<string> {
  const id = randomUUID();
  await database.db.transaction(async (tx) => {
    await tx
      .insert(quarantine)
      .values({ id, nodeId, reason: found.reason, message: found.message, seq: found.seq, payload });
    await tx.insert(alerts).values({
      id: randomUUID(),
      nodeId,
      kind: `upload-refused:${found.reason}`,
      message: `Upload quarantined (${id}): ${found.message}`,
    });
  });
  return id;
}

export async function raiseAlert(
  database: PlantDatabase,
  nodeId: string | null,
  kind: string,
  message: string,
): Promise<void> {
  await database.db.insert(alerts).values({ id: randomUUID(), nodeId, kind, message });
}

export interface Contact {
  terminalTime: string;
  /** Terminal clock minus server clock. */
  clockSkewMs: number;
  reportedHeadSeq: number | null;
  maxClockSkewMs: number;
}

/**
 * Last contact, reported head and clock skew, in one statement that also locks the node's row
 * (uploads of one node queue behind it); raises a clock-skew alert when the skew newly crosses the
 * limit (A11-12.4).
 */
export async function recordContact(
  executor: Pick<Tx, 'execute' | 'insert'>,
  nodeId: string,
  contact: Contact,
): Promise<void> {
  const { rows } = await executor.execute<{ before: string | null }>(sql`
    UPDATE nodes n
    SET last_contact_at = now(), last_clock_skew_ms = ${contact.clockSkewMs},
        reported_head_seq = coalesce(${contact.reportedHeadSeq}::bigint, n.reported_head_seq)
    FROM (SELECT id, last_clock_skew_ms AS before FROM nodes WHERE id = ${nodeId} FOR UPDATE) o
    WHERE n.id = o.id
    RETURNING o.before`);
  const before = rows[0]?.before;
  const skewed = Math.abs(contact.clockSkewMs) > contact.maxClockSkewMs;
  const wasSkewed =
    before !== null && before !== undefined && Math.abs(Number(before)) > contact.maxClockSkewMs;
  if (skewed && !wasSkewed)
    await executor.insert(alerts).values({
      id: randomUUID(),
      nodeId,
      kind: 'clock-skew',
      message: `The terminal's clock is ${(contact.clockSkewMs / 1000).toFixed(1)} s off the server's (limit ${contact.maxClockSkewMs / 1000} s): its entries' times need checking (A11-12.4).`,
    });
}
