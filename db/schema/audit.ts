import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { utc } from './columns';

/**
 * The audit trail: append-only (triggers abort UPDATE and DELETE), hash-chained.
 * hash = SHA-256(prev_hash ‖ RFC 8785 JSON of the row without prev_hash and hash).
 */
export const auditTrail = sqliteTable(
  'audit_trail',
  {
    seq: integer('seq').primaryKey(),
    atUtc: utc('at_utc'),
    userId: text('user_id'),
    userName: text('user_name'),
    terminalId: text('terminal_id').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    /** Canonical JSON text, or null when there was no earlier value. */
    oldValue: text('old_value'),
    newValue: text('new_value'),
    reason: text('reason'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (table) => [
    index('audit_trail_entity').on(table.entityType, table.entityId, table.seq),
    index('audit_trail_at').on(table.atUtc),
    index('audit_trail_user').on(table.userId, table.seq),
  ],
);

/** Signed chain heads, one per committed audited transaction; also append-only. */
export const auditCheckpoints = sqliteTable('audit_checkpoints', {
  seq: integer('seq').primaryKey(),
  auditSeq: integer('audit_seq').notNull(),
  auditHash: text('audit_hash').notNull(),
  atUtc: utc('at_utc'),
  terminalId: text('terminal_id').notNull(),
  /** Fingerprint of the terminal public key that made the signature. */
  keyId: text('key_id').notNull(),
  /** Ed25519 over the RFC 8785 JSON of {auditSeq, auditHash, atUtc, terminalId, keyId}, base64. */
  signature: text('signature').notNull(),
});
