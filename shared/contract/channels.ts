import { z } from 'zod';
import { languages } from '../i18n/languages';
import { safeText, SCAN_DATA_TEXT } from '../text/safe-text';
import type { SecuritySettings } from '../security-settings';
import type { AuditVerificationReport } from './audit';
import {
  auditFilterSchema,
  type AuditPageView,
  type AuditReviewView,
  type ExportedFile,
  type PersonRef,
} from './audit-trail';
import {
  backupSettingsUpdateInput,
  backupVerifyInput,
  type BackupCreatedView,
  type BackupRecordView,
  type BackupSettingsView,
  type BackupVerificationView,
} from './backup';
import { defineChannel, type ChannelDefinition } from './channel';
import {
  assessmentInput,
  qualificationFieldsSchema,
  readAndUnderstoodInput,
  sopVersionInput,
  type ExpiringQualificationView,
  type PersonTrainingView,
  type QualificationMatrixView,
  type QualificationView,
  type SopView,
  type TrainingRecordFile,
} from './qualifications';
import type { SecurityAlert, SessionView, SetupResult, TerminalView, UserSummary } from './identity';
import {
  cosignerCredentialsSchema,
  fullNameField,
  idField,
  passwordField,
  reasonField,
  rolesField,
  selfCredentialsSchema,
  settingsUpdateSchema,
  setupInputSchema,
  usernameField,
} from './inputs';
import type { RecipeVersionSummary, RecipeVersionView } from './recipes';
import {
  abortBatchInput,
  batchCommentInput,
  batchRef,
  completeExecutionInput,
  completeStepInput,
  correctStepInput,
  createBatchInput,
  previewStepInput,
  stepRef,
} from './batch-inputs';
import type { BatchExceptionView, BatchSummary, BatchView, StepPreview } from './batches';
import { batchStatuses } from '../batches/batch-status';
import {
  instrumentCheckInput,
  instrumentStatusInput,
  registerInstrumentInput,
  updateInstrumentInput,
} from './instrument-inputs';
import type { InstrumentView, SerialPortView } from './instruments';
import type { CaptureView, LiveInstrument } from './live-instruments';
import type { ReleaseTime, ReviewQueueItem, ReviewView } from './review';
import { selfCredentialsSchema as reviewerCredentials } from './inputs';
import {
  batchRecordInput,
  exportVerifyInput,
  exportWriteInput,
  type ExportDestinationView,
  type ExportVerificationView,
  type ExportWriteResult,
  type RecentExportView,
  type RecordFile,
} from './records';
import type { SystemHealth, SystemInfo } from './system';
import {
  cleaningRecordInput,
  equipmentCodeField,
  equipmentFieldsSchema,
  equipmentStatusInput,
  genealogyBatchInput,
  genealogyLotInput,
  lotFieldsSchema,
  lotImportInput,
  lotListInput,
  lotNumberField,
  lotStatusChangeInput,
  materialFieldsSchema,
} from './material-inputs';
import type {
  EquipmentDetailView,
  EquipmentView,
  GenealogyBatchView,
  GenealogyLotView,
  LogbookFile,
  LotImportResult,
  LotSummary,
  LotView,
  MaterialView,
} from './materials';

const noInput = z.object({}).strict();
const userChange = z.object({ userId: idField, reason: reasonField }).strict();
const terminalChange = z.object({ terminalId: idField, reason: reasonField }).strict();

