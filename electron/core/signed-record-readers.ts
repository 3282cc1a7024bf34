import type Database from 'better-sqlite3-multiple-ciphers';
import { AUDIT_REVIEW_RECORD, readAuditReview } from './audit/audit-reviews';
import {
  BATCH_ENTRY_RECORD,
  BATCH_EXCEPTION_RECORD,
  BATCH_RECORD,
  readSignedBatch,
  readSignedEntry,
  readSignedException,
} from './batches/signed-batch-records';
import { EQUIPMENT_EVENT_RECORD, readSignedEquipmentEvent } from './equipment/equipment-register';
import { LOT_STATUS_RECORD, readSignedLotStatus } from './materials/material-register';
import { readSignedTrainingRecord, TRAINING_RECORD } from './qualification/training-register';
import { RECIPE_VERSION_RECORD, readSignedRecipeVersion } from './recipes/recipe-versions';
import {
  BATCH_AUDIT_REVIEW_RECORD,
  BATCH_DECISION_RECORD,
  BATCH_DISPOSITION_RECORD,
  readSignedAuditReview,
  readSignedDecision,
  readSignedDisposition,
} from './review/batch-review';
import { SignedRecords } from './signatures/signed-records';

/**
 * Every kind of signed record this application keeps, composed here (beside services.ts) so that
 * signatures/ stays below the domains: the domains import the signature service, never the reverse.
 * A new kind of signed record registers its reader here. The services, the restore check and
 * `ebr verify-audit` all verify against this one registry.
 */
export function createSignedRecords(sqlite: Database.Database): SignedRecords {
  const records = new SignedRecords();
  records.register(AUDIT_REVIEW_RECORD, (id) => readAuditReview(sqlite, id) ?? undefined);
  records.register(RECIPE_VERSION_RECORD, (id) => readSignedRecipeVersion(sqlite, id));
  records.register(BATCH_RECORD, (id) => readSignedBatch(sqlite, id));
  records.register(BATCH_ENTRY_RECORD, (id) => readSignedEntry(sqlite, id));
  records.register(BATCH_EXCEPTION_RECORD, (id) => readSignedException(sqlite, id));
  records.register(BATCH_DISPOSITION_RECORD, (id) => readSignedDisposition(sqlite, id));
  records.register(BATCH_AUDIT_REVIEW_RECORD, (id) => readSignedAuditReview(sqlite, id));
  records.register(BATCH_DECISION_RECORD, (id) => readSignedDecision(sqlite, id));
  records.register(LOT_STATUS_RECORD, (id) => readSignedLotStatus(sqlite, id));
  records.register(EQUIPMENT_EVENT_RECORD, (id) => readSignedEquipmentEvent(sqlite, id));
  records.register(TRAINING_RECORD, (id) => readSignedTrainingRecord(sqlite, id));
  return records;
}
