import { useState } from 'react';
import type { ReviewView } from '../../../shared/contract/review';
import { meaningLabels } from '../../../shared/signatures';
import { asResult } from '../ipc/as-result';
import { call } from '../ipc/client';
import { usePermission } from '../shell/use-permission';
import { CommentThenSignDialog } from '../signatures/comment-then-sign-dialog';
import { SignatureBlock } from '../signatures/signature-block';
import type { SignedLine } from '../signatures/signed-subject';
import { plural } from './review-labels';

type Decision = 'released' | 'rejected';

/** How the items were dispositioned, in one line: "13 accepted, 1 requires investigation (DEV-2026-0117)". */
export function dispositionSummary(review: ReviewView): string {
  const decided = review.items.filter((item) => item.disposition !== null);
  const accepted = decided.filter((item) => item.disposition!.decision === 'accepted').length;
  const investigations = decided.filter((item) => item.disposition!.decision === 'investigation');
  const references = [...new Set(investigations.map((item) => item.disposition!.reference ?? '—'))];
  const parts = [
    accepted > 0 ? `${accepted} accepted` : null,
    investigations.length > 0
      ? `${investigations.length} ${investigations.length === 1 ? 'requires' : 'require'} investigation (${references.join(', ')})`
      : null,
    review.counts.openItems > 0 ? `${review.counts.openItems} open` : null,
  ].filter(Boolean);
  return review.items.length === 0 ? 'No item needed a disposition' : parts.join(', ');
}

function decisionLines(review: ReviewView, comment: string): SignedLine[] {
  const { batch } = review;
  return [
    { label: 'Batch', value: batch.batchNumber },
    { label: 'Product', value: `${batch.productCode} · ${batch.productName}` },
    { label: 'Recipe', value: `${batch.recipeCode} version ${batch.recipeVersionLabel}` },
    { label: 'Review items', value: dispositionSummary(review) },
    {
      label: 'Audit trail',
      value: review.auditReview
        ? `reviewed by ${review.auditReview.reviewedByName} (${plural(review.auditReview.rowCount, 'row')})`
        : 'not reviewed',
    },
    { label: 'Comment', value: comment },
  ];
}

/**
 * QA's decision (A11-15): what still blocks release, in plain sentences from the core; "Release"
 * only when nothing does; "Reject" always. Until then a slim bar that stays in the window while
 * QA scrolls the report; after the decision: its signature and the lock.
 */
