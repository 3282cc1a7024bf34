import type Database from 'better-sqlite3-multiple-ciphers';

/** What marks an intent (a file promised before it appears under its final name) and its settling. */
export interface IntentKinds {
  entityType: string;
  intended: string;
  /** The actions that settle an intent: it was completed, or it was abandoned. */
  settledBy: readonly [string, string];
}

/**
 * The intents recorded in the audit trail that no later row settles (matched by the intent's
 * `token`), oldest first: the work a killed writer may have left half done.
 */
export function pendingIntents<T>(sqlite: Database.Database, kinds: IntentKinds): T[] {
  return (
    sqlite
      .prepare(
        `SELECT i.new_value FROM audit_trail i
         WHERE i.entity_type = @entityType AND i.action = @intended
           AND NOT EXISTS (
             SELECT 1 FROM audit_trail r
             WHERE r.entity_type = @entityType AND r.entity_id = i.entity_id AND r.seq > i.seq
               AND r.action IN (@completed, @abandoned)
               AND json_extract(r.new_value, '$.intent') = json_extract(i.new_value, '$.token'))
         ORDER BY i.seq`,
      )
      .pluck()
      .all({
        entityType: kinds.entityType,
        intended: kinds.intended,
        completed: kinds.settledBy[0],
        abandoned: kinds.settledBy[1],
      }) as string[]
  ).map((text) => JSON.parse(text) as T);
}
