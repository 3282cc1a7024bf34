import { useState } from 'react';
import type { DispositionDecision, DispositionView, ReviewItem } from '../../../shared/contract/review';
import { meaningLabels } from '../../../shared/signatures';
import { ExceptionCard } from '../batches/exception-card';
import { formatZoned, zonedTime } from '../format/zoned-time';
import { formatUtcInstant } from '../format/time';
import { StatusBadge } from '../ui/status-badge';
import { CorrectionCard, InvalidSignatureCard } from './correction-card';
import { DispositionBlock } from './disposition-block';
import type { ReviewGroupId } from './review-groups';
import { dispositionLabels, dispositionTones, itemTitle, itemStatus } from './review-labels';
import { ItemWhat, ReviewRow } from './review-row';

type OnDisposition = (item: ReviewItem, decision: DispositionDecision) => void;

function otherDecision(disposition: DispositionView): DispositionDecision {
  return disposition.decision === 'accepted' ? 'investigation' : 'accepted';
}

function DecisionButtons({
  item,
  onDisposition,
  short = false,
}: {
  item: ReviewItem;
  onDisposition: OnDisposition;
  /** In a compact row: "Investigate…" for "Requires investigation…", so the row keeps its words. */
  short?: boolean;
}) {
  if (item.disposition) {
    const other = otherDecision(item.disposition);
    return (
      <button
        type="button"
        className="button"
        onClick={() => onDisposition(item, other)}
        data-testid="change-disposition"
      >
        Change to “{dispositionLabels[other].toLowerCase()}”…
      </button>
    );
  }
  return (
    <>
      <button
        type="button"
        className="button button--primary"
        onClick={() => onDisposition(item, 'accepted')}
        data-testid="accept-item"
      >
        Accept…
      </button>
      <button
        type="button"
        className="button"
        onClick={() => onDisposition(item, 'investigation')}
        data-testid="investigate-item"
      >
        {short ? 'Investigate…' : 'Requires investigation…'}
      </button>
    </>
  );
}

/** The Details / Fold button of an item (a signature that fails verification is never folded away). */
function DetailsButton({ expanded, onToggle }: { expanded: boolean; onToggle: () => void }) {
  return (
    <button
      type="button"
      className="button"
      aria-expanded={expanded}
      onClick={onToggle}
      data-testid="item-details"
    >
      {expanded ? 'Fold' : 'Details'}
    </button>
  );
}

/**
 * A dispositioned item in one block: what it was, QA's decision, comment and reference, and the
 * signature manifested in words (printed name, meaning, time, validity). Details open the full card.
 */
function CompactItem({
  item,
  showTitle,
  disposition,
  locked,
  onDisposition,
  onDetails,
}: {
  item: ReviewItem;
  /** Not where the group's title already says what every item is. */
  showTitle: boolean;
  disposition: DispositionView;
  locked: boolean;
  onDisposition: OnDisposition;
  onDetails: () => void;
}) {
  return (
    <div className="review-item__compact" data-testid="disposition" data-decision={disposition.decision}>
      <div className="review-item__compact-main">
        <p className="review-item__compact-title">
          <StatusBadge tone={dispositionTones[disposition.decision]} compact testId="disposition-decision">
            {dispositionLabels[disposition.decision]}
          </StatusBadge>
          {showTitle ? <strong>{itemTitle(item)}</strong> : null}
          {item.stepTitle ? (
            <span className="review-item__step">
              {item.stepTitle} <code className="step__id">{item.stepId}</code>
            </span>
          ) : null}
        </p>
        <ItemWhat item={item} />
        <p className="review-item__decided">
          <span className="exception-card__label">QA:</span>{' '}
          <span data-testid="disposition-comment">{disposition.comment}</span>
          {disposition.reference ? (
            <>
              {' '}
              · <span className="exception-card__label">Investigation</span>{' '}
              <code className="review-item__reference" data-testid="disposition-reference">
                {disposition.reference}
              </code>
            </>
          ) : null}
        </p>
        {disposition.signatures.map((signature) => {
          const zoned = zonedTime(signature.signedAtUtc, signature.timeZone);
          return (
            <p
              className="review-item__signed"
              key={signature.id}
              data-testid="disposition-signed"
              data-meaning={signature.meaning}
              data-valid={String(signature.verification.valid)}
            >
              Signed “{meaningLabels[signature.meaning]}” by{' '}
              <strong data-testid="disposition-signer">{signature.signerName}</strong>,{' '}
              <span className="review-item__nowrap">
                {zoned ? formatZoned(zoned) : formatUtcInstant(signature.signedAtUtc)}
              </span>{' '}
              at <span className="review-item__nowrap">{signature.terminalName}</span>
              <StatusBadge tone={signature.verification.valid ? 'ok' : 'fail'} compact>
                {signature.verification.valid ? 'VALID' : 'INVALID'}
              </StatusBadge>
            </p>
          );
        })}
      </div>
      <div className="review-item__compact-actions">
        <DetailsButton expanded={false} onToggle={onDetails} />
        {locked ? null : <DecisionButtons item={item} onDisposition={onDisposition} />}
      </div>
    </div>
  );
}

