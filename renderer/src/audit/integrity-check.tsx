import type { AuditVerifyProgress } from '../../../shared/contract/audit';
import { ErrorNotice } from '../ui/error-notice';
import { IntegrityResult } from './integrity-result';
import { useIntegrityCheck } from './use-integrity-check';

function ProgressBar({ progress }: { progress: AuditVerifyProgress | null }) {
  const total = progress?.total ?? 0;
  const checked = Math.min(progress?.checked ?? 0, total);
  const percent = total > 0 ? Math.floor((checked / total) * 100) : 0;
  return (
    <div className="integrity-progress" data-testid="integrity-progress">
      {/* Without a total yet, the bar is indeterminate. */}
      {total > 0 ? (
        <progress
          className="integrity-progress__bar"
          max={total}
          value={checked}
          aria-label="Rows verified"
        />
      ) : (
        <progress className="integrity-progress__bar" aria-label="Rows verified" />
      )}
      <p className="integrity-progress__text" data-testid="integrity-progress-text">
        {total > 0 ? `${checked} of ${total} rows verified (${percent} %)` : 'Starting…'}
      </p>
    </div>
  );
}

/** "Integrity check": walks the whole chain and its signed checkpoints at the core (A11-7.1). */
export function IntegrityCheck() {
  const { state, run } = useIntegrityCheck();
  const running = state.status === 'running';
  return (
    <div className="integrity" data-testid="integrity-check" data-status={state.status}>
      <p className="integrity__explain">
        Recomputes every row’s hash, the chain between rows and each signed checkpoint.
      </p>
      <button
        type="button"
        className="button button--primary button--large"
        onClick={() => void run()}
        disabled={running}
        data-testid="integrity-run"
      >
        {running ? 'Checking…' : state.status === 'idle' ? 'Run integrity check' : 'Run again'}
      </button>
      {state.status === 'running' || state.status === 'done' ? (
        <ProgressBar progress={state.progress} />
      ) : null}
      {state.status === 'done' ? <IntegrityResult report={state.report} /> : null}
      {state.status === 'failed' ? <ErrorNotice error={state.error.toData()} /> : null}
    </div>
  );
}
