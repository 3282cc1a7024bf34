import { useState } from 'react';
import { batchStatusLabels, type BatchStatus } from '../../../shared/batches/batch-status';
import type { BatchSummary } from '../../../shared/contract/batches';
import { BatchStatusBadge, TrainingBadge } from '../batches/batch-badges';
import { localMinute } from '../recipes/recipe-time';
import { CheckboxField } from '../ui/checkbox-field';
import { SelectField } from '../ui/select-field';
import { TextField } from '../ui/text-field';
import { exportableStatuses } from './record-statuses';

type StatusFilter = BatchStatus | 'all';

/** When the batch's execution ended: completed or aborted. */
function endedAt(batch: BatchSummary): string | null {
  return batch.executionCompletedAtUtc ?? batch.abortedAtUtc;
}

function matches(batch: BatchSummary, status: StatusFilter, text: string): boolean {
  if (status !== 'all' && batch.status !== status) return false;
  const needle = text.trim().toLowerCase();
  if (needle === '') return true;
  return [batch.batchNumber, batch.productCode, batch.productName, batch.recipeCode].some((field) =>
    field.toLowerCase().includes(needle),
  );
}

/** The finished batches to export, filtered by status and by number, product or recipe. */
export function BatchChoice({
  batches,
  chosen,
  onChange,
  timeZone,
  disabled,
}: {
  batches: readonly BatchSummary[];
  chosen: ReadonlySet<string>;
  onChange: (chosen: Set<string>) => void;
  timeZone: string;
  disabled: boolean;
}) {
  const [status, setStatus] = useState<StatusFilter>('all');
  const [text, setText] = useState('');
  const shown = batches.filter((batch) => matches(batch, status, text));
  const count = (of: BatchStatus) => batches.filter((batch) => batch.status === of).length;

  const toggle = (batchId: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(batchId);
    else next.delete(batchId);
    onChange(next);
  };

  if (batches.length === 0) {
    return (
      <p className="lead muted" data-testid="no-exportable-batches">
        No batch has finished execution yet: a batch can be exported once its execution is complete, or it was
        released, rejected or aborted.
      </p>
    );
  }

  return (
    <div className="batch-choice" data-testid="batch-choice">
      <div className="batch-choice__filters">
        <TextField
          label="Find"
          value={text}
          onChange={setText}
          hint="Batch number, product or recipe"
          testId="export-batch-search"
        />
        <SelectField
          label="Status"
          value={status}
          onChange={(value) => setStatus(value as StatusFilter)}
          testId="export-status-filter"
          options={[
            { value: 'all', label: `Any finished (${batches.length})` },
            ...exportableStatuses.map((of) => ({
              value: of,
              label: `${batchStatusLabels[of]} (${count(of)})`,
            })),
          ]}
        />
      </div>
      <div className="batch-choice__bar">
        <p className="batch-choice__count" data-testid="export-chosen-count">
          {chosen.size === 0
            ? 'No batch chosen'
            : `${chosen.size} ${chosen.size === 1 ? 'batch' : 'batches'} chosen`}
        </p>
        <button
          type="button"
          className="button"
          disabled={disabled || shown.length === 0}
          onClick={() => onChange(new Set([...chosen, ...shown.map((batch) => batch.id)]))}
          data-testid="export-choose-shown"
        >
          Choose all shown ({shown.length})
        </button>
        <button
          type="button"
          className="button"
          disabled={disabled || chosen.size === 0}
          onClick={() => onChange(new Set())}
          data-testid="export-choose-none"
        >
          Clear
        </button>
      </div>
      {shown.length === 0 ? (
        <p className="muted">No finished batch matches.</p>
      ) : (
        <ul className="batch-choice__list" aria-label="Finished batches">
          {shown.map((batch) => {
            const ended = endedAt(batch);
            return (
              <li key={batch.id} data-testid="export-batch" data-batch-number={batch.batchNumber}>
                <CheckboxField
                  checked={chosen.has(batch.id)}
                  onChange={(on) => {
                    if (!disabled) toggle(batch.id, on);
                  }}
                  testId="export-batch-check"
                  detail={
                    <>
                      <span>
                        {batch.productCode} {batch.productName}
                      </span>
                      <span>
                        {batch.recipeCode} version {batch.recipeVersionLabel}
                        {ended
                          ? ` · ${batch.status === 'aborted' ? 'aborted' : 'completed'} ${localMinute(ended, timeZone)}`
                          : ''}
                      </span>
                    </>
                  }
                >
                  <span className="batch-choice__title">
                    <span className="batch-choice__number">{batch.batchNumber}</span>
                    <BatchStatusBadge status={batch.status} compact />
                    {batch.training ? <TrainingBadge /> : null}
                  </span>
                </CheckboxField>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
