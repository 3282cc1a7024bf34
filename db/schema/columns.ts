import { integer, text } from 'drizzle-orm/sqlite-core';

/** Random UUIDs: ids never collide across terminals whose records are later merged. */
export const id = () => text('id').primaryKey();

/** UTC instant as ISO 8601 with milliseconds: readable in any SQLCipher browser. */
export const utc = (name: string) => text(name).notNull();

export const flag = (name: string) => integer(name, { mode: 'boolean' }).notNull();
