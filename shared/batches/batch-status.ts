/** Batch and step statuses (ISA-88 flavoured), shared by the core, the contract and the screens. */
export const batchStatuses = [
  'created',
  'in-progress',
  'on-hold',
  'execution-complete',
  'aborted',
  'released',
  'rejected',
] as const;
export type BatchStatus = (typeof batchStatuses)[number];

export const batchStatusLabels: Record<BatchStatus, string> = {
  created: 'Created',
  'in-progress': 'In progress',
  'on-hold': 'On hold',
  'execution-complete': 'Execution complete',
  aborted: 'Aborted',
  released: 'Released',
  rejected: 'Rejected',
};

/** After QA's decision a batch is locked: every change is refused (and audited). */
export const lockedStatuses: readonly BatchStatus[] = ['released', 'rejected'];

export const stepStatuses = ['pending', 'in-progress', 'completed'] as const;
export type StepStatus = (typeof stepStatuses)[number];

export const exceptionTypes = [
  'out-of-limit',
  'timer-exceeded',
  'manual-entry',
  'recomputed-out-of-limit',
] as const;
export type ExceptionType = (typeof exceptionTypes)[number];

export const exceptionTypeLabels: Record<ExceptionType, string> = {
  'out-of-limit': 'Value out of limits',
  'timer-exceeded': 'Time limit exceeded',
  'manual-entry': 'Manual entry where an instrument was expected',
  'recomputed-out-of-limit': 'Recomputed value out of limits after a correction',
};

/** override: a supervisor signed past a blocking limit; deviation: recorded with a comment; record: noted for review. */
export type ExceptionHandling = 'override' | 'deviation' | 'record';
export type ExceptionSeverity = 'minor' | 'major' | 'critical';
export type ExceptionStatus = 'open' | 'accepted' | 'investigation';

/** Batch numbers: 3–24 uppercase letters, digits or dashes, starting with a letter or digit. */
export const BATCH_NUMBER_PATTERN = /^[A-Z0-9][A-Z0-9-]{2,23}$/;
export const BATCH_NUMBER_RULE =
  'a batch number is 3–24 uppercase letters, digits or dashes (e.g. B2026-0042)';
