import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { batchStatuses, batchStatusLabels, type BatchStatus } from '../../../shared/batches/batch-status';
import type { BatchSummary } from '../../../shared/contract/batches';
import { useChannel } from '../ipc/use-channel';
import { localMinute } from '../recipes/recipe-time';
import { usePermission } from '../shell/use-permission';
import { useSystemInfo } from '../system/system-info-context';
import { DataTable, type Column } from '../ui/data-table';
import { ErrorNotice } from '../ui/error-notice';
import { LoadingNotice } from '../ui/loading-notice';
import { ScreenHeader } from '../ui/screen-header';
import { SelectField } from '../ui/select-field';
import { BatchProgress, BatchStatusBadge, TrainingBadge } from './batch-badges';
import type { BatchCreatedState } from './batch-nav-state';
import { NewBatchDialog } from './new-batch-dialog';
import '../styles/batches.css';
import { useBatchChanges } from './use-batch-changes';

type Filter = BatchStatus | 'all';

function columns(timeZone: string): Column<BatchSummary>[] {
  return [
    {
      header: 'Batch',
      cell: (batch) => (
        <div className="batch-row__batch">
          <Link
            className="button batch-row__open"
            to={`/batches/${batch.id}`}
            data-testid="open-batch"
            aria-label={`Open batch ${batch.batchNumber}`}
          >
            <span className="batch-row__number" data-testid="batch-row-number">
              {batch.batchNumber}
            </span>
            <span aria-hidden="true">›</span>
          </Link>
          {batch.training ? <TrainingBadge /> : null}
          <span className="batch-row__created-line">
            {localMinute(batch.createdAtUtc, timeZone)}
            <br />
            {batch.createdByName}
          </span>
        </div>
      ),
    },
    {
      header: 'Product and recipe',
      cell: (batch) => (
        <div className="batch-row__what">
          <span data-testid="batch-row-product">
            <strong className="batch-row__code">{batch.productCode}</strong> {batch.productName}
          </span>
          <span className="batch-row__recipe" data-testid="batch-row-recipe">
            <code className="batch-row__code">{batch.recipeCode}</code> version {batch.recipeVersionLabel} ·{' '}
            {batch.plannedQuantity} {batch.plannedUnit}
          </span>
        </div>
      ),
    },
    {
      header: 'Status and progress',
      cell: (batch) => (
        <div className="batch-row__progress">
          <BatchStatusBadge status={batch.status} compact />
          <BatchProgress completed={batch.stepsCompleted} total={batch.stepCount} />
          <span
            className={batch.openExceptions > 0 ? 'exception-count exception-count--open' : 'exception-count'}
            data-testid="batch-row-exceptions"
          >
            {batch.openExceptions} open {batch.openExceptions === 1 ? 'exception' : 'exceptions'}
          </span>
        </div>
      ),
    },
  ];
}

/** Every batch at this workstation's store, newest first: where each stands and what is open. */
export function BatchesScreen() {
  const { state, reload } = useChannel('batches.list', {});
  useBatchChanges(reload);
  const canCreate = usePermission('batches.create');
  const { info } = useSystemInfo();
  const navigate = useNavigate();
  const [filter, setFilter] = useState<Filter>('all');
  const [creating, setCreating] = useState(false);
  const batches = state.status === 'ready' ? state.value : [];
  const shown = filter === 'all' ? batches : batches.filter((batch) => batch.status === filter);
  const count = (status: BatchStatus) => batches.filter((batch) => batch.status === status).length;

  return (
    <div className="screen" data-testid="batches-screen">
      <ScreenHeader
        title="Batches"
        purpose={`Batches made from effective master recipes: status, progress and open exceptions; times in ${info.timeZone}. Open one to execute it step by step.`}
        action={
          canCreate ? (
            <button
              type="button"
              className="button button--primary button--large"
              onClick={() => setCreating(true)}
              data-testid="new-batch"
            >
              New batch…
            </button>
          ) : undefined
        }
      />
      {state.status === 'loading' ? <LoadingNotice what="batches" /> : null}
      {state.status === 'failed' ? <ErrorNotice error={state.error.toData()} onRetry={reload} /> : null}
      {state.status === 'ready' ? (
        <>
          <div className="batches-filter">
            <SelectField
              label="Show"
              value={filter}
              onChange={(value) => setFilter(value as Filter)}
              testId="batch-status-filter"
              options={[
                { value: 'all', label: `All statuses (${batches.length})` },
                ...batchStatuses.map((status) => ({
                  value: status,
                  label: `${batchStatusLabels[status]} (${count(status)})`,
                })),
              ]}
            />
          </div>
          {batches.length === 0 ? (
            <p className="lead muted" data-testid="no-batches">
              No batch yet.{canCreate ? ' Use “New batch…” to create one from an effective recipe.' : ''}
            </p>
          ) : (
            <DataTable<BatchSummary>
              caption="Batches, newest first"
              rows={shown}
              rowKey={(batch) => batch.id}
              rowTestId="batch-row"
              empty={`No batch is ${filter === 'all' ? 'here' : batchStatusLabels[filter].toLowerCase()}.`}
              rowClassName={(batch) => (batch.status === 'aborted' ? 'table__row--inactive' : undefined)}
              columns={columns(info.timeZone)}
            />
          )}
        </>
      ) : null}
      {creating ? (
        <NewBatchDialog
          onClose={() => setCreating(false)}
          onCreated={(batch) =>
            navigate(`/batches/${batch.id}`, {
              state: { createdBatchNumber: batch.batchNumber } satisfies BatchCreatedState,
            })
          }
        />
      ) : null}
    </div>
  );
}
