import { Link, useLocation } from 'react-router';
import { formatUtcInstant } from '../format/time';
import { useAlertCount } from './alert-count-context';

/** Unacknowledged security alerts, above every screen of an administrator until acknowledged. */
export function AdminAlertBanner() {
  const { count, latest } = useAlertCount();
  const onAlertsScreen = useLocation().pathname === '/security-alerts';
  if (count === 0) return null;
  return (
    <div className="alert-banner" role="alert" data-testid="alert-banner">
      <span className="alert-banner__symbol" aria-hidden="true">
        !
      </span>
      <div className="alert-banner__text">
        <p className="alert-banner__title" data-testid="alert-banner-count">
          {count === 1
            ? '1 security alert needs acknowledgement'
            : `${count} security alerts need acknowledgement`}
        </p>
        {latest ? (
          <p className="alert-banner__latest">
            {latest.message} <span className="alert-banner__time">{formatUtcInstant(latest.atUtc)}</span>
          </p>
        ) : (
          <p className="alert-banner__latest">
            Raised while you were away. Review each one and record what was done.
          </p>
        )}
      </div>
      {onAlertsScreen ? null : (
        <Link
          className="button button--large alert-banner__action"
          to="/security-alerts"
          data-testid="alert-banner-open"
        >
          Review security alerts
        </Link>
      )}
    </div>
  );
}
