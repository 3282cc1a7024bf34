import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { ReviewView } from '../../../shared/contract/review';
import { BatchStatusBadge, TrainingBadge } from '../batches/batch-badges';
import { shortLocalTime } from '../recipes/recipe-time';
import { useSystemInfo } from '../system/system-info-context';
import { BatchRecordPdfButton, ReviewSummaryPdfButton } from './batch-record-pdf-button';
import { NotRoutine, OpenItemCount } from './review-counts';

/** The batch under review: what it is, where it stands, and the full record one click away. */
export function ReviewHeader({ review, back }: { review: ReviewView; back: ReactNode }) {
  const { info } = useSystemInfo();
  const { batch, counts } = review;
  const completion = batch.signatures.find((signature) => signature.meaning === 'performed');
  return (
    <header className="batch-header review-header" data-testid="review-header">
      <div className="batch-header__top">
        <h1 className="batch-header__number">
          <span className="review-header__eyebrow">QA review</span> Batch{' '}
          <span data-testid="batch-number">{batch.batchNumber}</span>
        </h1>
        <BatchStatusBadge status={batch.status} />
        {batch.training ? <TrainingBadge /> : null}
      </div>
      <p className="batch-header__line">
        <span data-testid="batch-product">
          <strong>{batch.productCode}</strong> {batch.productName}
        </span>
        <span className="batch-header__sep" aria-hidden="true">
          ·
        </span>
        <span data-testid="batch-recipe">
          <code>{batch.recipeCode}</code> version {batch.recipeVersionLabel}
        </span>
        <span className="batch-header__sep" aria-hidden="true">
          ·
        </span>
        <span>
          planned <strong>{`${batch.plannedQuantity} ${batch.plannedUnit}`}</strong>
        </span>
        <span className="batch-header__sep" aria-hidden="true">
          ·
        </span>
        <span>
          {batch.stepsCompleted}/{batch.stepCount} steps at {batch.terminalName}
        </span>
        {batch.executionCompletedAtUtc ? (
          <>
            <span className="batch-header__sep" aria-hidden="true">
              ·
            </span>
            <span data-testid="execution-complete-at">
              execution complete {shortLocalTime(batch.executionCompletedAtUtc, info.timeZone)}
              {completion ? ` by ${completion.signerName}` : ''}
            </span>
          </>
        ) : null}
      </p>
      <div className="review-header__bottom">
        <p className="review-header__counts">
          <span className="review-header__count">
            <OpenItemCount open={counts.openItems} testId="review-open-items" /> open of {review.items.length}{' '}
            review items
          </span>
          <NotRoutine counts={counts} />
        </p>
        <div className="review-header__record">
          {back}
          <Link className="button button--large" to={`/batches/${batch.id}`} data-testid="open-batch-record">
            Full batch record
          </Link>
          <BatchRecordPdfButton batchId={batch.id} />
          <ReviewSummaryPdfButton batchId={batch.id} />
        </div>
      </div>
      {batch.training ? (
        <p className="notice notice--error" role="alert" data-testid="training-not-reviewed">
          Training batch: it is not a GMP record and is never reviewed or released.
        </p>
      ) : null}
    </header>
  );
}
