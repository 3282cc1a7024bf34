import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import { canonicalJson } from '../../../shared/canonical-json';
import {
  readBatch,
  readEntries,
  readEntry,
  readException,
  readExceptions,
  type BatchExceptionRow,
} from './batch-rows';

/**
 * What execution signatures cover (P11-70). An entry signature covers the entry itself (append-only,
 * so any change breaks it); an override covers the facts of its exception, not the disposition QA
 * adds later; a batch signature covers the batch's identity and a digest of every entry and
 * exception fact, so an entry added or changed afterwards breaks it.
 */
export const BATCH_RECORD = 'batch';
export const BATCH_ENTRY_RECORD = 'batch-entry';
export const BATCH_EXCEPTION_RECORD = 'batch-exception';

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function exceptionFacts(row: BatchExceptionRow) {
  return {
    id: row.id,
    batchId: row.batchId,
    stepId: row.stepId,
    entryId: row.entryId,
    type: row.type,
    handling: row.handling,
    severity: row.severity,
    description: row.description,
    comment: row.comment,
    raisedByUserId: row.raisedByUserId,
    raisedAtUtc: row.raisedAtUtc,
  };
}

export function readSignedEntry(sqlite: Database.Database, entryId: string) {
  const entry = readEntry(sqlite, entryId);
  if (!entry) return undefined;
  const batch = readBatch(sqlite, entry.batchId);
  return { batchNumber: batch?.batchNumber ?? null, ...entry };
}

export function readSignedException(sqlite: Database.Database, exceptionId: string) {
  const row = readException(sqlite, exceptionId);
  return row ? exceptionFacts(row) : undefined;
}

export function readSignedBatch(sqlite: Database.Database, batchId: string) {
  const batch = readBatch(sqlite, batchId);
  if (!batch) return undefined;
  return {
    id: batch.id,
    batchNumber: batch.batchNumber,
    recipeVersionId: batch.recipeVersionId,
    recipeContentHash: batch.recipeContentHash,
    plannedQuantity: batch.plannedQuantity,
    plannedUnit: batch.plannedUnit,
    training: batch.training === 1,
    terminalId: batch.terminalId,
    entriesDigest: sha256(canonicalJson(readEntries(sqlite, batchId))),
    exceptionsDigest: sha256(canonicalJson(readExceptions(sqlite, batchId).map(exceptionFacts))),
  };
}