/** Every channel the renderer may call. Names appear nowhere else by hand. */
export const channels = {
  'system.info': defineChannel<SystemInfo>()({
    input: noInput,
    permission: 'public',
    description: 'Application, store, encryption and terminal facts for the shell',
  }),
  'system.health': defineChannel<SystemHealth>()({
    input: noInput,
    permission: 'public',
    description: 'Start-up and store checks, each with a message an operator can act on',
  }),
  'audit.verify': defineChannel<AuditVerificationReport>()({
    input: noInput,
    permission: 'audit.verify',
    description: 'Walk the whole audit chain and its signed checkpoints',
  }),

  'audit.query': defineChannel<AuditPageView>()({
    input: z
      .object({
        filter: auditFilterSchema,
        beforeSeq: z.number().int().positive().optional(),
        pageSize: z.number().int().min(1).max(500).default(50),
      })
      .strict(),
    permission: 'audit.read',
    description: 'One page of the audit trail, newest first, filtered',
  }),
  'audit.people': defineChannel<PersonRef[]>()({
    input: noInput,
    permission: 'audit.read',
    description: 'Everyone who can appear in the audit trail, for the user filter',
  }),
  'audit.exportCsv': defineChannel<ExportedFile>()({
    input: z.object({ filter: auditFilterSchema }).strict(),
    permission: 'audit.read',
    description: 'The filtered audit trail as CSV',
  }),
  'audit.exportPdf': defineChannel<ExportedFile>()({
    input: z.object({ filter: auditFilterSchema }).strict(),
    permission: 'audit.read',
    description: 'The filtered audit trail as a PDF report',
  }),
  'audit.reviews.list': defineChannel<AuditReviewView[]>()({
    input: noInput,
    permission: 'audit.read',
    description: 'Recorded audit-trail reviews with their signatures, newest first',
  }),
  'audit.reviews.create': defineChannel<AuditReviewView>()({
    input: z
      .object({ filter: auditFilterSchema, comment: reasonField, credentials: selfCredentialsSchema })
      .strict(),
    permission: 'audit.review',
    description: 'Record a review of the rows in scope, signed "reviewed" (password re-entered)',
  }),
  'audit.reviews.cosign': defineChannel<AuditReviewView>()({
    input: z.object({ reviewId: idField, credentials: cosignerCredentialsSchema }).strict(),
    permission: 'audit.read',
    description: 'A second person verifies a review at this terminal ("verified", not the reviewer)',
  }),

  'recipes.list': defineChannel<RecipeVersionSummary[]>()({
    input: noInput,
    permission: 'recipes.read',
    description: 'Every master recipe version with its status',
  }),
  'recipes.get': defineChannel<RecipeVersionView>()({
    input: z.object({ versionId: idField }).strict(),
    permission: 'recipes.read',
    description: 'One recipe version: content, status, signatures and whether its content is intact',
  }),
  'recipes.import': defineChannel<RecipeVersionView>()({
    input: z
      .object({
        fileName: safeText().trim().min(1).max(255),
        base64: safeText()
          .max(7_100_000, 'The file is larger than 5 MB.')
          .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The file content is not base64.'),
      })
      .strict(),
    permission: 'recipes.author',
    description: 'Import a recipe file as a Draft version (validated; nothing is imported on any problem)',
  }),
  'recipes.submit': defineChannel<RecipeVersionView>()({
    input: z.object({ versionId: idField, reason: reasonField }).strict(),
    permission: 'recipes.author',
    description: 'Submit a Draft for review',
  }),
  'recipes.approve': defineChannel<RecipeVersionView>()({
    input: z
      .object({ versionId: idField, comment: reasonField, credentials: selfCredentialsSchema })
      .strict(),
    permission: 'recipes.manage',
    description: 'Approve a version in review by signature ("approved"; never the author)',
  }),
  'recipes.reject': defineChannel<RecipeVersionView>()({
    input: z.object({ versionId: idField, reason: reasonField, credentials: selfCredentialsSchema }).strict(),
    permission: 'recipes.manage',
    description: 'Reject a version in review by signature, with the reason',
  }),
  'recipes.makeEffective': defineChannel<RecipeVersionView>()({
    input: z
      .object({
        versionId: idField,
        effectiveFromUtc: safeText().datetime({ offset: false }).optional(),
        reason: reasonField,
      })
      .strict(),
    permission: 'recipes.manage',
    description: 'Make an approved version effective now or from a date; the previous one is superseded',
  }),
  'recipes.retire': defineChannel<RecipeVersionView>()({
    input: z.object({ versionId: idField, reason: reasonField }).strict(),
    permission: 'recipes.manage',
    description: 'Retire a version: no new batch starts from it',
  }),

  'batches.list': defineChannel<BatchSummary[]>()({
    input: z
      .object({ statuses: z.array(z.enum(batchStatuses)).max(batchStatuses.length).optional() })
      .strict(),
    permission: 'batches.read',
    description: 'Batches, newest first, optionally only those in some statuses',
  }),
  'batches.get': defineChannel<BatchView>()({
    input: batchRef,
    permission: 'batches.read',
    description: 'One batch: its steps with every entry, signatures, exceptions and comments',
  }),
  'batches.create': defineChannel<BatchView>()({
    input: createBatchInput,
    permission: 'batches.create',
    description: 'Create a batch from an effective recipe version at this terminal',
  }),
  'batches.start': defineChannel<BatchView>()({
    input: batchRef,
    permission: 'batches.execute',
    description: 'Start executing a created batch',
  }),
  'batches.hold': defineChannel<BatchView>()({
    input: z.object({ batchId: idField, reason: reasonField }).strict(),
    permission: 'batches.execute',
    description: 'Put a batch in progress on hold, with the reason',
  }),
  'batches.resume': defineChannel<BatchView>()({
    input: batchRef,
    permission: 'batches.execute',
    description: 'Resume a batch on hold',
  }),
  'batches.abort': defineChannel<BatchView>()({
    input: abortBatchInput,
    permission: 'batches.execute',
    description: 'Abort a batch with the reason and a supervisor\'s "aborted" signature',
  }),
  'batches.startStep': defineChannel<BatchView>()({
    input: stepRef,
    permission: 'batches.execute',
    description: 'Start a ready step: it belongs to this operator until completed or released',
  }),
  'batches.releaseStep': defineChannel<BatchView>()({
    input: z.object({ batchId: idField, stepId: stepRef.shape.stepId, reason: reasonField }).strict(),
    permission: 'batches.execute',
    description: 'Give a step in progress back (its owner, or a supervisor), with the reason',
  }),
  'batches.previewStep': defineChannel<StepPreview>()({
    input: previewStepInput,
    permission: 'batches.execute',
    description: 'What an entry would record (limits, signatures needed), before signing; records nothing',
  }),
  'batches.completeStep': defineChannel<BatchView>()({
    input: completeStepInput,
    permission: 'batches.execute',
    description: "Record a step's value with its signatures (and override or deviation), completing it",
  }),
  'batches.correctStep': defineChannel<BatchView>()({
    input: correctStepInput,
    permission: 'batches.execute',
    description: 'Correct a completed value with a reason and signature; the original stays',
  }),
  'batches.comment': defineChannel<BatchView>()({
    input: batchCommentInput,
    permission: 'batches.execute',
    description: 'Add a comment to a batch or one of its steps',
  }),
  'batches.completeExecution': defineChannel<BatchView>()({
    input: completeExecutionInput,
    permission: 'batches.execute',
    description: 'Mark execution complete once every step is, signed "performed"',
  }),
  'batches.openExceptions': defineChannel<BatchExceptionView[]>()({
    input: noInput,
    permission: 'batches.supervise',
    description: 'Open exceptions of the batches at this terminal, for the supervisor',
  }),

  'records.batchPdf': defineChannel<RecordFile>()({
    input: batchRecordInput,
    permission: 'batches.read',
    description: 'The batch record as a PDF (everything, with its audit trail and integrity footer)',
  }),
  'records.electronicCopy': defineChannel<RecordFile>()({
    input: batchRecordInput,
    permission: 'batches.read',
    description: 'The complete batch record as canonical JSON (the electronic copy the PDF footer hashes)',
  }),
  'records.batchml': defineChannel<RecordFile>()({
    input: batchRecordInput,
    permission: 'batches.read',
    description:
      'The complete batch record as a BatchML BatchProductionRecord (XML), built from the electronic copy',
  }),
  'records.reviewSummary': defineChannel<RecordFile>()({
    input: batchRecordInput,
    permission: 'batches.review',
    description:
      'The review summary PDF (one page): what was not routine, its dispositions, the audit-trail review, the decision',
  }),
  'records.paperContinuation': defineChannel<RecordFile>()({
    input: batchRecordInput,
    permission: 'batches.read',
    description:
      'A paper continuation record of a batch not complete: remaining steps to fill in by hand (audited)',
  }),
  'exports.destinations': defineChannel<ExportDestinationView[]>()({
    input: noInput,
    permission: 'exports.write',
    description: 'Drives an export package can go to, removable ones first, with free space',
  }),
  'exports.write': defineChannel<ExportWriteResult>()({
    input: exportWriteInput,
    permission: 'exports.write',
    description:
      'Write one signed export package per batch into a folder; progress as exports.progress; audited',
  }),
  'exports.recent': defineChannel<RecentExportView[]>()({
    input: noInput,
    permission: 'exports.write',
    description: 'The latest export packages written at this store, newest first (for the start page)',
  }),
  'exports.verify': defineChannel<ExportVerificationView>()({
    input: exportVerifyInput,
    permission: 'exports.verify',
    description: 'Verify an export package folder (hashes, signature, exact file list) and name its terminal',
  }),

  'review.queue': defineChannel<ReviewQueueItem[]>()({
    input: noInput,
    permission: 'batches.review',
    description: 'Batches awaiting QA (execution complete) with counts of what is not routine',
  }),
  'review.get': defineChannel<ReviewView>()({
    input: batchRef,
    permission: 'batches.review',
    description: 'Review by exception of one batch: items to disposition, audit rows, what blocks release',
  }),
  'review.disposition': defineChannel<ReviewView>()({
    input: z
      .object({
        batchId: idField,
        itemKey: safeText().regex(/^(exception|correction|signature):[0-9a-f-]{36}$/, 'Not a review item.'),
        decision: z.enum(['accepted', 'investigation']),
        comment: reasonField,
        reference: safeText().trim().max(80).optional(),
        credentials: reviewerCredentials,
      })
      .strict(),
    permission: 'batches.review',
    description: 'Disposition one review item by signature ("reviewed"): accepted, or requires investigation',
  }),
  'review.auditTrail': defineChannel<ReviewView>()({
    input: z.object({ batchId: idField, comment: reasonField, credentials: reviewerCredentials }).strict(),
    permission: 'batches.review',
    description: "Record the signed review of the batch's audit trail (A11-9)",
  }),
  'review.decide': defineChannel<ReviewView>()({
    input: z
      .object({
        batchId: idField,
        decision: z.enum(['released', 'rejected']),
        comment: reasonField,
        credentials: reviewerCredentials,
      })
      .strict(),
    permission: 'batches.review',
    description: 'QA signs "released" (only when nothing blocks it) or "rejected"; the batch is locked',
  }),
  'review.releaseTimes': defineChannel<ReleaseTime[]>()({
    input: noInput,
    permission: 'batches.review',
    description: 'Hours from execution complete to release or rejection, recent batches',
  }),

  'instruments.list': defineChannel<InstrumentView[]>()({
    input: noInput,
    permission: 'instruments.read',
    description: 'Registered instruments with their calibration state and check history',
  }),
  'instruments.live': defineChannel<LiveInstrument[]>()({
    input: noInput,
    permission: 'instruments.read',
    description: "This terminal's connected instruments: driver state, identity, tare and latest reading",
  }),
  'instruments.capture': defineChannel<CaptureView>()({
    input: z.object({ batchId: idField, stepId: stepRef.shape.stepId, instrumentId: idField }).strict(),
    permission: 'batches.execute',
    description:
      'Take a stable reading for the step in progress, after every device check; stored as received',
  }),
  'instruments.tare': defineChannel<LiveInstrument>()({
    input: z.object({ instrumentId: idField }).strict(),
    permission: 'batches.execute',
    description: 'Tare the balance and read the tare back',
  }),
  'instruments.zero': defineChannel<LiveInstrument>()({
    input: z.object({ instrumentId: idField }).strict(),
    permission: 'batches.execute',
    description: 'Zero the balance (empty pan)',
  }),
  'instruments.stream': defineChannel<LiveInstrument>()({
    input: z.object({ instrumentId: idField, on: z.boolean() }).strict(),
    permission: 'batches.execute',
    description: 'Live readings from the balance on or off (for the weighing screen)',
  }),
  'instruments.simulate': defineChannel<LiveInstrument>()({
    input: z
      .object({
        instrumentId: idField,
        load: z.number().finite().min(-1000).max(1_000_000).optional(),
        vibrating: z.boolean().optional(),
        pH: z.number().finite().min(0).max(14).optional(),
        scan: safeText('Scan', SCAN_DATA_TEXT).min(1).max(200).optional(),
      })
      .strict(),
    permission: 'batches.execute',
    description:
      'Training: drive a SIMULATED instrument (load on the pan, pH, a scan); refused for real ones',
  }),
  'instruments.ports': defineChannel<SerialPortView[]>()({
    input: noInput,
    permission: 'instruments.manage',
    description: "The serial ports the operating system lists, for choosing an instrument's port",
  }),
  'instruments.register': defineChannel<InstrumentView>()({
    input: registerInstrumentInput,
    permission: 'instruments.manage',
    description: 'Register an instrument (protocol, port, serial settings, expected serial number, limits)',
  }),
  'instruments.update': defineChannel<InstrumentView>()({
    input: updateInstrumentInput,
    permission: 'instruments.manage',
    description: 'Change a registered instrument, with the reason',
  }),
  'instruments.setStatus': defineChannel<InstrumentView>()({
    input: instrumentStatusInput,
    permission: 'instruments.manage',
    description: 'Put an instrument in or out of service, or retire it, with the reason',
  }),
  'instruments.recordCheck': defineChannel<InstrumentView>()({
    input: instrumentCheckInput,
    permission: 'instruments.manage',
    description: 'Record a calibration or daily check (a failed one takes the instrument out of service)',
  }),

  'materials.list': defineChannel<MaterialView[]>()({
    input: noInput,
    permission: 'materials.read',
    description: 'The material master: every registered material',
  }),
  'materials.register': defineChannel<MaterialView>()({
    input: z.object({ fields: materialFieldsSchema }).strict(),
    permission: 'materials.register',
    description: 'Register a material (code, name, kind, base unit, storage conditions); audited',
  }),
  'lots.list': defineChannel<LotSummary[]>()({
    input: lotListInput,
    permission: 'materials.read',
    description: 'Lots by status, material or text, or those expiring soon; status as the clock makes it',
  }),
  'lots.get': defineChannel<LotView>()({
    input: z.object({ lotNumber: lotNumberField }).strict(),
    permission: 'materials.read',
    description: 'One lot: its facts, status history with signatures, and where it was used',
  }),
  'lots.register': defineChannel<LotView>()({
    input: z.object({ fields: lotFieldsSchema }).strict(),
    permission: 'materials.register',
    description: 'Register a received lot by hand; it starts in quarantine',
  }),
  'lots.import': defineChannel<LotImportResult>()({
    input: lotImportInput,
    permission: 'materials.register',
    description:
      'Import lots from an ERP CSV file: every problem with line and column, nothing imported on any',
  }),
  'lots.changeStatus': defineChannel<LotView>()({
    input: lotStatusChangeInput,
    permission: 'materials.release',
    description: 'QA releases, rejects or quarantines a lot, signed, with a reason',
  }),
  'equipment.list': defineChannel<EquipmentView[]>()({
    input: noInput,
    permission: 'equipment.read',
    description: 'Equipment and rooms with the status their logbook and the clock give',
  }),
  'equipment.get': defineChannel<EquipmentDetailView>()({
    input: z.object({ equipmentCode: equipmentCodeField }).strict(),
    permission: 'equipment.read',
    description: 'One item or room with its logbook (use, cleaning, maintenance), in order',
  }),
  'equipment.register': defineChannel<EquipmentDetailView>()({
    input: z.object({ fields: equipmentFieldsSchema, reason: reasonField }).strict(),
    permission: 'equipment.manage',
    description: 'Register an equipment item or room with its hold times and campaign rule',
  }),
  'equipment.recordCleaning': defineChannel<EquipmentDetailView>()({
    input: cleaningRecordInput,
    permission: 'equipment.clean',
    description: 'A cleaning record: signed "performed" by who cleaned, "verified" by a second person',
  }),
  'equipment.changeStatus': defineChannel<EquipmentDetailView>()({
    input: equipmentStatusInput,
    permission: 'equipment.manage',
    description: 'Maintenance start/end, out of service, back in service: signed, with a reason',
  }),
  'equipment.logbookPdf': defineChannel<LogbookFile>()({
    input: z.object({ equipmentCode: equipmentCodeField }).strict(),
    permission: 'equipment.read',
    description: "An item's or room's logbook as PDF: every use, cleaning and maintenance, in order",
  }),
  'genealogy.lot': defineChannel<GenealogyLotView>()({
    input: genealogyLotInput,
    permission: 'materials.read',
    description: 'Forward genealogy: every batch that consumed the lot, and how much',
  }),
  'genealogy.batch': defineChannel<GenealogyBatchView>()({
    input: genealogyBatchInput,
    permission: 'batches.read',
    description: 'Backward genealogy: the lots a batch consumed, the equipment it used, its output lot',
  }),

  'sops.list': defineChannel<SopView[]>()({
    input: noInput,
    permission: 'training.read',
    description: 'SOP documents with their versions; the latest issued is the one people must have read',
  }),
  'sops.issueVersion': defineChannel<SopView>()({
    input: sopVersionInput,
    permission: 'qualifications.manage',
    description:
      'Issue an SOP version (registers the SOP on its first): earlier read-and-understood stops counting',
  }),
  'qualifications.list': defineChannel<QualificationView[]>()({
    input: noInput,
    permission: 'training.read',
    description: 'Qualifications: required SOPs, practical assessment, validity in months',
  }),
  'qualifications.register': defineChannel<QualificationView>()({
    input: z.object({ fields: qualificationFieldsSchema, reason: reasonField }).strict(),
    permission: 'qualifications.manage',
    description: 'Register a qualification (curriculum); audited',
  }),
  'training.matrix': defineChannel<QualificationMatrixView>()({
    input: noInput,
    permission: 'training.read',
    description:
      'People × qualifications with the state of each (qualified, expiring, expired, SOP revised, missing)',
  }),
  'training.person': defineChannel<PersonTrainingView>()({
    input: z.object({ userId: idField }).strict(),
    permission: 'training.read',
    description: "A person's training record: every read-and-understood and assessment, and the standings",
  }),
  'training.personPdf': defineChannel<TrainingRecordFile>()({
    input: z.object({ userId: idField }).strict(),
    permission: 'training.read',
    description: "A person's training record as PDF",
  }),
  'training.expiring': defineChannel<ExpiringQualificationView[]>()({
    input: noInput,
    permission: 'training.read',
    description: 'Qualifications that expire within 30 days, soonest first',
  }),
  'training.recordRead': defineChannel<PersonTrainingView>()({
    input: readAndUnderstoodInput,
    permission: 'training.record',
    description: 'The trainee signs "trained" (read and understood) on the current version of an SOP',
  }),
  'training.recordAssessment': defineChannel<PersonTrainingView>()({
    input: assessmentInput,
    permission: 'training.record',
    description:
      'The trainer signs "assessed" for a person on a qualification that requires a practical assessment',
  }),

  'backup.settings.get': defineChannel<BackupSettingsView>()({
    input: noInput,
    permission: 'backup.run',
    description: 'The backup folder and daily time, and when the next scheduled backup is due',
  }),
  'backup.settings.update': defineChannel<BackupSettingsView>()({
    input: backupSettingsUpdateInput,
    permission: 'settings.manage',
    description: 'Change the backup folder or daily time (reason required, audited)',
  }),
  'backup.create': defineChannel<BackupCreatedView>()({
    input: noInput,
    permission: 'backup.run',
    description: 'Back up now into the configured folder (encrypted archive + signed manifest; audited)',
  }),
  'backup.list': defineChannel<BackupRecordView[]>()({
    input: noInput,
    permission: 'backup.run',
    description: 'The latest backups, manual and scheduled, newest first, as the audit trail records them',
  }),
  'backup.verify': defineChannel<BackupVerificationView>()({
    input: backupVerifyInput,
    permission: 'backup.run',
    description: 'Run every restore check on a backup file with the recovery key, keeping nothing (audited)',
  }),

  'setup.initialize': defineChannel<SetupResult>()({
    input: setupInputSchema,
    permission: 'public',
    description: 'First run only: create the encrypted store, this terminal and the first administrator',
  }),
  'setup.confirmRecoveryKey': defineChannel<{ confirmed: true }>()({
    input: noInput,
    permission: 'public',
    description: 'Record that the administrator stored the recovery key shown once at setup',
  }),

  'auth.session': defineChannel<SessionView | null>()({
    input: noInput,
    permission: 'public',
    description: 'The session this window holds, if any',
  }),
  'auth.login': defineChannel<SessionView>()({
    input: z
      .object({
        username: safeText().trim().toLowerCase().min(1, 'Enter your username.').max(64),
        password: passwordField,
        /** The language chosen on the sign-in screen; stored with the user. */
        language: z.enum(languages).optional(),
      })
      .strict(),
    permission: 'public',
    description: 'Sign in with username and password (and the language chosen on the sign-in screen)',
  }),
  'auth.logout': defineChannel<null>()({
    input: noInput,
    permission: 'public',
    description: 'End the session (also "switch user" on the lock screen)',
  }),
  'auth.activity': defineChannel<null>()({
    input: noInput,
    permission: 'authenticated',
    description: 'The person is working at this window (typing, touching): it postpones the inactivity lock',
  }),
  'auth.lock': defineChannel<SessionView>()({
    input: noInput,
    permission: 'authenticated',
    description: 'Lock the session now',
  }),
  'auth.unlock': defineChannel<SessionView>()({
    input: z.object({ password: passwordField }).strict(),
    permission: 'authenticated',
    allowedIn: ['locked'],
    description: 'Unlock with the signed-in user’s password',
  }),
  'auth.changePassword': defineChannel<SessionView>()({
    input: z.object({ currentPassword: passwordField, newPassword: passwordField }).strict(),
    permission: 'authenticated',
    allowedIn: ['password-change-required'],
    description: 'Change one’s own password',
  }),

  'users.list': defineChannel<UserSummary[]>()({
    input: noInput,
    permission: 'users.manage',
    description: 'All users, including disabled ones',
  }),
  'users.create': defineChannel<UserSummary>()({
    input: z
      .object({
        username: usernameField,
        fullName: fullNameField,
        roles: rolesField,
        temporaryPassword: passwordField,
        reason: reasonField,
      })
      .strict(),
    permission: 'users.manage',
    description: 'Create a user with a temporary password (changed at first sign-in)',
  }),
  'users.update': defineChannel<UserSummary>()({
    input: z
      .object({ userId: idField, fullName: fullNameField, roles: rolesField, reason: reasonField })
      .strict(),
    permission: 'users.manage',
    description: 'Change a user’s printed name or roles',
  }),
  'users.disable': defineChannel<UserSummary>()({
    input: userChange,
    permission: 'users.manage',
    description: 'Disable a user (never deleted; the username is never reused)',
  }),
  'users.enable': defineChannel<UserSummary>()({
    input: userChange,
    permission: 'users.manage',
    description: 'Re-enable a disabled user',
  }),
  'users.unlock': defineChannel<UserSummary>()({
    input: userChange,
    permission: 'users.manage',
    description: 'Unlock an account locked by failed attempts',
  }),
  'users.resetPassword': defineChannel<UserSummary>()({
    input: z.object({ userId: idField, temporaryPassword: passwordField, reason: reasonField }).strict(),
    permission: 'users.manage',
    description: 'Set a temporary password the user must change at next sign-in',
  }),

  'alerts.list': defineChannel<SecurityAlert[]>()({
    input: z.object({ includeAcknowledged: z.boolean().default(false) }).strict(),
    permission: 'alerts.manage',
    description: 'Security alerts, newest first',
  }),
  'alerts.acknowledge': defineChannel<SecurityAlert>()({
    input: z.object({ alertId: idField, comment: reasonField }).strict(),
    permission: 'alerts.manage',
    description: 'Acknowledge a security alert with a comment',
  }),

  'terminals.list': defineChannel<TerminalView[]>()({
    input: noInput,
    permission: 'terminals.manage',
    description: 'Terminals known to this store',
  }),
  'terminals.register': defineChannel<TerminalView>()({
    input: terminalChange,
    permission: 'terminals.manage',
    description: 'Register a terminal (after comparing its key fingerprint)',
  }),
  'terminals.revoke': defineChannel<TerminalView>()({
    input: terminalChange,
    permission: 'terminals.manage',
    description: 'Revoke a terminal: only administrators can sign in there afterwards',
  }),

  'settings.get': defineChannel<SecuritySettings>()({
    input: noInput,
    permission: 'settings.manage',
    description: 'Security settings: password policy, lockout threshold, lock timeout',
  }),
  'settings.update': defineChannel<SecuritySettings>()({
    input: settingsUpdateSchema,
    permission: 'settings.manage',
    description: 'Change security settings (reason required, audited)',
  }),
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export const channelNames = Object.keys(channels) as ChannelName[];

export type ChannelInput<C extends ChannelName> = z.input<Channels[C]['input']>;
export type ParsedChannelInput<C extends ChannelName> = z.output<Channels[C]['input']>;
export type ChannelOutput<C extends ChannelName> =
  Channels[C] extends ChannelDefinition<z.ZodType, infer Output> ? Output : never;

export function isChannelName(value: unknown): value is ChannelName {
  return typeof value === 'string' && Object.hasOwn(channels, value);
}
