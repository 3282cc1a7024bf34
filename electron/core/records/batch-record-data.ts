import type Database from 'better-sqlite3-multiple-ciphers';
import type { BatchView } from '../../../shared/contract/batches';
import { EbrError } from '../../../shared/errors';
import type { Recipe } from '../../../shared/recipes/recipe-schema';
import type { SignedCheckpoint } from '../audit/head-mirror';
import {
  readBatch,
  readComments,
  readExceptions,
  type BatchCommentRow,
  type BatchExceptionRow,
  type BatchRow,
} from '../batches/batch-rows';
import type { BatchViews } from '../batches/batch-views';
import { BATCH_ENTRY_RECORD, BATCH_EXCEPTION_RECORD, BATCH_RECORD } from '../batches/signed-batch-records';
import {
  BATCH_AUDIT_REVIEW_RECORD,
  BATCH_DECISION_RECORD,
  BATCH_DISPOSITION_RECORD,
} from '../review/batch-review';
import { batchAuditRows, type ChainedAuditRow } from '../review/batch-audit-rows';
import { readStepQualifications, type StepQualificationRow } from '../qualification/step-qualifications';
import { signatureColumns, type StoredSignature } from '../signatures/signature-verification';
import { readReviewRecord, type ReviewRecord, type SignatureLister } from './review-record';
import { readBatchWorld, type BatchWorld } from './batch-record-world';

/** An audit row as stored, with its chain fields: the record's audit trail travels with it. */
export type BatchAuditRow = ChainedAuditRow;

export interface RecordTerminal {
  id: string;
  name: string;
  location: string;
  status: string;
  keyFingerprint: string;
  publicKeyPem: string;
}

export interface RecipeOfRecord {
  versionId: string;
  code: string;
  versionLabel: string;
  name: string;
  contentHash: string;
  content: Recipe;
}

/**
 * Everything one batch record holds, read in one synchronous pass (one consistent cut of the
 * store): the batch as the screens show it (every entry, superseded ones too, with verified
 * signatures), the stored exception rows (with the disposition fields), QA's dispositions, audit-trail
 * reviews and decision, the stored signature bytes, the recipe content, the batch's audit rows and
 * the latest signed checkpoint.
 */
export interface BatchRecordData {
  view: BatchView;
  /** The stored batch row (the view leaves out who created it by id). */
  batchRow: BatchRow;
  commentRows: BatchCommentRow[];
  recipe: RecipeOfRecord;
  exceptionRows: Map<string, BatchExceptionRow>;
  /** QA's review: dispositions, audit-trail reviews and the decision, with their signatures. */
  review: ReviewRecord;
  /** Signature id → the stored row (with the Ed25519 signature, base64). */
  storedSignatures: Map<string, StoredSignature>;
  auditRows: BatchAuditRow[];
  /** What each performer and signer held when a step was recorded (A11-2). */
  stepQualifications: StepQualificationRow[];
  checkpoint: SignedCheckpoint | null;
  /** Lots drawn from and equipment used, as recorded at the time of use. */
  world: BatchWorld;
  terminals: RecordTerminal[];
  /** The terminal producing the record, whose key signs exports of it. */
  thisTerminal: { id: string; name: string; keyFingerprint: string };
}

export function readLatestCheckpoint(sqlite: Database.Database): SignedCheckpoint | null {
  return (
    (sqlite
      .prepare(
        `SELECT seq AS checkpointSeq, audit_seq AS auditSeq, audit_hash AS auditHash, at_utc AS atUtc,
           terminal_id AS terminalId, key_id AS keyId, signature
         FROM audit_checkpoints ORDER BY seq DESC LIMIT 1`,
      )
      .get() as SignedCheckpoint | undefined) ?? null
  );
}

