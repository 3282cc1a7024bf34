import { createHash, randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import { canonicalJson } from '../../../shared/canonical-json';
import { lockedStatuses } from '../../../shared/batches/batch-status';
import type { BatchView } from '../../../shared/contract/batches';
import type {
  BatchAuditReviewView,
  DispositionDecision,
  DispositionView,
  ReleaseTime,
  ReviewCounts,
  ReviewItem,
  ReviewQueueItem,
  ReviewView,
} from '../../../shared/contract/review';
import type { SignatureView, SignerCredentials } from '../../../shared/contract/signatures';
import { EbrError } from '../../../shared/errors';
import type { AuditTrail, AuditRecorder } from '../audit/audit-trail';
import type { BatchViews } from '../batches/batch-views';
import { readSignedBatch } from '../batches/signed-batch-records';
import { toUtcIso, type Clock } from '../clock';
import type { SessionRecord } from '../identity/sessions';
import type { SignatureService } from '../signatures/signature-service';
import { batchAuditRows, dataChangingActions } from './batch-audit-rows';

export const BATCH_DISPOSITION_RECORD = 'batch-disposition';
export const BATCH_AUDIT_REVIEW_RECORD = 'batch-audit-review';
export const BATCH_DECISION_RECORD = 'batch-decision';

const HOUR_MS = 60 * 60 * 1000;

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

interface DispositionRow {
  id: string;
  batchId: string;
  itemKey: string;
  decision: DispositionDecision;
  comment: string;
  reference: string | null;
  decidedByUserId: string;
  decidedByName: string;
  decidedAtUtc: string;
}

interface AuditReviewRow {
  id: string;
  batchId: string;
  rowCount: number;
  firstSeq: number | null;
  lastSeq: number | null;
  digest: string;
  comment: string;
  reviewedByUserId: string;
  reviewedByName: string;
  reviewedAtUtc: string;
}

const dispositionColumns = `id, batch_id AS batchId, item_key AS itemKey, decision, comment, reference,
  decided_by_user_id AS decidedByUserId, decided_by_name AS decidedByName, decided_at_utc AS decidedAtUtc`;
const auditReviewColumns = `id, batch_id AS batchId, row_count AS rowCount, first_seq AS firstSeq, last_seq AS lastSeq,
  digest, comment, reviewed_by_user_id AS reviewedByUserId, reviewed_by_name AS reviewedByName, reviewed_at_utc AS reviewedAtUtc`;

/** What a disposition signature covers: the item, the decision and the batch it belongs to. */
export function readSignedDisposition(sqlite: Database.Database, id: string) {
  return sqlite.prepare(`SELECT ${dispositionColumns} FROM batch_dispositions WHERE id = ?`).get(id) as
    DispositionRow | undefined;
}

export function readSignedAuditReview(sqlite: Database.Database, id: string) {
  return sqlite.prepare(`SELECT ${auditReviewColumns} FROM batch_audit_reviews WHERE id = ?`).get(id) as
    AuditReviewRow | undefined;
}

/**
 * What the release (or rejection) covers: the batch with the digest of every entry and exception
 * fact, every disposition and every audit-trail review of it. Any later change breaks it.
 */
export function readSignedDecision(sqlite: Database.Database, batchId: string) {
  const batch = readSignedBatch(sqlite, batchId);
  if (!batch) return undefined;
  const dispositions = sqlite
    .prepare(`SELECT ${dispositionColumns} FROM batch_dispositions WHERE batch_id = ? ORDER BY rowid`)
    .all(batchId);
  const reviews = sqlite
    .prepare(`SELECT ${auditReviewColumns} FROM batch_audit_reviews WHERE batch_id = ? ORDER BY rowid`)
    .all(batchId);
  return {
    batch,
    dispositionsDigest: sha256(canonicalJson(dispositions)),
    auditReviewsDigest: sha256(canonicalJson(reviews)),
  };
}

export interface BatchReviewDeps {
  sqlite: Database.Database;
  audit: AuditTrail;
  signatures: SignatureService;
  views: BatchViews;
  clock: Clock;
  /** Told after every committed review change of a batch (windows showing it refresh). */
  onChanged?(batchId: string): void;
  /** Inside the decision's transaction: the batch's output lot follows QA's decision (R211-84). */
  onDecidedWithin?(
    record: AuditRecorder['record'],
    batchId: string,
    decision: 'released' | 'rejected',
    signatureId: string,
    signerName: string,
    comment: string,
  ): void;
}

/**
 * QA review by exception and release (A11-9, A11-15, P11-10f, P11-50a): everything not routine is
 * listed and dispositioned by signature; the batch's audit trail is reviewed by signature; only
 * then may QA sign "released". "Rejected" needs only the reason. Either locks the batch.
 */
export class BatchReview {
  constructor(private readonly deps: BatchReviewDeps) {}

  private dispositions(batchId: string): Map<string, DispositionView> {
    const rows = this.deps.sqlite
      .prepare(`SELECT ${dispositionColumns} FROM batch_dispositions WHERE batch_id = ? ORDER BY rowid`)
      .all(batchId) as DispositionRow[];
    const latest = new Map<string, DispositionView>();
    for (const row of rows) {
      latest.set(row.itemKey, {
        id: row.id,
        decision: row.decision,
        comment: row.comment,
        reference: row.reference,
        decidedByName: row.decidedByName,
        decidedAtUtc: row.decidedAtUtc,
        signatures: this.deps.signatures.listFor({ type: BATCH_DISPOSITION_RECORD, id: row.id }),
      });
    }
    return latest;
  }

  private latestAuditReview(batchId: string): BatchAuditReviewView | null {
    const row = this.deps.sqlite
      .prepare(
        `SELECT ${auditReviewColumns} FROM batch_audit_reviews WHERE batch_id = ? ORDER BY rowid DESC LIMIT 1`,
      )
      .get(batchId) as AuditReviewRow | undefined;
    if (!row) return null;
    return {
      id: row.id,
      rowCount: row.rowCount,
      firstSeq: row.firstSeq,
      lastSeq: row.lastSeq,
      digest: row.digest,
      comment: row.comment,
      reviewedByName: row.reviewedByName,
      reviewedAtUtc: row.reviewedAtUtc,
      signatures: this.deps.signatures.listFor({ type: BATCH_AUDIT_REVIEW_RECORD, id: row.id }),
    };
  }

  /** Every signature shown anywhere on the batch. */
  private batchSignatures(batch: BatchView): SignatureView[] {
    return [
      ...batch.signatures,
      ...batch.steps.flatMap((step) => step.entries.flatMap((entry) => entry.signatures)),
      ...batch.exceptions.flatMap((exception) => exception.signatures),
    ];
  }

  private items(batch: BatchView): ReviewItem[] {
    const decided = this.dispositions(batch.id);
    const titles = new Map(batch.steps.map((step) => [step.id, step.definition.title]));
    const items: ReviewItem[] = [];
    for (const exception of batch.exceptions) {
      const key = `exception:${exception.id}`;
      items.push({
        key,
        kind: 'exception',
        stepId: exception.stepId,
        stepTitle: exception.stepTitle,
        title: `${exception.type} (${exception.handling}, ${exception.severity})`,
        detail: exception.comment ? `${exception.description} — ${exception.comment}` : exception.description,
        exception,
        correction: null,
        signature: null,
        disposition: decided.get(key) ?? null,
      });
    }
    for (const step of batch.steps) {
      for (const entry of step.entries.filter((candidate) => candidate.kind === 'correction')) {
        const original = step.entries.find((candidate) => candidate.id === entry.supersedesId);
        if (!original) continue;
        const key = `correction:${entry.id}`;
        items.push({
          key,
          kind: 'correction',
          stepId: step.id,
          stepTitle: step.definition.title,
          title: 'Value corrected',
          detail: `${original.display} → ${entry.display} by ${entry.enteredByName}: ${entry.reason ?? ''}`,
          exception: null,
          correction: { original, corrected: entry },
          signature: null,
          disposition: decided.get(key) ?? null,
        });
      }
    }
    for (const signature of this.batchSignatures(batch).filter(
      (candidate) => !candidate.verification.valid,
    )) {
      const key = `signature:${signature.id}`;
      const entryStep = batch.steps.find((step) =>
        step.entries.some((entry) => entry.id === signature.record.id),
      );
      items.push({
        key,
        kind: 'invalid-signature',
        stepId: entryStep?.id ?? null,
        stepTitle: entryStep ? (titles.get(entryStep.id) ?? null) : null,
        title: `Signature "${signature.meaning}" by ${signature.signerName} fails verification`,
        detail: signature.verification.problem ?? 'The signature does not verify.',
        exception: null,
        correction: null,
        signature,
        disposition: decided.get(key) ?? null,
      });
    }
    return items;
  }

  private counts(batch: BatchView, items: ReviewItem[]): ReviewCounts {
    return {
      openItems: items.filter((item) => item.disposition === null).length,
      exceptions: batch.exceptions.length,
      openExceptions: batch.exceptions.filter((exception) => exception.status === 'open').length,
      corrections: items.filter((item) => item.kind === 'correction').length,
      manualEntries: batch.exceptions.filter((exception) => exception.type === 'manual-entry').length,
      overrides: batch.exceptions.filter((exception) => exception.handling === 'override').length,
      deviations: batch.exceptions.filter((exception) => exception.handling === 'deviation').length,
      invalidSignatures: items.filter((item) => item.kind === 'invalid-signature').length,
    };
  }

  /** Batches awaiting QA: execution complete, not training (training batches are never GMP records). */
  queue(): ReviewQueueItem[] {
    return this.deps.views
      .list(['execution-complete'])
      .filter((summary) => !summary.training)
      .map((summary) => {
        const review = this.get(summary.id);
        return {
          batch: summary,
          counts: review.counts,
          auditReviewed: review.auditReview !== null && review.auditRowsSinceReview === 0,
        };
      });
  }

  get(batchId: string): ReviewView {
    const batch = this.deps.views.get(batchId);
    const items = this.items(batch);
    const auditRows = batchAuditRows(this.deps.sqlite, batchId);
    const auditReview = this.latestAuditReview(batchId);
    const auditRowsSinceReview = auditRows.filter(
      (row) => auditReview === null || row.seq > (auditReview.lastSeq ?? 0),
    ).length;
    const allSignaturesValid = this.batchSignatures(batch).every((signature) => signature.verification.valid);
    const decision = this.deps.signatures.listFor({ type: BATCH_DECISION_RECORD, id: batchId });
    const blockers: string[] = [];
    if (batch.training) blockers.push('A training batch is not a GMP record: it is never released.');
    if (batch.status !== 'execution-complete')
      blockers.push(`The batch is ${batch.status}; only a batch in Execution complete is released.`);
    const open = items.filter((item) => item.disposition === null).length;
    if (open > 0) blockers.push(`${open} review item${open === 1 ? ' is' : 's are'} not dispositioned.`);
    if (auditReview === null) blockers.push('The audit trail of the batch has not been reviewed.');
    else if (auditRowsSinceReview > 0)
      blockers.push(
        `${auditRowsSinceReview} audit row${auditRowsSinceReview === 1 ? '' : 's'} of the batch came after the last audit-trail review: review again.`,
      );
    if (!allSignaturesValid) blockers.push('A signature of the batch fails verification.');
    const startedAt = batch.startedAtUtc ?? batch.createdAtUtc;
    return {
      batch,
      items,
      counts: this.counts(batch, items),
      dataChanges: auditRows.filter((row) => row.atUtc >= startedAt && dataChangingActions.has(row.action)),
      auditRows,
      auditReview,
      auditRowsSinceReview,
      allSignaturesValid,
      releaseBlockers: blockers,
      decision,
    };
  }

  /** The cheap part of `requireReviewable`: the batch's status alone. */
  private requireStatus(batchId: string): void {
    const row = this.deps.sqlite
      .prepare('SELECT batch_number AS number, status FROM batches WHERE id = ?')
      .get(batchId) as { number: string; status: string } | undefined;
    if (!row) throw new EbrError('NOT_FOUND', 'There is no such batch.');
    if (row.status !== 'execution-complete') {
      throw new EbrError(
        'CONFLICT',
        `Batch ${row.number} is ${row.status}: ${lockedStatuses.includes(row.status as never) ? 'it is locked' : 'review starts at Execution complete'}.`,
      );
    }
  }

  private requireReviewable(batchId: string): ReviewView {
    const review = this.get(batchId);
    if (lockedStatuses.includes(review.batch.status)) {
      throw new EbrError(
        'CONFLICT',
        `Batch ${review.batch.batchNumber} is ${review.batch.status}: it is locked.`,
      );
    }
    if (review.batch.status !== 'execution-complete') {
      throw new EbrError(
        'CONFLICT',
        `Batch ${review.batch.batchNumber} is ${review.batch.status}: review starts at Execution complete.`,
      );
    }
    return review;
  }

  async disposition(
    session: SessionRecord,
    input: {
      batchId: string;
      itemKey: string;
      decision: DispositionDecision;
      comment: string;
      reference?: string;
      credentials: SignerCredentials;
    },
  ): Promise<ReviewView> {
    const item = this.requireReviewable(input.batchId).items.find(
      (candidate) => candidate.key === input.itemKey,
    );
    if (!item) throw new EbrError('NOT_FOUND', `Batch has no review item ${input.itemKey}.`);
    if (input.decision === 'investigation' && !input.reference?.trim()) {
      throw new EbrError(
        'VALIDATION_FAILED',
        'An item that requires investigation needs the investigation reference (deviation or CAPA number).',
      );
    }
    const signer = await this.deps.signatures.authenticate(session, input.credentials, 'reviewed');
    // Only the status can have moved during the password check (items never disappear).
    this.requireStatus(input.batchId);
    const id = randomUUID();
    const nowUtc = toUtcIso(this.deps.clock.now());
    this.deps.audit.change({ userId: signer.userId, userName: signer.fullName }, ({ record }) => {
      this.deps.sqlite
        .prepare(
          `INSERT INTO batch_dispositions (id, batch_id, item_key, decision, comment, reference, decided_by_user_id, decided_by_name, decided_at_utc)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          id,
          input.batchId,
          input.itemKey,
          input.decision,
          input.comment,
          input.reference?.trim() || null,
          signer.userId,
          signer.fullName,
          nowUtc,
        );
      if (item.exception) {
        this.deps.sqlite
          .prepare(
            `UPDATE batch_exceptions SET status = ?, disposition_comment = ?, disposition_reference = ?, dispositioned_by_user_id = ?,
             dispositioned_by_name = ?, dispositioned_at_utc = ? WHERE id = ?`,
          )
          .run(
            input.decision,
            input.comment,
            input.reference?.trim() || null,
            signer.userId,
            signer.fullName,
            nowUtc,
            item.exception.id,
          );
      }
      record({
        action: 'review.item-dispositioned',
        entityType: BATCH_DISPOSITION_RECORD,
        entityId: id,
        oldValue: item.disposition ? { decision: item.disposition.decision } : null,
        newValue: {
          batchId: input.batchId,
          itemKey: input.itemKey,
          decision: input.decision,
          reference: input.reference ?? null,
        },
        reason: input.comment,
      });
      this.deps.signatures.signWithin(
        record,
        signer,
        { type: BATCH_DISPOSITION_RECORD, id },
        readSignedDisposition(this.deps.sqlite, id),
        'reviewed',
      );
    });
    this.deps.onChanged?.(input.batchId);
    return this.get(input.batchId);
  }

  async reviewAuditTrail(
    session: SessionRecord,
    batchId: string,
    comment: string,
    credentials: SignerCredentials,
  ): Promise<ReviewView> {
    this.requireReviewable(batchId);
    const signer = await this.deps.signatures.authenticate(session, credentials, 'reviewed');
    this.requireStatus(batchId);
    const id = randomUUID();
    this.deps.audit.change({ userId: signer.userId, userName: signer.fullName }, ({ record }) => {
      // Read inside the transaction: the review covers exactly the rows committed before it.
      const rows = batchAuditRows(this.deps.sqlite, batchId);
      const digest = sha256(rows.map((row) => row.hash).join('\n'));
      this.deps.sqlite
        .prepare(
          `INSERT INTO batch_audit_reviews (id, batch_id, row_count, first_seq, last_seq, digest, comment, reviewed_by_user_id, reviewed_by_name, reviewed_at_utc)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          id,
          batchId,
          rows.length,
          rows[0]?.seq ?? null,
          rows.at(-1)?.seq ?? null,
          digest,
          comment,
          signer.userId,
          signer.fullName,
          toUtcIso(this.deps.clock.now()),
        );
      record({
        action: 'review.audit-trail-reviewed',
        entityType: BATCH_AUDIT_REVIEW_RECORD,
        entityId: id,
        newValue: {
          batchId,
          rowCount: rows.length,
          firstSeq: rows[0]?.seq ?? null,
          lastSeq: rows.at(-1)?.seq ?? null,
          digest,
        },
        reason: comment,
      });
      this.deps.signatures.signWithin(
        record,
        signer,
        { type: BATCH_AUDIT_REVIEW_RECORD, id },
        readSignedAuditReview(this.deps.sqlite, id),
        'reviewed',
      );
    });
    this.deps.onChanged?.(batchId);
    return this.get(batchId);
  }

  /** QA's decision (A11-15): "released" only when nothing blocks it; "rejected" with the reason. */
  async decide(
    session: SessionRecord,
    input: {
      batchId: string;
      decision: 'released' | 'rejected';
      comment: string;
      credentials: SignerCredentials;
    },
  ): Promise<ReviewView> {
    const check = (review: ReviewView) => {
      if (input.decision === 'released' && review.releaseBlockers.length > 0) {
        throw new EbrError(
          'CONFLICT',
          `Batch ${review.batch.batchNumber} cannot be released: ${review.releaseBlockers.join(' ')}`,
          {
            blockers: review.releaseBlockers,
          },
        );
      }
    };
    check(this.requireReviewable(input.batchId));
    const signer = await this.deps.signatures.authenticate(session, input.credentials, input.decision);
    const nowMs = this.deps.clock.now();
    this.deps.audit.change({ userId: signer.userId, userName: signer.fullName }, ({ record }) => {
      const review = this.requireReviewable(input.batchId);
      check(review);
      const column = input.decision === 'released' ? 'released_at_utc' : 'rejected_at_utc';
      this.deps.sqlite
        .prepare(`UPDATE batches SET status = ?, ${column} = ? WHERE id = ?`)
        .run(input.decision, toUtcIso(nowMs), input.batchId);
      record({
        action: `batch.${input.decision}`,
        entityType: 'batch',
        entityId: input.batchId,
        oldValue: { status: review.batch.status },
        newValue: {
          status: input.decision,
          batchNumber: review.batch.batchNumber,
          hoursSinceExecutionComplete:
            review.batch.executionCompletedAtUtc === null
              ? null
              : (nowMs - Date.parse(review.batch.executionCompletedAtUtc)) / HOUR_MS,
        },
        reason: input.comment,
      });
      const signature = this.deps.signatures.signWithin(
        record,
        signer,
        { type: BATCH_DECISION_RECORD, id: input.batchId },
        readSignedDecision(this.deps.sqlite, input.batchId),
        input.decision,
      );
      this.deps.onDecidedWithin?.(
        record,
        input.batchId,
        input.decision,
        signature.id,
        signer.fullName,
        input.comment,
      );
    });
    this.deps.onChanged?.(input.batchId);
    return this.get(input.batchId);
  }

  /** Time from execution complete to QA's decision, for the most recent decided batches. */
  releaseTimes(limit = 20): ReleaseTime[] {
    const rows = this.deps.sqlite
      .prepare(
        `SELECT batch_number AS batchNumber, execution_completed_at_utc AS executionCompletedAtUtc,
           coalesce(released_at_utc, rejected_at_utc) AS decidedAtUtc, status AS decision
         FROM batches WHERE status IN ('released', 'rejected') AND training = 0 AND execution_completed_at_utc IS NOT NULL
         ORDER BY decidedAtUtc DESC LIMIT ?`,
      )
      .all(limit) as Omit<ReleaseTime, 'hours'>[];
    return rows
      .map((row) => ({
        ...row,
        hours: (Date.parse(row.decidedAtUtc) - Date.parse(row.executionCompletedAtUtc)) / HOUR_MS,
      }))
      .reverse();
  }
}
