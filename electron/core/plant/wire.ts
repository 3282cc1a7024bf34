import { z } from 'zod';

/**
 * The plant wire protocol (ebr-plant/1), shared by the terminal and the server: JSON over HTTPS,
 * every request after enrolment signed by the node's key (see request-signing.ts). What travels
 * is a node's log exactly as stored: audit rows with the values they carry, the signed
 * checkpoints that cover them, and the electronic signature rows that the rows record.
 */
export const PLANT_PROTOCOL = 'ebr-plant/1';

const hash = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in 64 lowercase hex digits');
const seq = z.number().int().positive();

export const wireAuditRow = z.object({
  seq,
  atUtc: z.string(),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  terminalId: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
  reason: z.string().nullable(),
  prevHash: hash,
  hash,
});
export type WireAuditRow = z.infer<typeof wireAuditRow>;

export const wireCheckpoint = z.object({
  checkpointSeq: seq,
  auditSeq: seq,
  auditHash: hash,
  atUtc: z.string(),
  terminalId: z.string(),
  keyId: hash,
  signature: z.string(),
});
export type WireCheckpoint = z.infer<typeof wireCheckpoint>;

export const wireSignature = z.object({
  id: z.string(),
  /** The audit row ("signature.applied") that recorded this signature. */
  auditSeq: seq,
  recordType: z.string(),
  recordId: z.string(),
  meaning: z.string(),
  signerUserId: z.string(),
  signerUsername: z.string(),
  signerName: z.string(),
  signedAtUtc: z.string(),
  timeZone: z.string(),
  terminalId: z.string(),
  contentHash: hash,
  keyId: hash,
  signature: z.string(),
  /** The statement as signed and its language; absent or null on older signatures. */
  statement: z.string().nullish(),
  statementLanguage: z.string().nullish(),
});
export type WireSignature = z.infer<typeof wireSignature>;

export const uploadRequest = z.object({
  nodeId: z.string(),
  entries: z.array(wireAuditRow).min(1),
  checkpoints: z.array(wireCheckpoint),
  signatures: z.array(wireSignature),
});
export type UploadRequest = z.infer<typeof uploadRequest>;

export interface UploadAccepted {
  ackSeq: number;
  ackCheckpointSeq: number;
  stored: number;
  alreadyStored: number;
}

export interface LogHead {
  nodeId: string;
  ackSeq: number;
  ackHash: string | null;
  ackCheckpointSeq: number;
  serverTime: string;
}

export const enrolRequest = z.object({
  code: z.string().min(1),
  /** The terminal's id in its own store: the node id on the server. */
  nodeId: z.string().min(1),
  name: z.string().min(1),
  publicKeyPem: z.string(),
  /** Every terminal key of the node's store (earlier keys signed older checkpoints). */
  keys: z.array(z.object({ terminalId: z.string(), publicKeyPem: z.string() })).min(1),
  /** The node key's signature over enrolmentProofMessage: proof that the caller holds it. */
  proof: z.string(),
});
export type EnrolRequest = z.infer<typeof enrolRequest>;

export interface EnrolAccepted {
  nodeId: string;
  serverPublicKeyPem: string;
  serverFingerprint: string;
}

/** Why an upload was refused (and quarantined). */
export const breakReasons = [
  'gap',
  'fork',
  'prev-hash-mismatch',
  'hash-mismatch',
  'checkpoint-gap',
  'checkpoint-mismatch',
  'checkpoint-signature-invalid',
  'unsigned-tail',
  'signature-invalid',
  'signature-unanchored',
  'unknown-key',
  'wrong-terminal',
  'revoked-node',
] as const;
export type BreakReason = (typeof breakReasons)[number];

export interface UploadBreak {
  reason: BreakReason;
  /** The first audit sequence number concerned (or the checkpoint's). */
  seq: number | null;
  message: string;
}
