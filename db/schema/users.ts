import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { flag, id, utc } from './columns';

/** People. Never deleted: a username is never reused (P11-100a, P11-300a). */
export const users = sqliteTable('users', {
  id: id(),
  username: text('username').notNull().unique(),
  fullName: text('full_name').notNull(),
  /** Argon2id PHC string: the parameters travel with the hash. */
  passwordHash: text('password_hash').notNull(),
  /** JSON array of role names. */
  roles: text('roles').notNull(),
  status: text('status', { enum: ['active', 'disabled'] }).notNull(),
  mustChangePassword: flag('must_change_password'),
  createdAtUtc: utc('created_at_utc'),
  /** Why the next sign-in must change the password: first-sign-in or reset. */
  passwordChangeReason: text('password_change_reason'),
  passwordChangedAtUtc: text('password_changed_at_utc'),
  failedAttempts: integer('failed_attempts').notNull().default(0),
  lockedAtUtc: text('locked_at_utc'),
  lastLoginAtUtc: text('last_login_at_utc'),
  /** The language the person works in (chosen on the sign-in screen); null: the terminal's. */
  language: text('language', { enum: ['en', 'de'] }),
});

/** Earlier password hashes, for the "not one of the last N" rule. Append-only. */
export const passwordHistory = sqliteTable('password_history', {
  id: integer('id').primaryKey(),
  userId: text('user_id')
    .notNull()
    .references(() => users.id),
  passwordHash: text('password_hash').notNull(),
  setAtUtc: utc('set_at_utc'),
});
