import type { AuditRowView } from './audit-trail';
import type { BatchEntryView, BatchExceptionView, BatchSummary, BatchView } from './batches';
import type { SignatureView } from './signatures';

export type DispositionDecision = 'accepted' | 'investigation';

export interface DispositionView {
  id: string;
  decision: DispositionDecision;
  comment: string;
  /** The investigation (deviation, CAPA) reference, when one is required. */
  reference: string | null;
  decidedByName: string;
  decidedAtUtc: string;
  signatures: SignatureView[];
}

/** Something not routine that QA must disposition before release (review by exception). */
export interface ReviewItem {
  /** `exception:<id>`, `correction:<entry id>` or `signature:<signature id>`. */
  key: string;
  kind: 'exception' | 'correction' | 'invalid-signature';
  stepId: string | null;
  stepTitle: string | null;
  title: string;
  detail: string;
  exception: BatchExceptionView | null;
  correction: { original: BatchEntryView; corrected: BatchEntryView } | null;
  signature: SignatureView | null;
  /** The standing disposition (the latest), or null while open. */
  disposition: DispositionView | null;
}

export interface BatchAuditReviewView {
  id: string;
  rowCount: number;
  firstSeq: number | null;
  lastSeq: number | null;
  digest: string;
  comment: string;
  reviewedByName: string;
  reviewedAtUtc: string;
  signatures: SignatureView[];
}

export interface ReviewCounts {
  openItems: number;
  exceptions: number;
  openExceptions: number;
  corrections: number;
  manualEntries: number;
  overrides: number;
  deviations: number;
  invalidSignatures: number;
}

export interface ReviewQueueItem {
  batch: BatchSummary;
  counts: ReviewCounts;
  auditReviewed: boolean;
}

export interface ReviewView {
  batch: BatchView;
  items: ReviewItem[];
  counts: ReviewCounts;
  /** Audit rows of the batch after execution started that changed recorded data. */
  dataChanges: AuditRowView[];
  /** Every audit row of the batch, oldest first: what the audit-trail review covers. */
  auditRows: AuditRowView[];
  auditReview: BatchAuditReviewView | null;
  /** Rows of the batch written after the latest audit-trail review (0 when it is current). */
  auditRowsSinceReview: number;
  allSignaturesValid: boolean;
  /** Why release is not possible yet; empty when QA may sign "released". */
  releaseBlockers: string[];
  /** The "released" or "rejected" signature, once decided. */
  decision: SignatureView[];
}

export interface ReleaseTime {
  batchNumber: string;
  executionCompletedAtUtc: string;
  decidedAtUtc: string;
  decision: 'released' | 'rejected';
  hours: number;
}
