import { useState } from 'react';
import type { DispositionDecision, ReviewItem, ReviewView } from '../../../shared/contract/review';
import { groupReviewItems, type ReviewGroup } from './review-groups';
import { ReviewItemCard } from './review-item-card';
import { plural } from './review-labels';

/** Groups where accepting every open item with one comment is offered (each still signed on its own). */
const acceptAllGroups = new Set<ReviewGroup['id']>(['manual-entry']);

function GroupSection({
  group,
  locked,
  onDisposition,
}: {
  group: ReviewGroup;
  locked: boolean;
  onDisposition: (items: ReviewItem[], decision: DispositionDecision) => void;
}) {
  const open = group.items.filter((item) => item.disposition === null);
  // Each kind folds as one; the rows stay in the record (hidden), so counts and selectors hold.
  const [expanded, setExpanded] = useState(true);
  const listId = `review-group-${group.id}`;
  return (
    <section
      className="review-group"
      aria-label={group.title}
      data-testid="review-group"
      data-group={group.id}
      data-open={open.length}
      data-expanded={String(expanded)}
    >
      <header className="review-group__header">
        <div className="review-group__heading">
          <h3 className="review-group__title">
            <button
              type="button"
              className="review-group__toggle"
              aria-expanded={expanded}
              aria-controls={listId}
              onClick={() => setExpanded(!expanded)}
              data-testid="group-toggle"
            >
              <span className="review-group__chevron" aria-hidden="true">
                {expanded ? '▾' : '▸'}
              </span>
              {group.title} <span className="review-group__count">{group.items.length}</span>
            </button>
          </h3>
          <p className="review-group__explain" title={group.explain}>
            {group.explain}
          </p>
        </div>
        <span
          className={open.length > 0 ? 'review-group__open review-group__open--some' : 'review-group__open'}
          data-testid="group-open"
        >
          {open.length > 0 ? `${open.length} open` : 'All dispositioned'}
        </span>
        {!locked && acceptAllGroups.has(group.id) && open.length > 1 ? (
          <button
            type="button"
            className="button"
            onClick={() => onDisposition(open, 'accepted')}
            data-testid="accept-group"
          >
            Accept all {open.length} open…
          </button>
        ) : null}
      </header>
      <ol className="review-group__items" id={listId} hidden={!expanded}>
        {group.items.map((item) => (
          <ReviewItemCard
            // A new disposition is a new card: it folds once signed.
            key={`${item.key}:${item.disposition?.id ?? 'open'}`}
            item={item}
            group={group.id}
            locked={locked}
            onDisposition={(one, decision) => onDisposition([one], decision)}
          />
        ))}
      </ol>
    </section>
  );
}

/** Everything not routine in the batch, grouped by kind, each with QA's disposition. */
export function ReviewItems({
  review,
  locked,
  onDisposition,
}: {
  review: ReviewView;
  locked: boolean;
  onDisposition: (items: ReviewItem[], decision: DispositionDecision) => void;
}) {
  const groups = groupReviewItems(review.items);
  const open = review.counts.openItems;
  return (
    <section className="review-section" aria-labelledby="review-items-title" data-testid="review-items">
      <header className="review-section__header review-section__header--inline">
        <h2 className="review-section__title" id="review-items-title">
          Review by exception
        </h2>
        <p className="review-section__explain" data-testid="review-items-summary">
          {review.items.length === 0
            ? 'Nothing in this batch needs a disposition: every step was routine.'
            : `${plural(review.items.length, 'item')} not routine; ${open === 0 ? 'all dispositioned' : `${open} open`}. Each disposition is signed “Reviewed”.`}
        </p>
      </header>
      {groups.map((group) => (
        <GroupSection key={group.id} group={group} locked={locked} onDisposition={onDisposition} />
      ))}
    </section>
  );
}
