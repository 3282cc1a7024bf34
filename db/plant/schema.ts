import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The plant server's PostgreSQL schema. Log tables (node_keys, log_entries, log_checkpoints,
 * log_signatures, uploads, quarantine, alerts) are append-only: the service role may only INSERT
 * and SELECT them and triggers refuse UPDATE, DELETE and TRUNCATE (migration plant_append_only).
 * Every terminal is a node and the only author of its log; rows are keyed by (node, sequence).
 */

const receivedAt = () =>
  timestamp('received_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow();

/** The server's own Ed25519 identity; the private key sealed under the key file of `ebr server init`. */
export const serverIdentity = pgTable('server_identity', {
  id: integer('id').primaryKey(),
  publicKeyPem: text('public_key_pem').notNull(),
  fingerprint: text('fingerprint').notNull(),
  /** AES-256-GCM box ({nonce, ciphertext, tag}) of the PKCS#8 private key. */
  sealedPrivateKey: jsonb('sealed_private_key').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

/** Enrolled terminals. Requests are signed with public_key_pem; a revoked node is refused. */
export const nodes = pgTable('nodes', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  status: text('status', { enum: ['active', 'revoked'] }).notNull(),
  publicKeyPem: text('public_key_pem').notNull(),
  fingerprint: text('fingerprint').notNull().unique(),
  enrolledAt: timestamp('enrolled_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'string' }),
  revokedReason: text('revoked_reason'),
  lastContactAt: timestamp('last_contact_at', { withTimezone: true, mode: 'string' }),
  /** Terminal clock minus server clock at the last contact, in milliseconds. */
  lastClockSkewMs: bigint('last_clock_skew_ms', { mode: 'number' }),
  /** The head of its log the terminal last reported: the lag is this minus what is stored. */
  reportedHeadSeq: bigint('reported_head_seq', { mode: 'number' }),
});

/** Every key a node's store has signed with (its terminals table at enrolment). */
export const nodeKeys = pgTable(
  'node_keys',
  {
    nodeId: text('node_id')
      .notNull()
      .references(() => nodes.id),
    terminalId: text('terminal_id').notNull(),
    fingerprint: text('fingerprint').notNull(),
    publicKeyPem: text('public_key_pem').notNull(),
    addedAt: receivedAt(),
  },
  (table) => [primaryKey({ columns: [table.nodeId, table.fingerprint] })],
);

/** One-time enrolment codes; only the SHA-256 of the code is stored. */
export const enrolmentCodes = pgTable('enrolment_codes', {
  codeHash: text('code_hash').primaryKey(),
  purpose: text('purpose', { enum: ['terminal', 'administrator'] }).notNull(),
  terminalName: text('terminal_name'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'string' }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true, mode: 'string' }),
  usedByNode: text('used_by_node'),
});

/** One row per accepted upload: the server's receipt time beside the terminal's (A11-12.4). */
export const uploads = pgTable('uploads', {
  id: text('id').primaryKey(),
  nodeId: text('node_id')
    .notNull()
    .references(() => nodes.id),
  receivedAt: receivedAt(),
  terminalTime: text('terminal_time').notNull(),
  clockSkewMs: bigint('clock_skew_ms', { mode: 'number' }).notNull(),
  firstSeq: bigint('first_seq', { mode: 'number' }).notNull(),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
  entries: integer('entries').notNull(),
});

/** The terminals' audit rows, exactly as hashed on the terminal, with the server's receipt time. */
export const logEntries = pgTable(
  'log_entries',
  {
    nodeId: text('node_id')
      .notNull()
      .references(() => nodes.id),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    atUtc: text('at_utc').notNull(),
    userId: text('user_id'),
    userName: text('user_name'),
    terminalId: text('terminal_id').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    oldValue: text('old_value'),
    newValue: text('new_value'),
    reason: text('reason'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    uploadId: text('upload_id').notNull(),
    receivedAt: receivedAt(),
  },
  (table) => [
    primaryKey({ columns: [table.nodeId, table.seq] }),
    index('log_entries_entity').on(table.entityType, table.entityId),
    index('log_entries_at').on(table.atUtc),
  ],
);

/** The terminals' signed chain heads. */
export const logCheckpoints = pgTable(
  'log_checkpoints',
  {
    nodeId: text('node_id')
      .notNull()
      .references(() => nodes.id),
    checkpointSeq: bigint('checkpoint_seq', { mode: 'number' }).notNull(),
    auditSeq: bigint('audit_seq', { mode: 'number' }).notNull(),
    auditHash: text('audit_hash').notNull(),
    atUtc: text('at_utc').notNull(),
    terminalId: text('terminal_id').notNull(),
    keyId: text('key_id').notNull(),
    signature: text('signature').notNull(),
    uploadId: text('upload_id').notNull(),
    receivedAt: receivedAt(),
  },
  (table) => [primaryKey({ columns: [table.nodeId, table.checkpointSeq] })],
);

/** The terminals' electronic signature rows (each signed by its terminal key). */
export const logSignatures = pgTable(
  'log_signatures',
  {
    nodeId: text('node_id')
      .notNull()
      .references(() => nodes.id),
    id: text('id').notNull(),
    /** The audit row that recorded the signature: signatures ship with it. */
    auditSeq: bigint('audit_seq', { mode: 'number' }).notNull(),
    recordType: text('record_type').notNull(),
    recordId: text('record_id').notNull(),
    meaning: text('meaning').notNull(),
    signerUserId: text('signer_user_id').notNull(),
    signerUsername: text('signer_username').notNull(),
    signerName: text('signer_name').notNull(),
    signedAtUtc: text('signed_at_utc').notNull(),
    timeZone: text('time_zone').notNull(),
    terminalId: text('terminal_id').notNull(),
    contentHash: text('content_hash').notNull(),
    keyId: text('key_id').notNull(),
    signature: text('signature').notNull(),
    /** The meaning statement as the signer saw it and its language (null on older signatures). */
    statement: text('statement'),
    statementLanguage: text('statement_language'),
    uploadId: text('upload_id').notNull(),
    receivedAt: receivedAt(),
  },
  (table) => [primaryKey({ columns: [table.nodeId, table.id] })],
);

/** Refused uploads, kept whole with the reason: nothing invalid is stored as valid, nothing dropped. */
export const quarantine = pgTable('quarantine', {
  id: text('id').primaryKey(),
  nodeId: text('node_id'),
  receivedAt: receivedAt(),
  reason: text('reason').notNull(),
  message: text('message').notNull(),
  seq: bigint('seq', { mode: 'number' }),
  payload: jsonb('payload').notNull(),
});

/** What people must look at: breaks, revoked terminals knocking, clock skew. */
export const alerts = pgTable('alerts', {
  id: text('id').primaryKey(),
  nodeId: text('node_id'),
  raisedAt: timestamp('raised_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  kind: text('kind').notNull(),
  message: text('message').notNull(),
});
