import type Database from 'better-sqlite3-multiple-ciphers';
import type { RecordRef } from '../../../shared/contract/signatures';
import { AUDIT_REVIEW_RECORD, readAuditReview } from '../audit/audit-reviews';
import {
  BATCH_ENTRY_RECORD,
  BATCH_EXCEPTION_RECORD,
  BATCH_RECORD,
  readSignedBatch,
  readSignedEntry,
  readSignedException,
} from '../batches/signed-batch-records';
import { EQUIPMENT_EVENT_RECORD, readSignedEquipmentEvent } from '../equipment/equipment-register';
import { readSignedTrainingRecord, TRAINING_RECORD } from '../qualification/training-register';
import { LOT_STATUS_RECORD, readSignedLotStatus } from '../materials/material-register';
import { RECIPE_VERSION_RECORD, readSignedRecipeVersion } from '../recipes/recipe-versions';
import {
  BATCH_AUDIT_REVIEW_RECORD,
  BATCH_DECISION_RECORD,
  BATCH_DISPOSITION_RECORD,
  readSignedAuditReview,
  readSignedDecision,
  readSignedDisposition,
} from '../review/batch-review';

/**
 * How the current content of each kind of signed record is read back. A signature is verified
 * against the record as it is NOW, so any change after signing is caught (P11-70).
 */
export type SignedContentReader = (recordId: string) => unknown;

export class SignedRecords {
  private readonly readers = new Map<string, SignedContentReader>();

  register(recordType: string, reader: SignedContentReader): void {
    if (this.readers.has(recordType)) throw new Error(`Signed record type ${recordType} registered twice`);
    this.readers.set(recordType, reader);
  }

  /** undefined when the type is unknown or the record is gone. */
  contentOf(record: RecordRef): unknown {
    const reader = this.readers.get(record.type);
    if (!reader) return undefined;
    return reader(record.id) ?? undefined;
  }
}

/** Every kind of signed record this application keeps; each domain adds its reader here. */
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
