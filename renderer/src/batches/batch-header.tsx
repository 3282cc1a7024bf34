import { useState, type ReactNode } from 'react';
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

  return (
    <header className="batch-header" data-testid="batch-header">
      <div className="batch-header__top">
        <h1 className="batch-header__number">
          Batch <span data-testid="batch-number">{batch.batchNumber}</span>
        </h1>
        <BatchStatusBadge status={batch.status} />
        {batch.training ? <TrainingBadge /> : null}
        <span className="batch-header__spacer" />
        {back}
      </div>
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
        <span className={openExceptions > 0 ? 'batch-header__exceptions' : undefined}>
          open exceptions <strong data-testid="batch-open-exceptions">{openExceptions}</strong>
        </span>
      </p>
      <div className="batch-header__bottom">
        <BatchProgress completed={batch.stepsCompleted} total={batch.stepCount} large />
        {canExecute && live ? (
          <div className="batch-header__actions">
            {batch.status === 'created' ? (
              <button
                type="button"
                className="button button--primary button--large"
                disabled={pending}
                onClick={() => direct(() => call('batches.start', { batchId: batch.id }), 'Batch started.')}
                data-testid="start-batch"
              >
                Start batch
              </button>
            ) : null}
            {batch.status === 'in-progress' && allDone ? (
              <button
                type="button"
                className="button button--primary button--large"
                onClick={() => setOpen('complete')}
                data-testid="complete-execution"
              >
                Complete execution…
              </button>
            ) : null}
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
            {batch.status === 'on-hold' ? (
              <button
                type="button"
                className="button button--primary button--large"
                disabled={pending}
                onClick={() => direct(() => call('batches.resume', { batchId: batch.id }), 'Batch resumed.')}
                data-testid="resume-batch"
              >
                Resume
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
      </div>
      <FormError error={error} testId="batch-action-error" />
      <BatchRecordActions batch={batch} />
      {batch.signatures.length > 0 ? (
        <div className="signature-grid batch-header__signatures" data-testid="batch-signatures">
          {batch.signatures.map((signature) => (
            <SignatureBlock key={signature.id} signature={signature} />
          ))}
        </div>
      ) : null}

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
