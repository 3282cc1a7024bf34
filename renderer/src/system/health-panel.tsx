import type { SystemHealth } from '../../../shared/contract';
import { formatUtcInstant } from '../format/time';
import { useChannel } from '../ipc/use-channel';
import { ErrorNotice } from '../ui/error-notice';
import { LoadingNotice } from '../ui/loading-notice';
import { Panel } from '../ui/panel';
import { StatusBadge, type BadgeTone } from '../ui/status-badge';

const overall: Record<SystemHealth['status'], { tone: BadgeTone; label: string }> = {
  ok: { tone: 'ok', label: 'All checks passed' },
  attention: { tone: 'warn', label: 'Needs attention' },
  'setup-required': { tone: 'warn', label: 'Setup required' },
  refused: { tone: 'fail', label: 'Refused' },
};

function HealthChecks({ health }: { health: SystemHealth }) {
  const failed = health.checks.filter((check) => !check.ok).length;
  const summary = overall[health.status];
  return (
    <>
      <p className="health__summary">
        <StatusBadge tone={failed > 0 ? 'fail' : summary.tone} testId="health-status">
          {failed > 0 ? `${failed} of ${health.checks.length} checks failed` : summary.label}
        </StatusBadge>
        <span className="health__checked-at">Checked {formatUtcInstant(health.checkedAtUtc)}</span>
      </p>
      <ul className="health__list">
        {health.checks.map((check) => (
          <li
            className={check.ok ? 'health__check' : 'health__check health__check--fail'}
            key={check.name}
            data-testid="health-check"
            data-check={check.name}
            data-ok={String(check.ok)}
          >
            <StatusBadge tone={check.ok ? 'ok' : 'fail'}>{check.ok ? 'Pass' : 'Fail'}</StatusBadge>
            <span className="health__name">{check.name}</span>
            <span className="health__message">{check.message}</span>
          </li>
        ))}
      </ul>
    </>
  );
}

export function HealthPanel() {
  const { state, reload } = useChannel('system.health', {});
  return (
    <Panel
      title="Health checks"
      wide
      actions={
        <button type="button" className="button" onClick={reload} data-testid="health-recheck">
          Check again
        </button>
      }
    >
      {state.status === 'loading' ? <LoadingNotice what="health checks" /> : null}
      {state.status === 'failed' ? <ErrorNotice error={state.error.toData()} onRetry={reload} /> : null}
      {state.status === 'ready' ? <HealthChecks health={state.value} /> : null}
    </Panel>
  );
}
