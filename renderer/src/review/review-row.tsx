import type { ReactNode } from 'react';
import type { ReviewItem } from '../../../shared/contract/review';
import { severityLabels, severityTones } from '../batches/batch-labels';
import { StatusBadge } from '../ui/status-badge';
import { itemLine, itemTitle } from './review-labels';

/** What happened, in one line; a correction with its original struck through. */
export function ItemWhat({ item, oneLine = false }: { item: ReviewItem; oneLine?: boolean }) {
  // In a row it is the end of the row's one line (a span); on its own, a paragraph.
  const Line = oneLine ? 'span' : 'p';
  const className = oneLine ? 'review-item__what review-item__what--one-line' : 'review-item__what';
  if (item.correction) {
    const { original, corrected } = item.correction;
    return (
      <Line className={className}>
        <del data-testid="correction-original">{original.display}</del> →{' '}
        <strong data-testid="correction-new">{corrected.display}</strong> by {corrected.enteredByName}
        {corrected.reason ? `: ${corrected.reason}` : ''}
      </Line>
    );
  }
  const line = itemLine(item);
  // Cut to one line in the row: the whole sentence is the tooltip, and in the opened item.
  return (
    <Line className={className} title={oneLine ? line : undefined}>
      {line}
    </Line>
  );
}

/**
 * An open item as one compact row of the report: its severity when above minor (the only colour,
 * with its symbol), what it is, the step, what happened in one line, and the decisions beside it.
 */
export function ReviewRow({
  item,
  showTitle,
  actions,
}: {
  item: ReviewItem;
  /** Not where the group's title already says what every item is. */
  showTitle: boolean;
  actions: ReactNode;
}) {
  const severity = item.exception?.severity;
  return (
    <div className="review-row" data-testid="review-row">
      <p className="review-row__main">
        {severity && severity !== 'minor' ? (
          <StatusBadge tone={severityTones[severity]} compact testId="item-severity">
            {severityLabels[severity]}
          </StatusBadge>
        ) : null}
        {showTitle ? <strong>{itemTitle(item)}</strong> : null}
        {item.stepTitle ? (
          <span className="review-item__step">
            {item.stepTitle} <code className="step__id">{item.stepId}</code>
          </span>
        ) : null}
        <ItemWhat item={item} oneLine />
      </p>
      <div className="review-row__actions">{actions}</div>
    </div>
  );
}
