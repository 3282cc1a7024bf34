import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { DispositionDecision, ReviewItem, ReviewView } from '../../../shared/contract/review';
import { lockedStatuses } from '../../../shared/batches/batch-status';
import { ErrorNotice } from '../ui/error-notice';
import { Flash } from '../ui/flash';
import { LoadingNotice } from '../ui/loading-notice';
import { ScreenHeader } from '../ui/screen-header';
import { BatchAuditSection } from './batch-audit-section';
import { DataChanges } from './data-changes';
import { DispositionDialog } from './disposition-dialog';
import { ReleasePanel } from './release-panel';
import { ReviewHeader } from './review-header';
import { ReviewItems } from './review-items';
import { dispositionLabels, plural } from './review-labels';
import { useReview } from './use-review';
import '../styles/batches.css';
import '../styles/execution.css';
import '../styles/review.css';

interface Disposing {
  items: ReviewItem[];
  decision: DispositionDecision;
}

function dispositionMessage({ items, decision }: Disposing, review: ReviewView): string {
  const what =
    items.length === 1 ? `“${items[0]!.stepTitle ?? items[0]!.title}”` : plural(items.length, 'item');
  const open = review.counts.openItems;
  return `${dispositionLabels[decision]}: ${what}. ${open === 0 ? 'No item is open.' : `${plural(open, 'item')} open.`}`;
}

/** QA's review of one batch by exception: items to disposition, data changes, the audit trail, the decision. */
function BatchReview({ batchId }: { batchId: string }) {
  const { state, replace, reload } = useReview(batchId);
  const [flash, setFlash] = useState<string | null>(null);
  const [disposing, setDisposing] = useState<Disposing | null>(null);
  const back = (
    <Link className="button button--large" to="/review" data-testid="back-to-queue">
      Review queue
    </Link>
  );
  if (state.status !== 'ready') {
    return (
      <div className="screen">
        <ScreenHeader title="Review" action={back} />
        {state.status === 'loading' ? <LoadingNotice what="the review" /> : null}
        {state.status === 'failed' ? <ErrorNotice error={state.error.toData()} onRetry={reload} /> : null}
      </div>
    );
  }
  const review = state.review;
  const { batch } = review;
  // Locked after QA's decision; a training batch is never reviewed; review starts at Execution complete.
  const locked =
    lockedStatuses.includes(batch.status) || batch.training || batch.status !== 'execution-complete';
  const show = (view: ReviewView, message: string) => {
    replace(view);
    setFlash(message);
  };

  return (
    <div
      className="screen review-screen"
      data-testid="review-screen"
      data-batch-id={batch.id}
      data-status={batch.status}
      data-locked={String(locked)}
    >
      <ReviewHeader review={review} back={back} />
      <Flash message={flash} />
      {batch.training ? null : <ReleasePanel review={review} onDecided={show} />}
      <ReviewItems
        review={review}
        locked={locked}
        onDisposition={(items, decision) => setDisposing({ items, decision })}
      />
      <DataChanges rows={review.dataChanges} batch={batch} />
      <BatchAuditSection review={review} locked={locked} onReviewed={show} />
      {disposing ? (
        <DispositionDialog
          batchId={batch.id}
          batchNumber={batch.batchNumber}
          items={disposing.items}
          decision={disposing.decision}
          onDone={(view) => {
            setDisposing(null);
            show(view, dispositionMessage(disposing, view));
          }}
          onPartial={replace}
          onClose={() => setDisposing(null)}
        />
      ) : null}
    </div>
  );
}

export function ReviewScreen() {
  const { batchId = '' } = useParams();
  // A new batch is a new review: nothing of the last one's dialogs or messages carries over.
  return <BatchReview key={batchId} batchId={batchId} />;
}
