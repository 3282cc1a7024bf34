import { useEffect, useState } from 'react';
import type { SecurityAlert } from '../../../shared/contract/identity';
import { onEvent } from '../ipc/client';
import { useChannel } from '../ipc/use-channel';
import { ErrorNotice } from '../ui/error-notice';
import { Flash } from '../ui/flash';
import { LoadingNotice } from '../ui/loading-notice';
import { Panel } from '../ui/panel';
import { ScreenHeader } from '../ui/screen-header';
import { AcknowledgeDialog } from './acknowledge-dialog';
import { AlertCard } from './alert-card';
import { useAlertCount } from './alert-count-context';

/** Unacknowledged first, newest first: the core keeps every alert until an administrator acknowledges it. */
function ordered(alerts: readonly SecurityAlert[]): SecurityAlert[] {
  return [...alerts].sort((a, b) => {
    const openFirst = Number(a.acknowledgedAtUtc !== null) - Number(b.acknowledgedAtUtc !== null);
    return openFirst !== 0 ? openFirst : b.raisedAtUtc.localeCompare(a.raisedAtUtc);
  });
}

export function AlertsScreen() {
  const { state, reload } = useChannel('alerts.list', { includeAcknowledged: true });
  const { setCount } = useAlertCount();
  const [acknowledging, setAcknowledging] = useState<SecurityAlert | null>(null);
  const [flash, setFlash] = useState<string | null>(null);

  const alerts = state.status === 'ready' ? ordered(state.value) : null;
  const openCount = alerts?.filter((alert) => alert.acknowledgedAtUtc === null).length ?? null;
  useEffect(() => {
    if (openCount !== null) setCount(openCount);
  }, [openCount, setCount]);
  // A new alert while this screen is open appears in the list at once.
  useEffect(() => onEvent('security.alert', reload), [reload]);

  return (
    <div className="screen">
      <ScreenHeader
        title="Security alerts"
        purpose="Locked accounts and other security events (P11-300d). Each must be looked into and acknowledged with a comment."
      />
      <Flash message={flash} />
      <Panel title={openCount ? `${openCount} not acknowledged` : 'All alerts acknowledged'} wide>
        {state.status === 'loading' ? <LoadingNotice what="security alerts" /> : null}
        {state.status === 'failed' ? <ErrorNotice error={state.error.toData()} onRetry={reload} /> : null}
        {alerts && alerts.length === 0 ? (
          <p className="lead muted">No security alerts have been raised.</p>
        ) : null}
        {alerts && alerts.length > 0 ? (
          <ul className="alert-list">
            {alerts.map((alert) => (
              <AlertCard key={alert.id} alert={alert} onAcknowledge={() => setAcknowledging(alert)} />
            ))}
          </ul>
        ) : null}
      </Panel>
      {acknowledging ? (
        <AcknowledgeDialog
          alert={acknowledging}
          onClose={() => setAcknowledging(null)}
          onDone={() => {
            setAcknowledging(null);
            setFlash('Alert acknowledged.');
            reload();
          }}
        />
      ) : null}
    </div>
  );
}
