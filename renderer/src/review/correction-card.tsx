import type { ReviewItem } from '../../../shared/contract/review';
import { originLabels } from '../batches/batch-labels';
import { shortLocalTime } from '../recipes/recipe-time';
import { SignatureBlock } from '../signatures/signature-block';
import { useSystemInfo } from '../system/system-info-context';

/** A corrected value: the original struck through (never hidden), the correction, why and by whom. */
export function CorrectionCard({ item }: { item: ReviewItem }) {
  const { info } = useSystemInfo();
  if (!item.correction) return null;
  const { original, corrected } = item.correction;
  return (
    <article
      className="correction-card"
      data-testid="correction-card"
      data-step-id={item.stepId ?? undefined}
    >
      <header className="correction-card__header">
        <h3 className="correction-card__title">Value corrected</h3>
        <span className="correction-card__step">
          {item.stepTitle} <code className="step__id">{item.stepId}</code>
        </span>
      </header>
      <p className="correction-card__values">
        <span className="correction-card__value">
          <span className="correction-card__caption">Original</span>
          <del className="correction-card__original" data-testid="correction-original">
            {original.display}
          </del>
        </span>
        <span className="correction-card__arrow" aria-hidden="true">
          →
        </span>
        <span className="correction-card__value">
          <span className="correction-card__caption">Correction</span>
          <strong className="correction-card__new" data-testid="correction-new">
            {corrected.display}
          </strong>
        </span>
      </p>
      {corrected.reason ? (
        <p className="correction-card__reason" data-testid="correction-reason">
          <span className="exception-card__label">Reason:</span> {corrected.reason}
        </p>
      ) : null}
      <p className="correction-card__who">
        Original by {original.enteredByName}, {shortLocalTime(original.enteredAtUtc, info.timeZone)} ·
        corrected by {corrected.enteredByName}, {shortLocalTime(corrected.enteredAtUtc, info.timeZone)} ·{' '}
        {originLabels[corrected.origin].toLowerCase()}
      </p>
      {corrected.signatures.length > 0 ? (
        <div className="signature-grid" data-testid="correction-signatures">
          {corrected.signatures.map((signature) => (
            <SignatureBlock key={signature.id} signature={signature} />
          ))}
        </div>
      ) : null}
    </article>
  );
}

/** A signature of the batch that no longer verifies against its record. */
export function InvalidSignatureCard({ item }: { item: ReviewItem }) {
  return (
    <article className="invalid-signature-card" data-testid="invalid-signature-card">
      <h3 className="correction-card__title">{item.title}</h3>
      {item.stepTitle ? (
        <p className="correction-card__step">
          {item.stepTitle} <code className="step__id">{item.stepId}</code>
        </p>
      ) : null}
      <p className="invalid-signature-card__problem">{item.detail}</p>
      {item.signature ? <SignatureBlock signature={item.signature} /> : null}
    </article>
  );
}
