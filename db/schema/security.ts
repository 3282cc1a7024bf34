import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { id, utc } from './columns';

/** Security alerts (P11-300d): raised at once, kept until an administrator acknowledges them. */
export const securityAlerts = sqliteTable('security_alerts', {
  id: id(),
  kind: text('kind').notNull(),
  message: text('message').notNull(),
  subjectUserId: text('subject_user_id'),
  subjectUsername: text('subject_username'),
  raisedAtUtc: utc('raised_at_utc'),
  acknowledgedByUserId: text('acknowledged_by_user_id'),
  acknowledgedByName: text('acknowledged_by_name'),
  acknowledgedAtUtc: text('acknowledged_at_utc'),
  acknowledgementComment: text('acknowledgement_comment'),
});

/** Configuration changed only by administrators, with a reason, audited (A11-10). JSON values. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAtUtc: utc('updated_at_utc'),
  updatedByUserId: text('updated_by_user_id'),
});
