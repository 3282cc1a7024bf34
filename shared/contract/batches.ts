import type {
  BatchStatus,
  ExceptionHandling,
  ExceptionSeverity,
  ExceptionStatus,
  ExceptionType,
  StepStatus,
} from '../batches/batch-status';
import type { EntryOrigin, RecordedValue } from '../batches/recorded-value';
import type { Role } from '../permissions';
import type { RecipeStep } from '../recipes/recipe-schema';
import type { SignatureMeaning } from '../signatures';
import type { SignatureView } from './signatures';

export interface BatchSummary {
  id: string;
  batchNumber: string;
  recipeVersionId: string;
  recipeCode: string;
  recipeVersionLabel: string;
  productCode: string;
  productName: string;
  plannedQuantity: number;
  plannedUnit: string;
  /** Training batches are never GMP records: marked wherever the batch is shown. */
  training: boolean;
  status: BatchStatus;
  terminalId: string;
  terminalName: string;
  createdByName: string;
  createdAtUtc: string;
  startedAtUtc: string | null;
  executionCompletedAtUtc: string | null;
  abortedAtUtc: string | null;
  stepsCompleted: number;
  stepCount: number;
  openExceptions: number;
}

export interface BatchEntryView {
  id: string;
  kind: 'original' | 'correction' | 'recomputed';
  value: RecordedValue;
  /** The value in one line, e.g. "2.004 kg net". */
  display: string;
  origin: EntryOrigin;
  withinLimits: boolean | null;
  supersedesId: string | null;
  /** Why it was corrected or recomputed. */
  reason: string | null;
  enteredByUserId: string;
  enteredByName: string;
  enteredAtUtc: string;
  /** Superseded by a later entry: shown struck through, never hidden (A11-8.2). */
  superseded: boolean;
  signatures: SignatureView[];
}

export interface RequiredSignatureView {
  meaning: SignatureMeaning;
  role: Role;
  distinctFromPerformer: boolean;
  byActor: boolean;
  why: string;
}

export interface BatchStepView {
  id: string;
  operationId: string;
  operationTitle: string;
  position: number;
  definition: RecipeStep;
  prerequisites: string[];
  status: StepStatus;
  ownerUserId: string | null;
  ownerName: string | null;
  startedAtUtc: string | null;
  completedAtUtc: string | null;
  /** Pending with every prerequisite complete, in an in-progress batch. */
  ready: boolean;
  /** The value as it stands (the latest entry). */
  current: BatchEntryView | null;
  /** Every entry, oldest first: the original, corrections and recomputations. */
  entries: BatchEntryView[];
  /** Changed since original entry (a correction or a recomputation). */
  changed: boolean;
  /** Weighing window (target ± tolerance) scaled to the planned quantity, for the screen. */
  weighing: { min?: number; target?: number; max?: number } | null;
}

export interface BatchExceptionView {
  id: string;
  batchId: string;
  batchNumber: string;
  training: boolean;
  stepId: string;
  stepTitle: string;
  entryId: string | null;
  type: ExceptionType;
  handling: ExceptionHandling;
  severity: ExceptionSeverity;
  description: string;
  comment: string;
  raisedByName: string;
  raisedAtUtc: string;
  status: ExceptionStatus;
  signatures: SignatureView[];
}

export interface BatchCommentView {
  id: string;
  stepId: string | null;
  text: string;
  authorName: string;
  createdAtUtc: string;
}

export interface BatchView extends BatchSummary {
  recipeContentHash: string;
  recipeName: string;
  operations: { id: string; title: string }[];
  steps: BatchStepView[];
  exceptions: BatchExceptionView[];
  comments: BatchCommentView[];
  /** Signatures on the batch as a whole: abort, execution complete. */
  signatures: SignatureView[];
}

/** What completing or correcting a step with a given entry would record, asked before signing. */
export interface StepPreview {
  value: RecordedValue;
  display: string;
  origin: EntryOrigin;
  withinLimits: boolean | null;
  violation: { handling: 'block' | 'deviation'; message: string } | null;
  manualWhereInstrumentExpected: boolean;
  requiredSignatures: RequiredSignatureView[];
}
