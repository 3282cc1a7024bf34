import { createHash, randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { AuditFilter, AuditReviewView } from '../../../shared/contract/audit-trail';
import type { SignerCredentials } from '../../../shared/contract/signatures';
import { EbrError } from '../../../shared/errors';
import { toUtcIso, type Clock } from '../clock';
import type { SessionRecord } from '../identity/sessions';
import type { SignatureService } from '../signatures/signature-service';
import type { AuditQuery } from './audit-query';
import type { AuditTrail } from './audit-trail';

export const AUDIT_REVIEW_RECORD = 'audit-review';

/** The signed content of a review: its stored row, exactly. */
export function readAuditReview(sqlite: Database.Database, id: string): StoredReview | null {
  return (
    (sqlite
      .prepare(
        `SELECT id, scope, row_count AS rowCount, first_seq AS firstSeq, last_seq AS lastSeq, digest, comment,
                created_at_utc AS createdAtUtc, created_by_user_id AS createdByUserId FROM audit_reviews WHERE id = ?`,
      )
      .get(id) as StoredReview | undefined) ?? null
  );
}

interface StoredReview {
  id: string;
  scope: string;
  rowCount: number;
  firstSeq: number | null;
  lastSeq: number | null;
  digest: string;
  comment: string;
  createdAtUtc: string;
  createdByUserId: string;
}

export interface AuditReviewsDeps {
  sqlite: Database.Database;
  audit: AuditTrail;
  signatures: SignatureService;
  query: AuditQuery;
  clock: Clock;
}

/**
 * Recorded audit-trail reviews (A11-9): the reviewer picks a scope, reads it, and signs
 * "reviewed"; the record holds how many rows, which range and a digest over their hashes, so the
 * signature covers exactly what was reviewed. A second person may verify it.
 */
export class AuditReviews {
  constructor(private readonly deps: AuditReviewsDeps) {}

  private find(id: string): StoredReview | null {
    return readAuditReview(this.deps.sqlite, id);
  }

  /** Which rows a filter covers now: count, range, and SHA-256 over "seq:hash" lines. */
  private coverage(filter: AuditFilter) {
    const head =
      (this.deps.sqlite.prepare('SELECT coalesce(max(seq), 0) FROM audit_trail').pluck().get() as number) ??
      0;
    const digest = createHash('sha256');
    let rowCount = 0;
    let firstSeq: number | null = null;
    let lastSeq: number | null = null;
    this.deps.query.forEachInScope(filter, head, ({ seq, hash }) => {
      digest.update(`${seq}:${hash}\n`);
      rowCount += 1;
      firstSeq ??= seq;
      lastSeq = seq;
    });
    return { rowCount, firstSeq, lastSeq, digest: digest.digest('hex') };
  }

  async create(
    session: SessionRecord,
    filter: AuditFilter,
    comment: string,
    credentials: SignerCredentials,
  ): Promise<AuditReviewView> {
    const signer = await this.deps.signatures.authenticate(session, credentials, 'reviewed');
    const coverage = this.coverage(filter);
    if (coverage.rowCount === 0)
      throw new EbrError('CONFLICT', 'The scope holds no audit rows: there is nothing to review.');
    const review: StoredReview = {
      id: randomUUID(),
      scope: JSON.stringify(filter),
      ...coverage,
      comment,
      createdAtUtc: toUtcIso(this.deps.clock.now()),
      createdByUserId: signer.userId,
    };
    this.deps.audit.change({ userId: signer.userId, userName: signer.fullName }, ({ record }) => {
      this.deps.sqlite
        .prepare(
          `INSERT INTO audit_reviews (id, scope, row_count, first_seq, last_seq, digest, comment, created_at_utc, created_by_user_id)
           VALUES (@id, @scope, @rowCount, @firstSeq, @lastSeq, @digest, @comment, @createdAtUtc, @createdByUserId)`,
        )
        .run(review);
      record({
        action: 'audit.reviewed',
        entityType: AUDIT_REVIEW_RECORD,
        entityId: review.id,
        newValue: { scope: filter, ...coverage },
        reason: comment,
      });
      this.deps.signatures.signWithin(
        record,
        signer,
        { type: AUDIT_REVIEW_RECORD, id: review.id },
        review,
        'reviewed',
      );
    });
    return this.view(review);
  }

  /** A second person at this terminal verifies the review: not the reviewer. */
  async cosign(
    session: SessionRecord,
    reviewId: string,
    credentials: SignerCredentials,
  ): Promise<AuditReviewView> {
    const review = this.find(reviewId);
    if (!review) throw new EbrError('NOT_FOUND', 'There is no such audit-trail review.');
    const broken = this.deps.signatures
      .listFor({ type: AUDIT_REVIEW_RECORD, id: reviewId })
      .find((signature) => !signature.verification.valid);
    if (broken) {
      throw new EbrError(
        'CONFLICT',
        `This review cannot be co-signed: its ${broken.meaning} signature is INVALID (${broken.verification.problem}).`,
      );
    }
    const signer = await this.deps.signatures.authenticate(session, credentials, 'verified', {
      distinctFrom: [{ userId: review.createdByUserId, role: 'reviewer' }],
    });
    this.deps.audit.change({ userId: signer.userId, userName: signer.fullName }, ({ record }) => {
      this.deps.signatures.signWithin(
        record,
        signer,
        { type: AUDIT_REVIEW_RECORD, id: review.id },
        review,
        'verified',
      );
    });
    return this.view(review);
  }

  list(): AuditReviewView[] {
    const ids = this.deps.sqlite
      .prepare('SELECT id FROM audit_reviews ORDER BY created_at_utc DESC, rowid DESC')
      .pluck()
      .all() as string[];
    return ids.map((id) => this.view(this.find(id)!));
  }

  private view(review: StoredReview): AuditReviewView {
    return {
      id: review.id,
      scope: JSON.parse(review.scope) as AuditFilter,
      rowCount: review.rowCount,
      firstSeq: review.firstSeq,
      lastSeq: review.lastSeq,
      digest: review.digest,
      comment: review.comment,
      createdAtUtc: review.createdAtUtc,
      signatures: this.deps.signatures.listFor({ type: AUDIT_REVIEW_RECORD, id: review.id }),
    };
  }
}
