import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * A data folder's identity, kept in `store_meta`: it names the folder's anchor outside the folder.
 * A copy of the folder carries the same identity, so an older copy put in its place meets the
 * anchor it fell behind; a restore gives the restored folder a new identity (audited).
 */
export const FOLDER_ID_KEY = 'folderId';

export function readFolderId(sqlite: Database.Database): string | null {
  return (
    (sqlite.prepare('SELECT value FROM store_meta WHERE key = ?').pluck().get(FOLDER_ID_KEY) as
      string | undefined) ?? null
  );
}

/** Sets a new identity; call inside the audited change that says why. Returns the new id. */
export function assignFolderId(sqlite: Database.Database): string {
  const folderId = randomUUID();
  sqlite
    .prepare(
      'INSERT INTO store_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    )
    .run(FOLDER_ID_KEY, folderId);
  return folderId;
}
