import type Database from 'better-sqlite3-multiple-ciphers';
import type { AuditRowView } from '../../../shared/contract/audit-trail';
import { BATCH_ENTRY_RECORD, BATCH_EXCEPTION_RECORD, BATCH_RECORD } from '../batches/signed-batch-records';

/** An audit row with its chain link, as the batch record carries it (the record's trail travels with it). */
export interface ChainedAuditRow extends AuditRowView {
  prevHash: string;
}

/** The row's columns; `prevHash` (when asked for) comes before `hash`, the order the record stores. */
const columns = (withPrevHash: boolean) =>
  `seq, at_utc AS atUtc, user_id AS userId, user_name AS userName, terminal_id AS terminalId, action,
  entity_type AS entityType, entity_id AS entityId, old_value AS oldValue, new_value AS newValue, reason,
  ${withPrevHash ? 'prev_hash AS prevHash, ' : ''}hash`;

/**
 * The audit rows of a batch, oldest first: rows about the batch itself and the signatures applied
 * to its entries, exceptions and the batch. Review activity (dispositions, audit-trail reviews,
 * the decision) is recorded under other entity types, so reviewing never makes a review stale.
 * Each arm uses the (entity_type, entity_id, seq) index. `withPrevHash` adds the chain link (the
 * batch record keeps it; the review's list does not show it).
 */
export function batchAuditRows(sqlite: Database.Database, batchId: string): AuditRowView[];
export function batchAuditRows(
  sqlite: Database.Database,
  batchId: string,
  options: { withPrevHash: true },
): ChainedAuditRow[];
export function batchAuditRows(
  sqlite: Database.Database,
  batchId: string,
  options: { withPrevHash?: boolean } = {},
): AuditRowView[] {
  const select = columns(options.withPrevHash === true);
  return sqlite
    .prepare(
      `SELECT ${select} FROM audit_trail WHERE entity_type = '${BATCH_RECORD}' AND entity_id = @batchId
       UNION ALL
       SELECT ${select} FROM audit_trail WHERE entity_type = '${BATCH_ENTRY_RECORD}'
         AND entity_id IN (SELECT id FROM batch_entries WHERE batch_id = @batchId)
       UNION ALL
       SELECT ${select} FROM audit_trail WHERE entity_type = '${BATCH_EXCEPTION_RECORD}'
         AND entity_id IN (SELECT id FROM batch_exceptions WHERE batch_id = @batchId)
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
