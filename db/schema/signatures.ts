import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { id, utc } from './columns';

/**
 * Electronic signatures (P11-50, P11-70): append-only. The Ed25519 signature by the terminal key
 * covers every column below but itself, including the record it belongs to and the SHA-256 of
 * the record's canonical content, so it cannot be moved to another record or survive a change.
 */
export const signatures = sqliteTable(
  'signatures',
  {
    id: id(),
    recordType: text('record_type').notNull(),
    recordId: text('record_id').notNull(),
    meaning: text('meaning').notNull(),
    signerUserId: text('signer_user_id').notNull(),
    signerUsername: text('signer_username').notNull(),
    signerName: text('signer_name').notNull(),
    signedAtUtc: utc('signed_at_utc'),
    timeZone: text('time_zone').notNull(),
    terminalId: text('terminal_id').notNull(),
    contentHash: text('content_hash').notNull(),
    keyId: text('key_id').notNull(),
    signature: text('signature').notNull(),
    /** The meaning statement as the signer saw it, and its language; null on signatures made before
     * statements were recorded (their statement is the English one of their meaning). Signed too. */
    statement: text('statement'),
    statementLanguage: text('statement_language'),
  },
  (table) => [index('signatures_record').on(table.recordType, table.recordId)],
);

/** Recorded audit-trail reviews (A11-9): the scope, what it covered, and the reviewer's comment. */
export const auditReviews = sqliteTable('audit_reviews', {
  id: id(),
  scope: text('scope').notNull(),
  rowCount: integer('row_count').notNull(),
  firstSeq: integer('first_seq'),
  lastSeq: integer('last_seq'),
  digest: text('digest').notNull(),
  comment: text('comment').notNull(),
  createdAtUtc: utc('created_at_utc'),
  createdByUserId: text('created_by_user_id').notNull(),
});
