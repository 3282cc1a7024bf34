import type Database from 'better-sqlite3-multiple-ciphers';
import type { DispositionDecision } from '../../../shared/contract/review';
import type { SignatureView } from '../../../shared/contract/signatures';
import {
  BATCH_AUDIT_REVIEW_RECORD,
  BATCH_DECISION_RECORD,
  BATCH_DISPOSITION_RECORD,
} from '../review/batch-review';
import type { SignatureService } from '../signatures/signature-service';

/**
 * QA's part of the batch record (A11-9, A11-15): every disposition of a review item, every review
 * of the batch's audit trail, and the decision, each with its verified signatures. Rows are
 * append-only, so a changed disposition leaves the earlier one in the record, marked replaced.
 */

export interface RecordDisposition {
  id: string;
  /** `exception:<id>`, `correction:<entry id>` or `signature:<signature id>`. */
  itemKey: string;
  decision: DispositionDecision;
  comment: string;
  reference: string | null;
  decidedByUserId: string;
  decidedByName: string;
  decidedAtUtc: string;
  /** A later disposition of the same item replaced this one. */
  replaced: boolean;
  signatures: SignatureView[];
}

export interface RecordAuditReview {
  id: string;
  rowCount: number;
  firstSeq: number | null;
  lastSeq: number | null;
  /** SHA-256 over the hashes of the rows reviewed, one per line. */
  digest: string;
  comment: string;
  reviewedByUserId: string;
  reviewedByName: string;
  reviewedAtUtc: string;
  signatures: SignatureView[];
}

export interface RecordDecision {
  decision: 'released' | 'rejected';
  decidedAtUtc: string;
  /** The reason QA gave when signing (the audit row's reason). */
  comment: string | null;
  signatures: SignatureView[];
}

export interface ReviewRecord {
  /** Oldest first. */
  dispositions: RecordDisposition[];
  /** Oldest first. */
  auditReviews: RecordAuditReview[];
  decision: RecordDecision | null;
}

/** Lists a record's signatures, verified against the record as it is now. */
export type SignatureLister = Pick<SignatureService, 'listFor'>;

export const dispositionLabels: Record<DispositionDecision, string> = {
  accepted: 'Accepted',
  investigation: 'Requires investigation',
};

/** Reads QA's review of a batch; call inside the record's read transaction. */
export function readReviewRecord(
  sqlite: Database.Database,
  signatures: SignatureLister,
  batchId: string,
): ReviewRecord {
  const dispositionRows = sqlite
    .prepare(
      `SELECT id, item_key AS itemKey, decision, comment, reference, decided_by_user_id AS decidedByUserId,
         decided_by_name AS decidedByName, decided_at_utc AS decidedAtUtc
       FROM batch_dispositions WHERE batch_id = ? ORDER BY rowid`,
    )
    .all(batchId) as Omit<RecordDisposition, 'replaced' | 'signatures'>[];
  const latest = new Map(dispositionRows.map((row) => [row.itemKey, row.id]));
  const auditReviewRows = sqlite
    .prepare(
      `SELECT id, row_count AS rowCount, first_seq AS firstSeq, last_seq AS lastSeq, digest, comment,
         reviewed_by_user_id AS reviewedByUserId, reviewed_by_name AS reviewedByName, reviewed_at_utc AS reviewedAtUtc
       FROM batch_audit_reviews WHERE batch_id = ? ORDER BY rowid`,
    )
    .all(batchId) as Omit<RecordAuditReview, 'signatures'>[];
  const batch = sqlite
    .prepare(
      'SELECT status, released_at_utc AS releasedAtUtc, rejected_at_utc AS rejectedAtUtc FROM batches WHERE id = ?',
    )
    .get(batchId) as
    { status: string; releasedAtUtc: string | null; rejectedAtUtc: string | null } | undefined;
  let decision: RecordDecision | null = null;
  if (batch && (batch.status === 'released' || batch.status === 'rejected')) {
    const comment = sqlite
      .prepare(
        `SELECT reason FROM audit_trail WHERE entity_type = 'batch' AND entity_id = ? AND action = ?
         ORDER BY seq DESC LIMIT 1`,
      )
      .pluck()
      .get(batchId, `batch.${batch.status}`) as string | null | undefined;
    decision = {
      decision: batch.status,
      decidedAtUtc: (batch.status === 'released' ? batch.releasedAtUtc : batch.rejectedAtUtc) ?? '',
      comment: comment ?? null,
      signatures: signatures.listFor({ type: BATCH_DECISION_RECORD, id: batchId }),
    };
  }
  return {
    dispositions: dispositionRows.map((row) => ({
      ...row,
      replaced: latest.get(row.itemKey) !== row.id,
      signatures: signatures.listFor({ type: BATCH_DISPOSITION_RECORD, id: row.id }),
    })),
    auditReviews: auditReviewRows.map((row) => ({
      ...row,
      signatures: signatures.listFor({ type: BATCH_AUDIT_REVIEW_RECORD, id: row.id }),
    })),
    decision,
  };
}

/** The standing disposition of each review item, by item key. */
export function standingDispositions(review: ReviewRecord): Map<string, RecordDisposition> {
  return new Map(
    review.dispositions.filter((disposition) => !disposition.replaced).map((d) => [d.itemKey, d]),
  );
}
