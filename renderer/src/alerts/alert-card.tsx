import type { SecurityAlert } from '../../../shared/contract/identity';
import { formatUtcInstant } from '../format/time';
import { StatusBadge } from '../ui/status-badge';
import { alertKindLabel } from './alert-kind';

/** One alert: what happened, when, and who acknowledged it with what comment. */
export function AlertCard({ alert, onAcknowledge }: { alert: SecurityAlert; onAcknowledge: () => void }) {
  const open = alert.acknowledgedAtUtc === null;
  return (
    <li
      className={open ? 'alert-card alert-card--open' : 'alert-card'}
      data-testid="alert-card"
      data-open={String(open)}
    >
      <div className="alert-card__main">
        <p className="alert-card__kind">
          {open ? (
            <StatusBadge tone="fail">Not acknowledged</StatusBadge>
          ) : (
            <StatusBadge tone="ok">Acknowledged</StatusBadge>
          )}
          <span className="alert-card__kind-label">{alertKindLabel(alert.kind)}</span>
        </p>
        <p className="alert-card__message">{alert.message}</p>
        <p className="alert-card__meta">
          Raised {formatUtcInstant(alert.raisedAtUtc)}
          {alert.subjectUsername ? ` · user ${alert.subjectUsername}` : ''}
        </p>
        {open ? null : (
          <p className="alert-card__ack" data-testid="alert-ack">
            {alert.acknowledgedByName} · {formatUtcInstant(alert.acknowledgedAtUtc ?? '')}: “
            {alert.acknowledgementComment}”
          </p>
        )}
      </div>
      {open ? (
        <button
          type="button"
          className="button button--primary button--large"
          onClick={onAcknowledge}
          data-testid="acknowledge"
        >
          Acknowledge
        </button>
      ) : null}
    </li>
  );
}
