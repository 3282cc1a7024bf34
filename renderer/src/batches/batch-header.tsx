import { useId, useState, type ReactNode } from 'react';
import type { BatchView } from '../../../shared/contract/batches';
import { asResult } from '../ipc/as-result';
import { call } from '../ipc/client';
import { toIpcError } from '../ipc/ipc-error';
import { shortLocalTime } from '../recipes/recipe-time';
import { BatchRecordActions } from '../records/batch-record-actions';
import { usePermission } from '../shell/use-permission';
import { SignatureBlock } from '../signatures/signature-block';
import { SignatureDialog } from '../signatures/signature-dialog';
import { useSystemInfo } from '../system/system-info-context';
import type { EbrErrorData } from '../../../shared/errors';
import { FormError } from '../ui/form-error';
import { AbortDialog } from './abort-dialog';
import { BatchProgress, BatchStatusBadge, TrainingBadge } from './batch-badges';
import { ReasonDialog } from './reason-dialog';
import { useSignaturePasswordFocus } from './use-signature-focus';

type Open = 'hold' | 'abort' | 'complete' | null;

/** The batch at the top of its screen: what it is, where it stands, and what can be done to it. */
export function BatchHeader({
  batch,
  back,
  onBatch,
}: {
  batch: BatchView;
  /** The way back to the list of batches. */
  back: ReactNode;
  onBatch: (batch: BatchView, message?: string) => void;
}) {
  const { info } = useSystemInfo();
  const canExecute = usePermission('batches.execute');
  const [open, setOpen] = useState<Open>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<EbrErrorData | null>(null);
  const openExceptions = batch.exceptions.filter((exception) => exception.status === 'open').length;
  const allDone = batch.stepsCompleted === batch.stepCount;
  const live = batch.status === 'created' || batch.status === 'in-progress' || batch.status === 'on-hold';
  useSignaturePasswordFocus(open === 'complete', open);
  // While steps are being worked on the header is one line; a decided batch shows everything.
  const [detailsOpen, setDetailsOpen] = useState(!live);
  const detailsId = useId();
  const [wasLive, setWasLive] = useState(live);
  if (wasLive !== live) {
    setWasLive(live);
    setDetailsOpen(!live);
  }

  const direct = async (action: () => Promise<BatchView>, message: string) => {
    setPending(true);
    setError(null);
    try {
      onBatch(await action(), message);
    } catch (failure) {
      setError(toIpcError(failure).toData());
    } finally {
      setPending(false);
    }
  };

  const primaryAction =
    canExecute && batch.status === 'created' ? (
      <button
        type="button"
        className="button button--primary button--large"
        disabled={pending}
        data-primary-action
        onClick={() => direct(() => call('batches.start', { batchId: batch.id }), 'Batch started.')}
        data-testid="start-batch"
      >
        Start batch
      </button>
    ) : canExecute && batch.status === 'in-progress' && allDone ? (
      <button
        type="button"
        className="button button--primary button--large"
        onClick={() => setOpen('complete')}
        data-primary-action
        data-testid="complete-execution"
      >
        Complete execution…
      </button>
    ) : canExecute && batch.status === 'on-hold' ? (
      <button
        type="button"
        className="button button--primary button--large"
        disabled={pending}
        data-primary-action
        onClick={() => direct(() => call('batches.resume', { batchId: batch.id }), 'Batch resumed.')}
        data-testid="resume-batch"
      >
        Resume
      </button>
    ) : null;

  return (
    <header className="batch-header" data-testid="batch-header" data-details={String(detailsOpen)}>
      <div className="batch-header__top">
        <h1 className="batch-header__number">
          <span className="batch-header__word">Batch </span>
          <span data-testid="batch-number">{batch.batchNumber}</span>
        </h1>
        <BatchStatusBadge status={batch.status} compact />
        {batch.training ? <TrainingBadge /> : null}
        <span className="batch-header__product" title={batch.productName}>
          {batch.productCode}
        </span>
        <BatchProgress completed={batch.stepsCompleted} total={batch.stepCount} />
        {openExceptions > 0 ? (
          <span className="batch-header__exceptions" data-testid="batch-open-exceptions-alert">
            <span aria-hidden="true">▲</span> {openExceptions} open exception{openExceptions === 1 ? '' : 's'}
          </span>
        ) : null}
        <span className="batch-header__spacer" />
        {primaryAction}
        <button
          type="button"
          className="button batch-header__toggle"
          aria-expanded={detailsOpen}
          aria-controls={detailsId}
          onClick={() => setDetailsOpen((shown) => !shown)}
          data-testid="batch-details-toggle"
        >
          {detailsOpen ? 'Less ▴' : 'Details ▾'}
        </button>
      </div>
      <FormError error={error} testId="batch-action-error" />
      {/* Facts, the batch's records and what is rarely done to it: on demand while executing. */}
      <div className="batch-header__details" id={detailsId} hidden={!detailsOpen} data-testid="batch-details">
        {/* The way back is in the navigation rail too; here it gives the one line its room. */}
        <div className="batch-header__back">{back}</div>
        <p className="batch-header__line">
          <span data-testid="batch-product">
            <strong>{batch.productCode}</strong> {batch.productName}
          </span>
          <span className="batch-header__sep" aria-hidden="true">
            ·
          </span>
          <span data-testid="batch-recipe">
            <code>{batch.recipeCode}</code> version {batch.recipeVersionLabel}
          </span>
          <span className="batch-header__sep" aria-hidden="true">
            ·
          </span>
          <span>
            planned{' '}
            <strong data-testid="batch-planned">{`${batch.plannedQuantity} ${batch.plannedUnit}`}</strong>
          </span>
          {batch.startedAtUtc ? (
            <>
              <span className="batch-header__sep" aria-hidden="true">
                ·
              </span>
              <span>started {shortLocalTime(batch.startedAtUtc, info.timeZone)}</span>
            </>
          ) : null}
          <span className="batch-header__sep" aria-hidden="true">
            ·
          </span>
          <span>
            open exceptions <strong data-testid="batch-open-exceptions">{openExceptions}</strong>
          </span>
        </p>
        {canExecute && live ? (
          <div className="batch-header__actions">
            {batch.status === 'in-progress' ? (
              <button
                type="button"
                className="button button--large"
                onClick={() => setOpen('hold')}
                data-testid="hold-batch"
              >
                Hold…
              </button>
            ) : null}
            <button
              type="button"
              className="button button--danger-outline button--large"
              onClick={() => setOpen('abort')}
              data-testid="abort-batch"
            >
              Abort…
            </button>
          </div>
        ) : null}
        <BatchRecordActions batch={batch} />
        {batch.signatures.length > 0 ? (
          <div className="signature-grid batch-header__signatures" data-testid="batch-signatures">
            {batch.signatures.map((signature) => (
              <SignatureBlock key={signature.id} signature={signature} />
            ))}
          </div>
        ) : null}
      </div>

      {open === 'hold' ? (
        <ReasonDialog
          title={`Hold batch ${batch.batchNumber}`}
          explain="On hold, no step can be started or completed until the batch is resumed."
          label="Reason for the hold"
          submitLabel="Put on hold"
          testId="hold-dialog"
          action={(reason) => call('batches.hold', { batchId: batch.id, reason })}
          onDone={(view) => {
            setOpen(null);
            onBatch(view, 'Batch on hold.');
          }}
          onClose={() => setOpen(null)}
        />
      ) : null}
      {open === 'abort' ? (
        <AbortDialog
          batch={batch}
          onClose={() => setOpen(null)}
          onAborted={(view) => {
            setOpen(null);
            onBatch(view, 'Batch aborted.');
          }}
        />
      ) : null}
      {open === 'complete' ? (
        <SignatureDialog<BatchView, 'self'>
          title={`Sign: execution of ${batch.batchNumber} complete`}
          subject={{
            title: `Execution of batch ${batch.batchNumber} complete`,
            lines: [
              { label: 'Product', value: `${batch.productCode} · ${batch.productName}` },
              { label: 'Recipe', value: `${batch.recipeCode} version ${batch.recipeVersionLabel}` },
              { label: 'Steps completed', value: `${batch.stepsCompleted} of ${batch.stepCount}` },
              { label: 'Open exceptions', value: String(openExceptions) },
            ],
          }}
          meaning="performed"
          mode="self"
          onSign={(credentials) =>
            asResult(() => call('batches.completeExecution', { batchId: batch.id, credentials }))
          }
          onSigned={(view) => {
            setOpen(null);
            onBatch(view, 'Execution complete.');
          }}
          onCancel={() => setOpen(null)}
        />
      ) : null}
    </header>
  );
}
