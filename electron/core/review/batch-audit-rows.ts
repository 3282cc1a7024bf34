import type Database from 'better-sqlite3-multiple-ciphers';
import type { AuditRowView } from '../../../shared/contract/audit-trail';

const columns = `seq, at_utc AS atUtc, user_id AS userId, user_name AS userName, terminal_id AS terminalId, action,
  entity_type AS entityType, entity_id AS entityId, old_value AS oldValue, new_value AS newValue, reason, hash`;

/**
 * The audit rows of a batch, oldest first: rows about the batch itself and the signatures applied
 * to its entries, exceptions and the batch. Review activity (dispositions, audit-trail reviews,
 * the decision) is recorded under other entity types, so reviewing never makes a review stale.
 */
export function batchAuditRows(sqlite: Database.Database, batchId: string): AuditRowView[] {
  return sqlite
    .prepare(
      `SELECT ${columns} FROM audit_trail
       WHERE (entity_type = 'batch' AND entity_id = @batchId)
          OR (entity_type = 'batch-entry' AND entity_id IN (SELECT id FROM batch_entries WHERE batch_id = @batchId))
          OR (entity_type = 'batch-exception' AND entity_id IN (SELECT id FROM batch_exceptions WHERE batch_id = @batchId))
       ORDER BY seq`,
    )
    .all({ batchId }) as AuditRowView[];
}

/** Actions that change recorded data once execution has started (listed for QA). */
export const dataChangingActions = new Set([
  'batch.value-corrected',
  'batch.value-recomputed',
  'batch.step-released',
]);