/**
 * One review item. Folded (the default), it is one compact row: an open item with its two
 * decisions, a dispositioned one with QA's decision and signature in words. "Details" opens what
 * happened (with its signatures) beside the disposition; a broken signature always stays open.
 */
export function ReviewItemCard({
  item,
  group,
  locked,
  onDisposition,
}: {
  item: ReviewItem;
  group: ReviewGroupId;
  locked: boolean;
  onDisposition: OnDisposition;
}) {
  const disposition = item.disposition;
  const broken =
    item.kind === 'invalid-signature' ||
    (disposition?.signatures.some((signature) => !signature.verification.valid) ?? false);
  const [expanded, setExpanded] = useState(broken);
  const status = itemStatus(item);
  const state = disposition?.decision ?? 'open';
  const showTitle = group !== 'manual-entry' && group !== 'correction';
  return (
    <li
      className={`review-item review-item--${state}${expanded ? '' : ' review-item--folded'}`}
      data-testid="review-item"
      data-key={item.key}
      data-kind={item.kind}
      data-group={group}
      data-step-id={item.stepId ?? undefined}
      data-state={state}
      data-expanded={String(expanded)}
    >
      {!expanded && disposition ? (
        <CompactItem
          item={item}
          showTitle={showTitle}
          disposition={disposition}
          locked={locked}
          onDisposition={onDisposition}
          onDetails={() => setExpanded(true)}
        />
      ) : null}
      {!expanded && !disposition ? (
        <ReviewRow
          item={item}
          showTitle={showTitle}
          actions={
            <>
              <DetailsButton expanded={false} onToggle={() => setExpanded(true)} />
              {locked ? null : <DecisionButtons item={item} onDisposition={onDisposition} short />}
            </>
          }
        />
      ) : null}
      {expanded ? (
        <>
          <div className="review-item__subject">
            {item.exception ? <ExceptionCard exception={item.exception} /> : null}
            {item.kind === 'correction' ? <CorrectionCard item={item} /> : null}
            {item.kind === 'invalid-signature' ? <InvalidSignatureCard item={item} /> : null}
          </div>
          <div className="review-item__disposition" aria-label="QA disposition">
            {disposition ? (
              <DispositionBlock disposition={disposition} />
            ) : (
              <StatusBadge tone={status.tone} testId="item-status">
                {status.label}: not yet dispositioned
              </StatusBadge>
            )}
            <div className="review-item__actions">
              {locked ? null : <DecisionButtons item={item} onDisposition={onDisposition} />}
              {broken ? null : <DetailsButton expanded onToggle={() => setExpanded(false)} />}
            </div>
          </div>
        </>
      ) : null}
    </li>
  );
}