function readStoredSignatures(sqlite: Database.Database, batchId: string): Map<string, StoredSignature> {
  const rows = sqlite
    .prepare(
      `SELECT ${signatureColumns} FROM signatures WHERE record_type = '${BATCH_RECORD}' AND record_id = @batchId
       UNION ALL
       SELECT ${signatureColumns} FROM signatures WHERE record_type = '${BATCH_ENTRY_RECORD}'
         AND record_id IN (SELECT id FROM batch_entries WHERE batch_id = @batchId)
       UNION ALL
       SELECT ${signatureColumns} FROM signatures WHERE record_type = '${BATCH_EXCEPTION_RECORD}'
         AND record_id IN (SELECT id FROM batch_exceptions WHERE batch_id = @batchId)
       UNION ALL
       SELECT ${signatureColumns} FROM signatures WHERE record_type = '${BATCH_DISPOSITION_RECORD}'
         AND record_id IN (SELECT id FROM batch_dispositions WHERE batch_id = @batchId)
       UNION ALL
       SELECT ${signatureColumns} FROM signatures WHERE record_type = '${BATCH_AUDIT_REVIEW_RECORD}'
         AND record_id IN (SELECT id FROM batch_audit_reviews WHERE batch_id = @batchId)
       UNION ALL
       SELECT ${signatureColumns} FROM signatures WHERE record_type = '${BATCH_DECISION_RECORD}' AND record_id = @batchId`,
    )
    .all({ batchId }) as StoredSignature[];
  return new Map(rows.map((row) => [row.id, row]));
}

function readRecipe(sqlite: Database.Database, versionId: string): RecipeOfRecord {
  const row = sqlite
    .prepare(
      `SELECT id, code, version_label AS versionLabel, name, content, content_hash AS contentHash
       FROM recipe_versions WHERE id = ?`,
    )
    .get(versionId) as
    | { id: string; code: string; versionLabel: string; name: string; content: string; contentHash: string }
    | undefined;
  if (!row) throw new EbrError('NOT_FOUND', 'The recipe version of this batch is missing.');
  return {
    versionId: row.id,
    code: row.code,
    versionLabel: row.versionLabel,
    name: row.name,
    contentHash: row.contentHash,
    content: JSON.parse(row.content) as Recipe,
  };
}

function readTerminals(sqlite: Database.Database): RecordTerminal[] {
  return sqlite
    .prepare(
      `SELECT id, name, location, status, fingerprint AS keyFingerprint, public_key_pem AS publicKeyPem
       FROM terminals ORDER BY created_at_utc, id`,
    )
    .all() as RecordTerminal[];
}

export interface BatchRecordSource {
  sqlite: Database.Database;
  views: Pick<BatchViews, 'get'>;
  /** Verifies the signatures of QA's review records (the views verify the batch's own). */
  signatures: SignatureLister;
  thisTerminal: { id: string; name: string; keyFingerprint: string };
}

/** Reads a batch record; throws NOT_FOUND for an unknown batch. */
export function readBatchRecord(source: BatchRecordSource, batchId: string): BatchRecordData {
  const { sqlite } = source;
  // One read transaction: the view, the rows and the checkpoint are the same cut of the store.
  return sqlite.transaction(() => {
    const view = source.views.get(batchId);
    return {
      view,
      batchRow: readBatch(sqlite, batchId)!,
      commentRows: readComments(sqlite, batchId),
      recipe: readRecipe(sqlite, view.recipeVersionId),
      exceptionRows: new Map(readExceptions(sqlite, batchId).map((row) => [row.id, row])),
      review: readReviewRecord(sqlite, source.signatures, batchId),
      storedSignatures: readStoredSignatures(sqlite, batchId),
      auditRows: batchAuditRows(sqlite, batchId, { withPrevHash: true }),
      stepQualifications: readStepQualifications(sqlite, batchId),
      checkpoint: readLatestCheckpoint(sqlite),
      world: readBatchWorld(sqlite, batchId),
      terminals: readTerminals(sqlite),
      thisTerminal: source.thisTerminal,
    };
  })();
}
