import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { flag, id, utc } from './columns';

/**
 * Batches executed from an effective recipe version. Identity columns never change (a trigger
 * refuses it); only the status and its timestamps move, each move audited.
 */
export const batches = sqliteTable(
  'batches',
  {
    id: id(),
    batchNumber: text('batch_number').notNull(),
    recipeVersionId: text('recipe_version_id').notNull(),
    recipeCode: text('recipe_code').notNull(),
    recipeVersionLabel: text('recipe_version_label').notNull(),
    recipeContentHash: text('recipe_content_hash').notNull(),
    productCode: text('product_code').notNull(),
    productName: text('product_name').notNull(),
    plannedQuantity: real('planned_quantity').notNull(),
    plannedUnit: text('planned_unit').notNull(),
    training: flag('training'),
    status: text('status', {
      enum: ['created', 'in-progress', 'on-hold', 'execution-complete', 'aborted', 'released', 'rejected'],
    }).notNull(),
    terminalId: text('terminal_id').notNull(),
    createdByUserId: text('created_by_user_id').notNull(),
    createdByName: text('created_by_name').notNull(),
    createdAtUtc: utc('created_at_utc'),
    startedAtUtc: text('started_at_utc'),
    executionCompletedAtUtc: text('execution_completed_at_utc'),
    abortedAtUtc: text('aborted_at_utc'),
    /** QA's decision (A11-15): released or rejected; the batch is locked from then on. */
    releasedAtUtc: text('released_at_utc'),
    rejectedAtUtc: text('rejected_at_utc'),
  },
  (table) => [
    uniqueIndex('batches_batch_number').on(table.batchNumber),
    index('batches_status').on(table.status),
  ],
);

/** Where each step of a batch stands; the values themselves are append-only entries. */
export const batchSteps = sqliteTable(
  'batch_steps',
  {
    batchId: text('batch_id').notNull(),
    stepId: text('step_id').notNull(),
    position: integer('position').notNull(),
    status: text('status', { enum: ['pending', 'in-progress', 'completed'] }).notNull(),
    ownerUserId: text('owner_user_id'),
    ownerName: text('owner_name'),
    startedAtUtc: text('started_at_utc'),
    completedAtUtc: text('completed_at_utc'),
  },
  (table) => [primaryKey({ columns: [table.batchId, table.stepId] })],
);

/**
 * Recorded values (A11-8.2): append-only. A correction or a recomputation is a new entry that
 * supersedes the previous one; the original stays.
 */
export const batchEntries = sqliteTable(
  'batch_entries',
  {
    id: id(),
    batchId: text('batch_id').notNull(),
    stepId: text('step_id').notNull(),
    kind: text('kind', { enum: ['original', 'correction', 'recomputed'] }).notNull(),
    value: text('value').notNull(),
    origin: text('origin', { enum: ['manual', 'instrument', 'computed', 'clock'] }).notNull(),
    withinLimits: integer('within_limits', { mode: 'boolean' }),
    supersedesId: text('supersedes_id'),
    /** The instrument capture this value came from (each capture records one entry at most). */
    captureId: text('capture_id'),
    reason: text('reason'),
    enteredByUserId: text('entered_by_user_id').notNull(),
    enteredByName: text('entered_by_name').notNull(),
    enteredAtUtc: utc('entered_at_utc'),
  },
  (table) => [
    index('batch_entries_step').on(table.batchId, table.stepId),
    uniqueIndex('batch_entries_capture')
      .on(table.captureId)
      .where(sql`capture_id IS NOT NULL`),
  ],
);

/** Exceptions raised in execution; QA dispositions them in review (only those columns move). */
export const batchExceptions = sqliteTable(
  'batch_exceptions',
  {
    id: id(),
    batchId: text('batch_id').notNull(),
    stepId: text('step_id').notNull(),
    entryId: text('entry_id'),
    type: text('type', {
      enum: ['out-of-limit', 'timer-exceeded', 'manual-entry', 'recomputed-out-of-limit'],
    }).notNull(),
    handling: text('handling', { enum: ['override', 'deviation', 'record'] }).notNull(),
    severity: text('severity', { enum: ['minor', 'major', 'critical'] }).notNull(),
    description: text('description').notNull(),
    comment: text('comment').notNull(),
    raisedByUserId: text('raised_by_user_id').notNull(),
    raisedByName: text('raised_by_name').notNull(),
    raisedAtUtc: utc('raised_at_utc'),
    status: text('status', { enum: ['open', 'accepted', 'investigation'] }).notNull(),
    dispositionComment: text('disposition_comment'),
    dispositionReference: text('disposition_reference'),
    dispositionedByUserId: text('dispositioned_by_user_id'),
    dispositionedByName: text('dispositioned_by_name'),
    dispositionedAtUtc: text('dispositioned_at_utc'),
  },
  (table) => [
    index('batch_exceptions_batch').on(table.batchId),
    index('batch_exceptions_status').on(table.status),
  ],
);

/** Comments on a batch or one of its steps: append-only. */
export const batchComments = sqliteTable(
  'batch_comments',
  {
    id: id(),
    batchId: text('batch_id').notNull(),
    stepId: text('step_id'),
    text: text('text').notNull(),
    authorUserId: text('author_user_id').notNull(),
    authorName: text('author_name').notNull(),
    createdAtUtc: utc('created_at_utc'),
  },
  (table) => [index('batch_comments_batch').on(table.batchId)],
);

/** QA's signed review of a batch's audit trail (A11-9), part of review by exception. */
export const batchAuditReviews = sqliteTable(
  'batch_audit_reviews',
  {
    id: id(),
    batchId: text('batch_id').notNull(),
    rowCount: integer('row_count').notNull(),
    firstSeq: integer('first_seq'),
    lastSeq: integer('last_seq'),
    /** SHA-256 over the hashes of the rows reviewed: which rows, exactly. */
    digest: text('digest').notNull(),
    comment: text('comment').notNull(),
    reviewedByUserId: text('reviewed_by_user_id').notNull(),
    reviewedByName: text('reviewed_by_name').notNull(),
    reviewedAtUtc: utc('reviewed_at_utc'),
  },
  (table) => [index('batch_audit_reviews_batch').on(table.batchId)],
);

/**
 * QA's disposition of each review item (an exception, a correction, a signature that fails
 * verification): append-only, each signed "reviewed". The latest per item stands.
 */
export const batchDispositions = sqliteTable(
  'batch_dispositions',
  {
    id: id(),
    batchId: text('batch_id').notNull(),
    /** `exception:<id>`, `correction:<entry id>` or `signature:<signature id>`. */
    itemKey: text('item_key').notNull(),
    decision: text('decision', { enum: ['accepted', 'investigation'] }).notNull(),
    comment: text('comment').notNull(),
    reference: text('reference'),
    decidedByUserId: text('decided_by_user_id').notNull(),
    decidedByName: text('decided_by_name').notNull(),
    decidedAtUtc: utc('decided_at_utc'),
  },
  (table) => [index('batch_dispositions_batch').on(table.batchId, table.itemKey)],
);
