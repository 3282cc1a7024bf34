import { useState } from 'react';
import { Link } from 'react-router';
import {
  exceptionTypeLabels,
  type ExceptionSeverity,
  type ExceptionType,
} from '../../../shared/batches/batch-status';
import type { BatchExceptionView } from '../../../shared/contract/batches';
import { useChannel } from '../ipc/use-channel';
import { localMinute } from '../recipes/recipe-time';
import { SignatureBlock } from '../signatures/signature-block';
import { useSystemInfo } from '../system/system-info-context';
import { DataTable, type Column } from '../ui/data-table';
import { ErrorNotice } from '../ui/error-notice';
import { LoadingNotice } from '../ui/loading-notice';
import { ScreenHeader } from '../ui/screen-header';
import { StatusBadge } from '../ui/status-badge';
import { TrainingBadge } from './batch-badges';
import { handlingLabels, severityLabels, severityTones } from './batch-labels';
import '../styles/batches.css';
import { useBatchChanges } from './use-batch-changes';
import { bySeverityThenAge, matchesFilter, type ExceptionFilter } from './exception-order';

const severities: ExceptionSeverity[] = ['critical', 'major', 'minor'];

function columns(timeZone: string): Column<BatchExceptionView>[] {
  return [
    {
      header: 'Severity',
      cell: (exception) => (
        <StatusBadge tone={severityTones[exception.severity]} compact testId="exception-severity">
          {severityLabels[exception.severity]}
        </StatusBadge>
      ),
    },
    {
      header: 'Batch and step',
      cell: (exception) => (
        <span className="exception-row__where" data-testid="exception-where">
          <span className="exception-row__batch-line">
            <Link
              className="exception-card__batch"
              to={`/batches/${exception.batchId}`}
              data-testid="exception-batch"
            >
              {exception.batchNumber}
            </Link>
            {exception.training ? <TrainingBadge /> : null}
          </span>
          <span className="exception-card__step" data-testid="exception-step">
            {exception.stepTitle} <code className="step__id">{exception.stepId}</code>
          </span>
        </span>
      ),
    },
    {
      header: 'What happened',
      cell: (exception) => (
        <span className="exception-row__what">
          <span className="exception-row__type-line">
            <strong data-testid="exception-type">{exceptionTypeLabels[exception.type]}</strong>
            <span className="exception-card__handling" data-testid="exception-handling">
              {handlingLabels[exception.handling]}
            </span>
          </span>
          <span data-testid="exception-description">{exception.description}</span>
          {exception.comment ? (
            <span className="exception-row__comment" data-testid="exception-comment">
              <span className="exception-card__label">
                {exception.handling === 'override' ? 'Override reason' : 'Comment'}:
              </span>{' '}
              {exception.comment}
            </span>
          ) : null}
          {exception.signatures.length > 0 ? (
            <span className="exception-row__signatures" data-testid="exception-signatures">
              {exception.signatures.map((signature) => (
                <SignatureBlock key={signature.id} signature={signature} />
              ))}
            </span>
          ) : null}
        </span>
      ),
    },
    {
      header: 'Raised',
      cell: (exception) => (
        <span className="batch-row__created">
          <span className="table__time">{localMinute(exception.raisedAtUtc, timeZone)}</span>
          <span className="batch-row__by">{exception.raisedByName}</span>
        </span>
      ),
    },
  ];
}

/** The supervisor's list: every open exception of the batches at this terminal, critical and oldest first. */
export function ExceptionsScreen() {
  const { state, reload } = useChannel('batches.openExceptions', {});
  useBatchChanges(reload);
  const { info } = useSystemInfo();
  const [filter, setFilter] = useState<ExceptionFilter>({ severity: 'all', type: 'all' });
  const exceptions = state.status === 'ready' ? bySeverityThenAge(state.value) : [];
  const shown = exceptions.filter((exception) => matchesFilter(exception, filter));
  const types = [...new Set(exceptions.map((exception) => exception.type))];
  const bySeverity = severities
    .map((severity) => ({ severity, count: exceptions.filter((e) => e.severity === severity).length }))
    .filter(({ count }) => count > 0);
  return (
    <div className="screen" data-testid="exceptions-screen">
      <ScreenHeader
        title="Open exceptions"
        purpose={`Out-of-limit values, overrides, deviations and manual entries of the batches at ${
          info.terminal?.name ?? 'this terminal'
        }, the most severe and the oldest first; times in ${info.timeZone}. They stay open until QA dispositions them at review.`}
        action={
          <button
            type="button"
            className="button button--large"
            onClick={reload}
            data-testid="refresh-exceptions"
          >
            Refresh
          </button>
        }
      />
      {state.status === 'loading' ? <LoadingNotice what="exceptions" /> : null}
      {state.status === 'failed' ? <ErrorNotice error={state.error.toData()} onRetry={reload} /> : null}
      {state.status === 'ready' && exceptions.length === 0 ? (
        <p className="lead muted" data-testid="no-exceptions">
          No open exception at this terminal.
        </p>
      ) : null}
      {exceptions.length > 0 ? (
        <>
          <p className="exceptions-summary" data-testid="exceptions-summary">
            <strong>{exceptions.length} open</strong>
            {bySeverity.map(({ severity, count }) => (
              <StatusBadge key={severity} tone={severityTones[severity]} compact>
                {count} {severityLabels[severity].toLowerCase()}
              </StatusBadge>
            ))}
          </p>
          <div className="exceptions-filters" role="group" aria-label="Filter the exceptions">
            <label className="field">
              <span className="field__label">Severity</span>
              <select
                className="field__input"
                value={filter.severity}
                onChange={(event) =>
                  setFilter({ ...filter, severity: event.target.value as ExceptionFilter['severity'] })
                }
                data-testid="exceptions-severity-filter"
              >
                <option value="all">All severities</option>
                {severities.map((severity) => (
                  <option key={severity} value={severity}>
                    {severityLabels[severity]}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span className="field__label">Kind</span>
              <select
                className="field__input"
                value={filter.type}
                onChange={(event) =>
                  setFilter({ ...filter, type: event.target.value as ExceptionType | 'all' })
                }
                data-testid="exceptions-type-filter"
              >
                <option value="all">All kinds</option>
                {types.map((type) => (
                  <option key={type} value={type}>
                    {exceptionTypeLabels[type]}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <DataTable<BatchExceptionView>
            caption="Open exceptions, the most severe and the oldest first"
            rows={shown}
            rowKey={(exception) => exception.id}
            rowTestId="exception-card"
            rowClassName={(exception) => `exception-row exception-row--${exception.severity}`}
            empty="No open exception matches the filters."
            columns={columns(info.timeZone)}
          />
        </>
      ) : null}
    </div>
  );
}
