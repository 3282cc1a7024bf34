import { useEffect, useState } from 'react';
import type { SecurityAlertEvent } from '../../../shared/contract';
import { formatUtcInstant } from '../format/time';
import { onEvent } from '../ipc/client';

/** Security alerts pushed by the core stay on screen until someone acknowledges them. */
export function SecurityAlerts() {
  const [alerts, setAlerts] = useState<SecurityAlertEvent[]>([]);
  useEffect(() => onEvent('security.alert', (alert) => setAlerts((shown) => [...shown, alert])), []);
  if (alerts.length === 0) return null;
  return (
    <ul className="alerts" aria-label="Security alerts" data-testid="security-alerts">
      {alerts.map((alert, index) => (
        <li className="alerts__item" role="alert" key={`${alert.atUtc}-${index}`}>
          <span className="alerts__text">
            <strong>{alert.message}</strong>{' '}
            <span className="alerts__time">{formatUtcInstant(alert.atUtc)}</span>
          </span>
          <button
            type="button"
            className="button"
            onClick={() => setAlerts((shown) => shown.filter((_, shownIndex) => shownIndex !== index))}
          >
            Acknowledge
          </button>
        </li>
      ))}
    </ul>
  );
}
