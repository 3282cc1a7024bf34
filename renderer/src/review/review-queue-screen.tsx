import { Link } from 'react-router';
import type { ReviewQueueItem } from '../../../shared/contract/review';
import { useCoreClock } from '../batches/use-core-clock';
import { useChannel } from '../ipc/use-channel';
import { localMinute } from '../recipes/recipe-time';
import { useSystemInfo } from '../system/system-info-context';
import { DataTable, type Column } from '../ui/data-table';
import { ErrorNotice } from '../ui/error-notice';
import { LoadingNotice } from '../ui/loading-notice';
import { ScreenHeader } from '../ui/screen-header';
import { formatDuration } from './durations';
import { ReleaseTimeChart } from './release-time-chart';
import { NotRoutine, OpenItemCount } from './review-counts';
import '../styles/batches.css';
import '../styles/review.css';
import { useBatchChanges } from '../batches/use-batch-changes';

function completedAt(entry: ReviewQueueItem): number {
  return Date.parse(entry.batch.executionCompletedAtUtc ?? entry.batch.createdAtUtc);
}

function columns(timeZone: string, nowMs: number | null): Column<ReviewQueueItem>[] {
  return [
    {
      header: 'Batch',
      cell: ({ batch }) => (
        <span className="batch-row__batch">
          <Link
            className="button batch-row__open"
            to={`/review/${batch.id}`}
            data-testid="open-review"
            aria-label={`Review batch ${batch.batchNumber}`}
          >
            <span className="batch-row__number" data-testid="queue-batch-number">
              {batch.batchNumber}
            </span>
            <span aria-hidden="true">›</span>
          </Link>
          <span className="batch-row__what">
            <span>
              <strong className="batch-row__code">{batch.productCode}</strong> {batch.productName}
            </span>
            <span className="batch-row__recipe">
              <code className="batch-row__code">{batch.recipeCode}</code> version {batch.recipeVersionLabel} ·{' '}
              {batch.terminalName}
            </span>
          </span>
        </span>
      ),
    },
    {
      header: 'Execution complete',
      cell: (entry) => (
        <span className="batch-row__created">
          <span className="table__time">
            {entry.batch.executionCompletedAtUtc
              ? localMinute(entry.batch.executionCompletedAtUtc, timeZone)
              : '—'}
          </span>
          <span className="queue-row__waiting" data-testid="queue-waiting">
            {nowMs === null ? '…' : `waiting ${formatDuration(nowMs - completedAt(entry))}`}
          </span>
        </span>
      ),
    },
    { header: 'Not routine', cell: (entry) => <NotRoutine counts={entry.counts} layout="list" /> },
    {
      header: 'Still to do',
      cell: (entry) => (
        <span className="queue-pending">
          <span className="queue-pending__line">
            <OpenItemCount open={entry.counts.openItems} testId="queue-open-items" />
            {entry.counts.openItems === 1 ? 'open item' : 'open items'}
          </span>
          <span
            className={
              entry.auditReviewed
                ? 'queue-pending__audit'
                : 'queue-pending__audit queue-pending__audit--missing'
            }
            data-testid="queue-audit-reviewed"
            data-reviewed={String(entry.auditReviewed)}
          >
            <span aria-hidden="true">{entry.auditReviewed ? '✓' : '✗'}</span>{' '}
            {entry.auditReviewed ? 'Audit trail reviewed' : 'Audit trail not reviewed'}
          </span>
        </span>
      ),
    },
  ];
}

/**
 * QA's queue (review by exception): every batch in Execution complete, the one waiting longest
 * first, with what is not routine in it; and how long recent batches waited for a decision.
 */
export function ReviewQueueScreen() {
  const { state, reload } = useChannel('review.queue', {});
  useBatchChanges(reload);
  const times = useChannel('review.releaseTimes', {});
  const { info } = useSystemInfo();
  const nowMs = useCoreClock(true);
  const queue =
    state.status === 'ready' ? [...state.value].sort((a, b) => completedAt(a) - completedAt(b)) : [];

  return (
    <div className="screen" data-testid="review-queue-screen">
      <ScreenHeader
        title="Review queue"
        purpose={`Batches whose execution is complete, waiting longest first; times in ${info.timeZone}. Only what is not routine needs your disposition; then review the batch's audit trail and release or reject it.`}
        action={
          <button type="button" className="button button--large" onClick={reload} data-testid="refresh-queue">
            Refresh
          </button>
        }
      />
      {state.status === 'loading' ? <LoadingNotice what="the review queue" /> : null}
      {state.status === 'failed' ? <ErrorNotice error={state.error.toData()} onRetry={reload} /> : null}
      {state.status === 'ready' ? (
        <DataTable<ReviewQueueItem>
          caption="Batches awaiting QA review, waiting longest first"
          rows={queue}
          rowKey={(entry) => entry.batch.id}
          rowTestId="queue-row"
          empty="No batch is waiting for review."
          rowClassName={() => 'queue-row'}
          columns={columns(info.timeZone, nowMs)}
        />
      ) : null}
      <section className="panel panel--wide" aria-label="Time to release">
        {times.state.status === 'loading' ? <LoadingNotice what="release times" /> : null}
        {times.state.status === 'failed' ? (
          <ErrorNotice error={times.state.error.toData()} onRetry={times.reload} />
        ) : null}
        {times.state.status === 'ready' ? <ReleaseTimeChart times={times.state.value} /> : null}
      </section>
    </div>
  );
}
