import type Database from 'better-sqlite3-multiple-ciphers';
import type {
  BatchStatus,
  ExceptionHandling,
  ExceptionSeverity,
  ExceptionStatus,
  ExceptionType,
  StepStatus,
} from '../../../shared/batches/batch-status';
import type { EntryOrigin } from '../../../shared/batches/recorded-value';

/** The batch tables as read back: one reader per table, used by the engine loader, views and signatures. */
export interface BatchRow {
  id: string;
  batchNumber: string;
  recipeVersionId: string;
  recipeCode: string;
  recipeVersionLabel: string;
  recipeContentHash: string;
  productCode: string;
  productName: string;
  plannedQuantity: number;
  plannedUnit: string;
  training: number;
  status: BatchStatus;
  terminalId: string;
  createdByUserId: string;
  createdByName: string;
  createdAtUtc: string;
  startedAtUtc: string | null;
  executionCompletedAtUtc: string | null;
  abortedAtUtc: string | null;
}

export interface BatchStepRow {
  batchId: string;
  stepId: string;
  position: number;
  status: StepStatus;
  ownerUserId: string | null;
  ownerName: string | null;
  startedAtUtc: string | null;
  completedAtUtc: string | null;
}

export interface BatchEntryRow {
  id: string;
  batchId: string;
  stepId: string;
  kind: 'original' | 'correction' | 'recomputed';
  value: string;
  origin: EntryOrigin;
  withinLimits: number | null;
  supersedesId: string | null;
  captureId: string | null;
  reason: string | null;
  enteredByUserId: string;
  enteredByName: string;
  enteredAtUtc: string;
}

export interface BatchExceptionRow {
  id: string;
  batchId: string;
  stepId: string;
  entryId: string | null;
  type: ExceptionType;
  handling: ExceptionHandling;
  severity: ExceptionSeverity;
  description: string;
  comment: string;
  raisedByUserId: string;
  raisedByName: string;
  raisedAtUtc: string;
  status: ExceptionStatus;
  dispositionComment: string | null;
  dispositionReference: string | null;
  dispositionedByUserId: string | null;
  dispositionedByName: string | null;
  dispositionedAtUtc: string | null;
}

export interface BatchCommentRow {
  id: string;
  batchId: string;
  stepId: string | null;
  text: string;
  authorUserId: string;
  authorName: string;
  createdAtUtc: string;
}

const batchColumns = `id, batch_number AS batchNumber, recipe_version_id AS recipeVersionId, recipe_code AS recipeCode,
  recipe_version_label AS recipeVersionLabel, recipe_content_hash AS recipeContentHash, product_code AS productCode,
  product_name AS productName, planned_quantity AS plannedQuantity, planned_unit AS plannedUnit, training, status,
  terminal_id AS terminalId, created_by_user_id AS createdByUserId, created_by_name AS createdByName,
  created_at_utc AS createdAtUtc, started_at_utc AS startedAtUtc, execution_completed_at_utc AS executionCompletedAtUtc,
  aborted_at_utc AS abortedAtUtc`;

const stepColumns = `batch_id AS batchId, step_id AS stepId, position, status, owner_user_id AS ownerUserId,
  owner_name AS ownerName, started_at_utc AS startedAtUtc, completed_at_utc AS completedAtUtc`;

const entryColumns = `id, batch_id AS batchId, step_id AS stepId, kind, value, origin, within_limits AS withinLimits,
  supersedes_id AS supersedesId, capture_id AS captureId, reason, entered_by_user_id AS enteredByUserId, entered_by_name AS enteredByName,
  entered_at_utc AS enteredAtUtc`;

export const exceptionColumns = `id, batch_id AS batchId, step_id AS stepId, entry_id AS entryId, type, handling, severity,
  description, comment, raised_by_user_id AS raisedByUserId, raised_by_name AS raisedByName, raised_at_utc AS raisedAtUtc,
  status, disposition_comment AS dispositionComment, disposition_reference AS dispositionReference,
  dispositioned_by_user_id AS dispositionedByUserId, dispositioned_by_name AS dispositionedByName,
  dispositioned_at_utc AS dispositionedAtUtc`;

export function readBatch(sqlite: Database.Database, batchId: string): BatchRow | undefined {
  return sqlite.prepare(`SELECT ${batchColumns} FROM batches WHERE id = ?`).get(batchId) as
    BatchRow | undefined;
}

export function readBatchByNumber(sqlite: Database.Database, batchNumber: string): BatchRow | undefined {
  return sqlite.prepare(`SELECT ${batchColumns} FROM batches WHERE batch_number = ?`).get(batchNumber) as
    BatchRow | undefined;
}

export function readBatches(sqlite: Database.Database): BatchRow[] {
  return sqlite
    .prepare(`SELECT ${batchColumns} FROM batches ORDER BY created_at_utc DESC, rowid DESC`)
    .all() as BatchRow[];
}

export function readSteps(sqlite: Database.Database, batchId: string): BatchStepRow[] {
  return sqlite
    .prepare(`SELECT ${stepColumns} FROM batch_steps WHERE batch_id = ? ORDER BY position`)
    .all(batchId) as BatchStepRow[];
}

/** Every entry of a batch in the order recorded (rowid: the commit order). */
export function readEntries(sqlite: Database.Database, batchId: string): BatchEntryRow[] {
  return sqlite
    .prepare(`SELECT ${entryColumns} FROM batch_entries WHERE batch_id = ? ORDER BY rowid`)
    .all(batchId) as BatchEntryRow[];
}

export function readEntry(sqlite: Database.Database, entryId: string): BatchEntryRow | undefined {
  return sqlite.prepare(`SELECT ${entryColumns} FROM batch_entries WHERE id = ?`).get(entryId) as
    BatchEntryRow | undefined;
}

export function readExceptions(sqlite: Database.Database, batchId: string): BatchExceptionRow[] {
  return sqlite
    .prepare(`SELECT ${exceptionColumns} FROM batch_exceptions WHERE batch_id = ? ORDER BY rowid`)
    .all(batchId) as BatchExceptionRow[];
}

export function readException(sqlite: Database.Database, exceptionId: string): BatchExceptionRow | undefined {
  return sqlite.prepare(`SELECT ${exceptionColumns} FROM batch_exceptions WHERE id = ?`).get(exceptionId) as
    BatchExceptionRow | undefined;
}

export function readComments(sqlite: Database.Database, batchId: string): BatchCommentRow[] {
  return sqlite
    .prepare(
      `SELECT id, batch_id AS batchId, step_id AS stepId, text, author_user_id AS authorUserId, author_name AS authorName,
       created_at_utc AS createdAtUtc FROM batch_comments WHERE batch_id = ? ORDER BY rowid`,
    )
    .all(batchId) as BatchCommentRow[];
}