export function ReleasePanel({
  review,
  onDecided,
}: {
  review: ReviewView;
  onDecided: (review: ReviewView, message: string) => void;
}) {
  const [open, setOpen] = useState<Decision | null>(null);
  const canRelease = usePermission('sign.released');
  const canReject = usePermission('sign.rejected');
  const { batch, releaseBlockers, decision } = review;
  const decided = batch.status === 'released' || batch.status === 'rejected' ? batch.status : null;
  const decisionRow = decided
    ? [...review.auditRows].reverse().find((row) => row.action === `batch.${decided}`)
    : undefined;
  const state = decided ?? (releaseBlockers.length > 0 ? 'blocked' : 'ready');

  return (
    <section
      // Until QA decides, the panel stays at the top of the window: what is left, Release and Reject.
      className={`release-panel release-panel--${state}${decided ? '' : ' release-panel--sticky'}`}
      aria-labelledby="release-panel-title"
      data-testid="release-panel"
      data-state={state}
    >
      {decided ? (
        <header className="release-panel__header">
          <h2 className="release-panel__title" id="release-panel-title">
            {decided === 'released' ? 'Batch released' : 'Batch rejected'}
          </h2>
          <span className="locked-mark" data-testid="locked-state">
            <svg className="locked-mark__icon" viewBox="0 0 16 20" aria-hidden="true">
              <path className="locked-mark__shackle" d="M4 9V6a4 4 0 0 1 8 0v3" />
              <rect className="locked-mark__body" x="1" y="9" width="14" height="10" rx="2" />
            </svg>
            LOCKED
          </span>
        </header>
      ) : null}

      {decided ? (
        <div className="release-panel__decided">
          <div className="release-panel__facts">
            <p className="release-panel__lead">
              {decided === 'released'
                ? 'QA released this batch. The record is locked: every change to it is refused and audited.'
                : 'QA rejected this batch; its product must not be used. The record is locked: every change to it is refused and audited.'}
            </p>
            {decisionRow?.reason ? (
              <p className="release-panel__comment" data-testid="decision-comment">
                <span className="exception-card__label">
                  {decided === 'released' ? 'Comment' : 'Reason'}:
                </span>{' '}
                {decisionRow.reason}
              </p>
            ) : null}
            <p className="release-panel__summary" data-testid="decision-dispositions">
              Review items: {dispositionSummary(review)}.
            </p>
          </div>
          <div className="release-panel__signatures" data-testid="decision-signatures">
            {decision.map((signature) => (
              <SignatureBlock key={signature.id} signature={signature} />
            ))}
          </div>
        </div>
      ) : (
        <div className="release-panel__bar">
          <div className="release-panel__left" data-testid="release-summary">
            <h2 className="release-panel__title" id="release-panel-title">
              Release
            </h2>
            {releaseBlockers.length > 0 ? (
              <div className="release-panel__blockers">
                <ul className="blocker-list" data-testid="release-blockers">
                  {releaseBlockers.map((blocker) => (
                    <li className="blocker-list__item" key={blocker} data-testid="release-blocker">
                      <span className="blocker-list__mark" aria-hidden="true">
                        ○
                      </span>
                      <span data-testid="release-blocker-text">{blocker}</span>
                    </li>
                  ))}
                </ul>
              </div>
            ) : (
              <p className="release-panel__ready" data-testid="release-ready">
                <span className="blocker-list__mark" aria-hidden="true">
                  ✓
                </span>
                Nothing blocks release: every item is dispositioned, the audit trail of the batch is reviewed
                and every signature verifies.
              </p>
            )}
            {/* While items are open, the first blocker already says how many: no second line. */}
            {review.counts.openItems === 0 || releaseBlockers.length === 0 ? (
              <p className="release-panel__summary" data-testid="release-dispositions">
                Review items: {dispositionSummary(review)}.
              </p>
            ) : null}
          </div>
          <div className="release-panel__actions">
            {canRelease ? (
              <button
                type="button"
                className="button button--primary button--large"
                disabled={releaseBlockers.length > 0}
                onClick={() => setOpen('released')}
                data-testid="release-batch"
              >
                Release…
              </button>
            ) : null}
            {canReject ? (
              <button
                type="button"
                className="button button--danger-outline button--large"
                onClick={() => setOpen('rejected')}
                data-testid="reject-batch"
              >
                Reject…
              </button>
            ) : null}
          </div>
        </div>
      )}

      {open ? (
        <CommentThenSignDialog<ReviewView>
          title={
            open === 'released' ? `Release batch ${batch.batchNumber}` : `Reject batch ${batch.batchNumber}`
          }
          testId="decision-dialog"
          tone={open === 'rejected' ? 'danger' : 'normal'}
          explain={
            <p className="form__explain">
              {open === 'released'
                ? `You release batch ${batch.batchNumber} (${batch.productName}). Review items: ${dispositionSummary(review)}. Your signature “${meaningLabels.released}” locks the record.`
                : `You reject batch ${batch.batchNumber} (${batch.productName}): its product must not be used. Your signature “${meaningLabels.rejected}” locks the record; open items need not be dispositioned first.`}
            </p>
          }
          fieldLabel={open === 'released' ? 'Release comment' : 'Reason for the rejection'}
          signTitle={
            open === 'released'
              ? `Sign: release of batch ${batch.batchNumber}`
              : `Sign: rejection of batch ${batch.batchNumber}`
          }
          subject={(comment) => ({
            title: `${open === 'released' ? 'Release' : 'Rejection'} of batch ${batch.batchNumber}`,
            lines: decisionLines(review, comment),
          })}
          meaning={open}
          onSign={(comment, credentials) =>
            asResult(() =>
              call('review.decide', {
                batchId: batch.id,
                decision: open,
                comment: comment.trim(),
                credentials,
              }),
            )
          }
          onSigned={(view) => {
            setOpen(null);
            onDecided(view, `Batch ${batch.batchNumber} ${open}.`);
          }}
          onClose={() => setOpen(null)}
        />
      ) : null}
    </section>
  );
}
