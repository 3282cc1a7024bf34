import type Database from 'better-sqlite3-multiple-ciphers';
import type { BatchStatus } from '../../../shared/batches/batch-status';
import { describeValue, type RecordedValue } from '../../../shared/batches/recorded-value';
import type {
  BatchEntryView,
  BatchExceptionView,
  BatchStepView,
  BatchSummary,
  BatchView,
  StepPreview,
} from '../../../shared/contract/batches';
import type { SignatureService } from '../signatures/signature-service';
import {
  exceptionColumns,
  readBatches,
  readComments,
  readEntries,
  readExceptions,
  readSteps,
  type BatchEntryRow,
  type BatchExceptionRow,
  type BatchRow,
} from './batch-rows';
import { loadBatch } from './batch-state';
import type { StepEvaluation } from './engine/engine-types';
import { weighingLimits } from './engine/limits';
import { missingPrerequisites } from './engine/sequence';
import { BATCH_ENTRY_RECORD, BATCH_EXCEPTION_RECORD, BATCH_RECORD } from './signed-batch-records';

export function previewView(evaluation: StepEvaluation): StepPreview {
  return {
    value: evaluation.value,
    display: describeValue(evaluation.value),
    origin: evaluation.origin,
    withinLimits: evaluation.withinLimits,
    violation: evaluation.violation
      ? { handling: evaluation.violation.handling, message: evaluation.violation.message }
      : null,
    manualWhereInstrumentExpected: evaluation.manualWhereInstrumentExpected,
    requiredSignatures: evaluation.requiredSignatures,
  };
}

/** Read models of batches for the screens, the CLI and (later) the reports. */
export class BatchViews {
  constructor(
    private readonly sqlite: Database.Database,
    private readonly signatures: SignatureService,
  ) {}

  private terminalName(terminalId: string): string {
    return (
      (this.sqlite.prepare('SELECT name FROM terminals WHERE id = ?').pluck().get(terminalId) as
        string | undefined) ?? terminalId
    );
  }

  private summary(row: BatchRow): BatchSummary {
    const counts = this.sqlite
      .prepare(
        "SELECT COUNT(*) AS total, SUM(status = 'completed') AS completed FROM batch_steps WHERE batch_id = ?",
      )
      .get(row.id) as { total: number; completed: number | null };
    const open = this.sqlite
      .prepare("SELECT COUNT(*) FROM batch_exceptions WHERE batch_id = ? AND status = 'open'")
      .pluck()
      .get(row.id) as number;
    return {
      id: row.id,
      batchNumber: row.batchNumber,
      recipeVersionId: row.recipeVersionId,
      recipeCode: row.recipeCode,
      recipeVersionLabel: row.recipeVersionLabel,
      productCode: row.productCode,
      productName: row.productName,
      plannedQuantity: row.plannedQuantity,
      plannedUnit: row.plannedUnit,
      training: row.training === 1,
      status: row.status,
      terminalId: row.terminalId,
      terminalName: this.terminalName(row.terminalId),
      createdByName: row.createdByName,
      createdAtUtc: row.createdAtUtc,
      startedAtUtc: row.startedAtUtc,
      executionCompletedAtUtc: row.executionCompletedAtUtc,
      abortedAtUtc: row.abortedAtUtc,
      stepsCompleted: counts.completed ?? 0,
      stepCount: counts.total,
      openExceptions: open,
    };
  }

  list(statuses?: BatchStatus[]): BatchSummary[] {
    return readBatches(this.sqlite)
      .filter((row) => !statuses || statuses.includes(row.status))
      .map((row) => this.summary(row));
  }

  private entryView(row: BatchEntryRow, superseded: boolean): BatchEntryView {
    const value = JSON.parse(row.value) as RecordedValue;
    return {
      id: row.id,
      kind: row.kind,
      value,
      display: describeValue(value),
      origin: row.origin,
      withinLimits: row.withinLimits === null ? null : row.withinLimits === 1,
      supersedesId: row.supersedesId,
      reason: row.reason,
      enteredByUserId: row.enteredByUserId,
      enteredByName: row.enteredByName,
      enteredAtUtc: row.enteredAtUtc,
      superseded,
      signatures: this.signatures.listFor({ type: BATCH_ENTRY_RECORD, id: row.id }),
    };
  }

