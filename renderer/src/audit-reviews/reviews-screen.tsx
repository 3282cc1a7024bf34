import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import type { AuditReviewView } from '../../../shared/contract/audit-trail';
import { useChannel } from '../ipc/use-channel';
import { ErrorNotice } from '../ui/error-notice';
import { Flash } from '../ui/flash';
import { LoadingNotice } from '../ui/loading-notice';
import { Panel } from '../ui/panel';
import { ScreenHeader } from '../ui/screen-header';
import { CosignReviewDialog } from './cosign-review-dialog';
import { ReviewCard } from './review-card';
import { recordedReviewId } from './review-recorded';

/** Recorded audit-trail reviews (A11-9), newest first, each with its signatures; a second person may co-sign. */
export function ReviewsScreen() {
  const { state, reload } = useChannel('audit.reviews.list', {});
  const people = useChannel('audit.people', {});
  const location = useLocation();
  const justRecorded = recordedReviewId(location.state);
  const [cosigning, setCosigning] = useState<AuditReviewView | null>(null);
  const [flash, setFlash] = useState<string | null>(
    justRecorded ? 'Review recorded and signed “Reviewed”.' : null,
  );
  const [highlight, setHighlight] = useState<string | null>(justRecorded);
  const peopleList = people.state.status === 'ready' ? people.state.value : [];

  return (
    <div className="screen">
      <ScreenHeader
        title="Audit reviews"
        purpose="Who reviewed which part of the audit trail, when, and what they found. Each review is signed; a second person may verify it."
        action={
          <Link className="button button--large" to="/audit" data-testid="open-audit-trail">
            Audit trail
          </Link>
        }
      />
      <Flash message={flash} />
      <Panel title="Recorded reviews" wide>
        {state.status === 'loading' ? <LoadingNotice what="reviews" /> : null}
        {state.status === 'failed' ? <ErrorNotice error={state.error.toData()} onRetry={reload} /> : null}
        {state.status === 'ready' && state.value.length === 0 ? (
          <p className="lead muted">No audit-trail review has been recorded yet.</p>
        ) : null}
        {state.status === 'ready' && state.value.length > 0 ? (
          <ul className="review-list">
            {state.value.map((review) => (
              <ReviewCard
                key={review.id}
                review={review}
                people={peopleList}
                highlighted={review.id === highlight}
                onCosign={
                  // Verified once is enough; a review whose signature no longer verifies is not co-signed.
                  review.signatures.some(
                    (signature) => signature.meaning === 'verified' || !signature.verification.valid,
                  )
                    ? null
                    : () => setCosigning(review)
                }
              />
            ))}
          </ul>
        ) : null}
      </Panel>
      {cosigning ? (
        <CosignReviewDialog
          review={cosigning}
          people={peopleList}
          onClose={() => setCosigning(null)}
          onCosigned={(review) => {
            setCosigning(null);
            setHighlight(review.id);
            setFlash('Review co-signed “Verified”.');
            reload();
          }}
        />
      ) : null}
    </div>
  );
}
