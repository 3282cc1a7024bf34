import { batchStatusLabels, type BatchStatus } from '../../../shared/batches/batch-status';
import { StatusBadge } from '../ui/status-badge';
import { batchStatusTones } from './batch-labels';

/** A batch's status: tone, symbol and the word. */
export function BatchStatusBadge({ status, compact = false }: { status: BatchStatus; compact?: boolean }) {
  return (
    <span className="batch-status" data-testid="batch-status" data-status={status}>
      <StatusBadge tone={batchStatusTones[status]} compact={compact}>
        {batchStatusLabels[status]}
      </StatusBadge>
    </span>
  );
}

/** Training batches are never GMP records: marked wherever a batch is named. */
export function TrainingBadge() {
  return (
    <span className="training-badge" data-testid="training-badge" title="Training batch: not a GMP record">
      Training
    </span>
  );
}

/** Steps completed of all steps, as a bar and in numbers. */
export function BatchProgress({
  completed,
  total,
  large = false,
}: {
  completed: number;
  total: number;
  large?: boolean;
}) {
  return (
    <div className={large ? 'batch-progress batch-progress--large' : 'batch-progress'}>
      {/* A native progress bar: no inline style, so the strict CSP has nothing to allow. */}
      <progress
        className="batch-progress__bar"
        max={Math.max(total, 1)}
        value={completed}
        aria-label="Steps completed"
      />
      <span className="batch-progress__text" data-testid="batch-progress">
        {completed}/{total}
      </span>
    </div>
  );
}
