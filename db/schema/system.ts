import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { id, utc } from './columns';

/** Facts about this store (created-by version, time zone at setup, …). */
export const storeMeta = sqliteTable('store_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/** Installations that have written to this store; each owns an Ed25519 key pair. */
export const terminals = sqliteTable('terminals', {
  id: id(),
  name: text('name').notNull(),
  location: text('location').notNull(),
  publicKeyPem: text('public_key_pem').notNull(),
  fingerprint: text('fingerprint').notNull().unique(),
  createdAtUtc: utc('created_at_utc'),
  /** Only a registered terminal executes batches; others admit administrators only (P11-10h). */
  status: text('status', { enum: ['registered', 'unregistered', 'revoked'] })
    .notNull()
    .default('unregistered'),
  registeredAtUtc: text('registered_at_utc'),
  revokedAtUtc: text('revoked_at_utc'),
});
