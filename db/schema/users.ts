import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
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
});
