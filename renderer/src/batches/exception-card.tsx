import { Link } from 'react-router';
import { exceptionTypeLabels } from '../../../shared/batches/batch-status';
import type { BatchExceptionView } from '../../../shared/contract/batches';
import { shortLocalTime } from '../recipes/recipe-time';
import { SignatureBlock } from '../signatures/signature-block';
import { useSystemInfo } from '../system/system-info-context';
import { StatusBadge } from '../ui/status-badge';
import { TrainingBadge } from './batch-badges';
import { handlingLabels, severityLabels, severityTones } from './batch-labels';

/** One exception: what happened, how it was handled, by whom, and the override signature if any. */
export function ExceptionCard({
  exception,
  showBatch = false,
}: {
  exception: BatchExceptionView;
  /** On the supervisor's list: the batch and step it belongs to, with a way there. */
  showBatch?: boolean;
}) {
  const { info } = useSystemInfo();
  return (
    <article
      className={`exception-card exception-card--${exception.severity}`}
      data-testid="exception-card"
      data-type={exception.type}
      data-handling={exception.handling}
      data-severity={exception.severity}
      data-step-id={exception.stepId}
    >
      <header className="exception-card__header">
        <StatusBadge tone={severityTones[exception.severity]} compact testId="exception-severity">
          {severityLabels[exception.severity]}
        </StatusBadge>
        <h3 className="exception-card__type" data-testid="exception-type">
          {exceptionTypeLabels[exception.type]}
        </h3>
        <span className="exception-card__handling" data-testid="exception-handling">
          {handlingLabels[exception.handling]}
        </span>
      </header>
      {showBatch ? (
        <p className="exception-card__where" data-testid="exception-where">
          <Link
            className="exception-card__batch"
            to={`/batches/${exception.batchId}`}
            data-testid="exception-batch"
          >
            {exception.batchNumber}
          </Link>
          {exception.training ? <TrainingBadge /> : null}
          <span className="exception-card__step" data-testid="exception-step">
            {exception.stepTitle} <code className="step__id">{exception.stepId}</code>
          </span>
        </p>
      ) : null}
      <p className="exception-card__description" data-testid="exception-description">
        {exception.description}
      </p>
      {exception.comment ? (
        <p className="exception-card__comment" data-testid="exception-comment">
          <span className="exception-card__label">
            {exception.handling === 'override' ? 'Override reason' : 'Comment'}:
          </span>{' '}
          {exception.comment}
        </p>
      ) : null}
      <p className="exception-card__raised">
        Raised by {exception.raisedByName}, {shortLocalTime(exception.raisedAtUtc, info.timeZone)} · status{' '}
        {exception.status}
      </p>
      {exception.signatures.length > 0 ? (
        <div className="signature-grid" data-testid="exception-signatures">
          {exception.signatures.map((signature) => (
            <SignatureBlock key={signature.id} signature={signature} />
          ))}
        </div>
      ) : null}
    </article>
  );
}