  private exceptionView(row: BatchExceptionRow, batch: BatchRow, stepTitle: string): BatchExceptionView {
    return {
      id: row.id,
      batchId: row.batchId,
      batchNumber: batch.batchNumber,
      training: batch.training === 1,
      stepId: row.stepId,
      stepTitle,
      entryId: row.entryId,
      type: row.type,
      handling: row.handling,
      severity: row.severity,
      description: row.description,
      comment: row.comment,
      raisedByName: row.raisedByName,
      raisedAtUtc: row.raisedAtUtc,
      status: row.status,
      signatures: this.signatures.listFor({ type: BATCH_EXCEPTION_RECORD, id: row.id }),
    };
  }

  get(batchId: string): BatchView {
    const { row, state, recipe } = loadBatch(this.sqlite, batchId);
    const stepRows = new Map(readSteps(this.sqlite, batchId).map((step) => [step.stepId, step]));
    const entries = readEntries(this.sqlite, batchId);
    const supersededIds = new Set(
      entries.map((entry) => entry.supersedesId).filter((id): id is string => id !== null),
    );
    const operationTitles = new Map(
      recipe.procedure.operations.map((operation) => [operation.id, operation.title]),
    );
    const titles = new Map(state.steps.map((step) => [step.id, step.definition.title]));
    const steps: BatchStepView[] = state.steps.map((step) => {
      const stored = stepRows.get(step.id)!;
      const stepEntries = entries
        .filter((entry) => entry.stepId === step.id)
        .map((entry) => this.entryView(entry, supersededIds.has(entry.id)));
      const definition = step.definition;
      return {
        id: step.id,
        operationId: step.operationId,
        operationTitle: operationTitles.get(step.operationId) ?? step.operationId,
        position: stored.position,
        definition,
        prerequisites: step.prerequisites,
        status: step.status,
        ownerUserId: step.ownerUserId,
        ownerName: stored.ownerName,
        startedAtUtc: stored.startedAtUtc,
        completedAtUtc: stored.completedAtUtc,
        ready:
          state.status === 'in-progress' &&
          step.status === 'pending' &&
          missingPrerequisites(state, step).length === 0,
        current: stepEntries.at(-1) ?? null,
        entries: stepEntries,
        changed: stepEntries.length > 1,
        weighing:
          definition.type === 'weighing'
            ? weighingLimits(recipe, definition, state.plannedQuantity, definition.decimals)
            : null,
      };
    });
    return {
      ...this.summary(row),
      recipeContentHash: row.recipeContentHash,
      recipeName: recipe.header.name,
      operations: recipe.procedure.operations.map((operation) => ({
        id: operation.id,
        title: operation.title,
      })),
      steps,
      exceptions: readExceptions(this.sqlite, batchId).map((exception) =>
        this.exceptionView(exception, row, titles.get(exception.stepId) ?? exception.stepId),
      ),
      comments: readComments(this.sqlite, batchId).map((comment) => ({
        id: comment.id,
        stepId: comment.stepId,
        text: comment.text,
        authorName: comment.authorName,
        createdAtUtc: comment.createdAtUtc,
      })),
      signatures: this.signatures.listFor({ type: BATCH_RECORD, id: batchId }),
    };
  }

  /** Open exceptions of the batches created at this terminal, newest first: the supervisor's list. */
  openExceptions(terminalId: string): BatchExceptionView[] {
    const rows = this.sqlite
      .prepare(
        `SELECT ${exceptionColumns} FROM batch_exceptions
         WHERE status = 'open' AND batch_id IN (SELECT id FROM batches WHERE terminal_id = ?)
         ORDER BY raised_at_utc DESC, rowid DESC`,
      )
      .all(terminalId) as BatchExceptionRow[];
    // Each batch read once, however many of its exceptions are open.
    const batches = new Map<string, { row: BatchRow; titles: Map<string, string> }>();
    const batchOf = (batchId: string) => {
      let found = batches.get(batchId);
      if (!found) {
        const { row, state } = loadBatch(this.sqlite, batchId);
        found = { row, titles: new Map(state.steps.map((step) => [step.id, step.definition.title])) };
        batches.set(batchId, found);
      }
      return found;
    };
    return rows.map((exception) => {
      const { row, titles } = batchOf(exception.batchId);
      return this.exceptionView(exception, row, titles.get(exception.stepId) ?? exception.stepId);
    });
  }
}
