import type { AuditReviewView, PersonRef } from '../../../shared/contract/audit-trail';
import { describeScope } from '../audit/audit-scope';
import { formatUtcInstant } from '../format/time';
import { formatZoned, zonedTime } from '../format/zoned-time';
import { SignatureBlock } from '../signatures/signature-block';
import { useSystemInfo } from '../system/system-info-context';

function rowsInWords(review: AuditReviewView): string {
  const rows = review.rowCount === 1 ? '1 row' : `${review.rowCount} rows`;
  return review.firstSeq !== null && review.lastSeq !== null
    ? `${rows}, seq ${review.firstSeq}–${review.lastSeq}`
    : rows;
}

/** One recorded review: its scope in words, what it covered, the comment, and every signature on it. */
export function ReviewCard({
  review,
  people,
  highlighted,
  onCosign,
}: {
  review: AuditReviewView;
  people: readonly PersonRef[];
  highlighted: boolean;
  onCosign: (() => void) | null;
}) {
  const { info } = useSystemInfo();
  const recordedLocal = zonedTime(review.createdAtUtc, info.timeZone);
  const broken = review.signatures.some((signature) => !signature.verification.valid);
  const classes = [
    'review-card',
    highlighted ? 'review-card--new' : null,
    broken ? 'review-card--broken' : null,
  ];
  return (
    <li className={classes.filter(Boolean).join(' ')} data-testid="review-card" data-review-id={review.id}>
      <div className="review-card__main">
        <p className="review-card__caption">Audit-trail review</p>
        <p className="review-card__scope" data-testid="review-card-scope">
          {describeScope(review.scope, people)}
        </p>
        <dl className="review-card__facts">
          <div>
            <dt>Covered</dt>
            <dd data-testid="review-card-rows">{rowsInWords(review)}</dd>
          </div>
          <div>
            <dt>Comment</dt>
            <dd data-testid="review-card-comment">{review.comment}</dd>
          </div>
          <div>
            <dt>Recorded</dt>
            <dd>
              {recordedLocal ? `${formatZoned(recordedLocal)} · ` : ''}
              {formatUtcInstant(review.createdAtUtc)}
            </dd>
          </div>
          <div>
            <dt>Digest</dt>
            <dd>
              <code className="review-card__digest">{review.digest.slice(0, 16)}…</code>
            </dd>
          </div>
        </dl>
      </div>
      <div className="review-card__signatures" data-testid="review-card-signatures">
        {review.signatures.map((signature) => (
          <SignatureBlock key={signature.id} signature={signature} />
        ))}
      </div>
      {broken ? (
        <p className="review-card__broken" role="alert" data-testid="review-card-broken">
          A signature on this review does not verify against the review as stored now. Do not rely on it;
          report it to QA and an administrator.
        </p>
      ) : null}
      {onCosign ? (
        <div className="review-card__actions">
          <button
            type="button"
            className="button button--large"
            onClick={onCosign}
            data-testid="cosign-review"
          >
            Co-sign…
          </button>
        </div>
      ) : null}
    </li>
  );
}
