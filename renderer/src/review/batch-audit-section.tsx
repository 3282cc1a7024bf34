import { useState } from 'react';
import type { ReviewView } from '../../../shared/contract/review';
import { AuditTable } from '../audit/audit-table';
import { formatUtcInstant } from '../format/time';
import { asResult } from '../ipc/as-result';
import { call } from '../ipc/client';
import { shortLocalTime } from '../recipes/recipe-time';
import { CommentThenSignDialog } from '../signatures/comment-then-sign-dialog';
import { SignatureBlock } from '../signatures/signature-block';
import { useSystemInfo } from '../system/system-info-context';
import { StatusBadge } from '../ui/status-badge';
import { plural } from './review-labels';

function rangeOf(first: number | null | undefined, last: number | null | undefined): string {
  return first != null && last != null ? `seq ${first}–${last}` : 'no rows';
}

/**
 * The batch's own audit trail and its signed review (A11-9): every row, newest first; the latest
 * review with what it covered; and the rows written after it, which need a new review.
 */
export function BatchAuditSection({
  review,
  locked,
  onReviewed,
}: {
  review: ReviewView;
  locked: boolean;
  onReviewed: (review: ReviewView, message: string) => void;
}) {
  const { info } = useSystemInfo();
  const [recording, setRecording] = useState(false);
  const { batch, auditRows, auditReview, auditRowsSinceReview } = review;
  const newestFirst = [...auditRows].reverse();
  const since = auditReview ? newestFirst.filter((row) => row.seq > (auditReview.lastSeq ?? 0)) : [];
  const scope = `${plural(auditRows.length, 'row')} of batch ${batch.batchNumber}, ${rangeOf(
    auditRows[0]?.seq,
    auditRows.at(-1)?.seq,
  )}`;
  // The batch by its number; its entries and exceptions keep their ids (the step is in their values).
  const names = { entityNames: { [`batch:${batch.id}`]: batch.batchNumber }, terminalNames: {} };
  const state = auditReview === null ? 'missing' : auditRowsSinceReview > 0 ? 'stale' : 'current';

  return (
    <section
      className="review-section"
      aria-labelledby="batch-audit-title"
      data-testid="batch-audit"
      data-review-state={state}
    >
      <header className="review-section__header review-section__header--actions">
        <div>
          <h2 className="review-section__title" id="batch-audit-title">
            Audit trail of this batch
          </h2>
          <p className="review-section__explain" data-testid="batch-audit-scope">
            {scope}: the batch, its entries and exceptions (review activity is recorded apart).
          </p>
        </div>
        {locked ? null : (
          <button
            type="button"
            className={state === 'current' ? 'button button--large' : 'button button--primary button--large'}
            onClick={() => setRecording(true)}
            data-testid="record-batch-audit-review"
          >
            Record audit-trail review…
          </button>
        )}
      </header>

      <div className={`audit-review-status audit-review-status--${state}`} data-testid="batch-audit-review">
        {auditReview === null ? (
          <StatusBadge tone="neutral" testId="batch-audit-review-state">
            Not reviewed
          </StatusBadge>
        ) : (
          <>
            <div className="audit-review-status__main">
              <StatusBadge
                tone={state === 'current' ? 'ok' : locked ? 'neutral' : 'warn'}
                testId="batch-audit-review-state"
              >
                {state === 'current'
                  ? 'Reviewed: covers every row'
                  : locked
                    ? `Reviewed before the decision; ${plural(auditRowsSinceReview, 'row')} since, listed below`
                    : `${plural(auditRowsSinceReview, 'row')} after the latest review: review again`}
              </StatusBadge>
              <dl className="disposition__facts">
                <div className="disposition__fact">
                  <dt>Covered</dt>
                  <dd data-testid="batch-audit-review-rows">
                    {plural(auditReview.rowCount, 'row')},{' '}
                    {rangeOf(auditReview.firstSeq, auditReview.lastSeq)}
                  </dd>
                </div>
                <div className="disposition__fact">
                  <dt>Comment</dt>
                  <dd data-testid="batch-audit-review-comment">{auditReview.comment}</dd>
                </div>
                <div className="disposition__fact">
                  <dt>By</dt>
                  <dd>
                    {auditReview.reviewedByName}, {shortLocalTime(auditReview.reviewedAtUtc, info.timeZone)} ·{' '}
                    {formatUtcInstant(auditReview.reviewedAtUtc)}
                  </dd>
                </div>
                <div className="disposition__fact">
                  <dt>Digest</dt>
                  <dd>
                    <code title={auditReview.digest}>{auditReview.digest.slice(0, 16)}…</code>
                  </dd>
                </div>
              </dl>
            </div>
            <div className="audit-review-status__signatures">
              {auditReview.signatures.map((signature) => (
                <SignatureBlock key={signature.id} signature={signature} />
              ))}
            </div>
          </>
        )}
      </div>

      {since.length > 0 ? (
        <div className="batch-audit__since" data-testid="batch-audit-since">
          <h3 className="review-group__title">Rows after the latest review</h3>
          <AuditTable rows={since} names={names} />
        </div>
      ) : null}

      {/* Every row stays in the page (the review covers them all); opened when QA reads them. */}
      <details className="batch-audit__all">
        <summary className="batch-audit__summary" data-testid="batch-audit-open">
          All {plural(auditRows.length, 'row')}, newest first
        </summary>
        <div className="batch-audit__scroll" data-testid="batch-audit-rows" tabIndex={0}>
          <AuditTable rows={newestFirst} names={names} />
        </div>
      </details>

      {recording ? (
        <CommentThenSignDialog<ReviewView>
          title={`Record the audit-trail review of batch ${batch.batchNumber}`}
          testId="batch-audit-review-dialog"
          explain={
            <p className="form__explain">
              You confirm that you have read the audit trail of this batch: {scope}. The review records how
              many rows, their range and a digest of them, and carries your signature “Reviewed”. Rows written
              later need a new review before release.
            </p>
          }
          fieldLabel="Review comment: what you checked and found"
          signTitle={`Sign the audit-trail review of ${batch.batchNumber}`}
          subject={(comment) => ({
            title: `Audit-trail review of batch ${batch.batchNumber}`,
            lines: [
              { label: 'Rows', value: scope },
              { label: 'Comment', value: comment },
            ],
          })}
          meaning="reviewed"
          onSign={(comment, credentials) =>
            asResult(() =>
              call('review.auditTrail', { batchId: batch.id, comment: comment.trim(), credentials }),
            )
          }
          onSigned={(view) => {
            setRecording(false);
            onReviewed(view, `Audit-trail review of batch ${batch.batchNumber} recorded.`);
          }}
          onClose={() => setRecording(false)}
        />
      ) : null}
    </section>
  );
}
