import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { flag, id, utc } from './columns';

/**
 * Training and qualification (P11-10i, A11-2). Every table here is append-only: a record of
 * training is never changed or deleted; a revised SOP is a new version row.
 */

/** SOP documents by code; their versions in `sop_versions` (the latest issued is current). */
export const sopDocuments = sqliteTable(
  'sop_documents',
  {
    id: id(),
    code: text('code').notNull(),
    title: text('title').notNull(),
    registeredByUserId: text('registered_by_user_id').notNull(),
    registeredByName: text('registered_by_name').notNull(),
    registeredAtUtc: utc('registered_at_utc'),
  },
  (table) => [uniqueIndex('sop_documents_code').on(table.code)],
);

export const sopVersions = sqliteTable(
  'sop_versions',
  {
    id: id(),
    sopId: text('sop_id').notNull(),
    version: text('version').notNull(),
    issuedByUserId: text('issued_by_user_id').notNull(),
    issuedByName: text('issued_by_name').notNull(),
    issuedAtUtc: utc('issued_at_utc'),
  },
  (table) => [uniqueIndex('sop_versions_sop_version').on(table.sopId, table.version)],
);

/** A qualification (curriculum): the SOPs it requires, an assessment or not, how long it lasts. */
export const qualifications = sqliteTable(
  'qualifications',
  {
    id: id(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** JSON array of SOP codes; the version required is always the SOP's current one. */
    requiredSopCodes: text('required_sop_codes').notNull(),
    assessmentRequired: flag('assessment_required'),
    validityMonths: integer('validity_months').notNull(),
    registeredByUserId: text('registered_by_user_id').notNull(),
    registeredByName: text('registered_by_name').notNull(),
    registeredAtUtc: utc('registered_at_utc'),
  },
  (table) => [uniqueIndex('qualifications_code').on(table.code)],
);

/**
 * A read-and-understood (the trainee's "trained" signature on an SOP version) or a practical
 * assessment (the trainer's "assessed" signature on a qualification), for one person.
 */
export const trainingRecords = sqliteTable(
  'training_records',
  {
    id: id(),
    kind: text('kind', { enum: ['read-and-understood', 'assessment'] }).notNull(),
    userId: text('user_id').notNull(),
    userName: text('user_name').notNull(),
    sopVersionId: text('sop_version_id'),
    qualificationId: text('qualification_id'),
    comment: text('comment').notNull(),
    recordedByUserId: text('recorded_by_user_id').notNull(),
    recordedByName: text('recorded_by_name').notNull(),
    recordedAtUtc: utc('recorded_at_utc'),
  },
  (table) => [index('training_records_user').on(table.userId, table.recordedAtUtc)],
);

/**
 * The qualifications a step's performer and signers held when the step was recorded (A11-2): the
 * batch record shows them even after they expire.
 */
export const stepQualifications = sqliteTable(
  'step_qualifications',
  {
    id: id(),
    batchId: text('batch_id').notNull(),
    stepId: text('step_id').notNull(),
    /** `performed` for the performer, else the signature meaning the person signed with. */
    capacity: text('capacity').notNull(),
    userId: text('user_id').notNull(),
    userName: text('user_name').notNull(),
    qualificationCode: text('qualification_code').notNull(),
    qualificationName: text('qualification_name').notNull(),
    validUntilUtc: text('valid_until_utc').notNull(),
    recordedAtUtc: utc('recorded_at_utc'),
  },
  (table) => [index('step_qualifications_batch').on(table.batchId, table.stepId)],
);
