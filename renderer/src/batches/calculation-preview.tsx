import { useEffect, useState } from 'react';
import type { BatchStepView, BatchView, StepPreview } from '../../../shared/contract/batches';
import type { EbrErrorData } from '../../../shared/errors';
import { call } from '../ipc/client';
import { toIpcError } from '../ipc/ipc-error';
import type { StepIndex } from '../recipes/step-places';
import { StatusBadge } from '../ui/status-badge';
import { verdictOf } from './step-subject';
import { FormulaInputs } from './value-details';

/** A calculation as the core computes it now (never typed): the value, the formula and each input. */
export function CalculationPreview({
  batch,
  step,
  index,
}: {
  batch: BatchView;
  step: BatchStepView;
  index: StepIndex;
}) {
  const [answer, setAnswer] = useState<{ preview: StepPreview } | { error: EbrErrorData } | null>(null);
  // Computed again whenever the batch changes (a correction of an input changes the result).
  const version = `${batch.id}:${batch.stepsCompleted}:${batch.steps.reduce((n, s) => n + s.entries.length, 0)}`;
  useEffect(() => {
    let current = true;
    call('batches.previewStep', {
      batchId: batch.id,
      stepId: step.id,
      input: { type: 'calculation' },
      mode: 'complete',
    }).then(
      (preview) => current && setAnswer({ preview }),
      (error: unknown) => current && setAnswer({ error: toIpcError(error).toData() }),
    );
    return () => {
      current = false;
    };
  }, [batch.id, step.id, version]);

  if (answer === null) return <p className="muted">Computing…</p>;
  if ('error' in answer) {
    return (
      <p className="calculation-preview__waiting" data-testid="calculation-waiting">
        {answer.error.message}
      </p>
    );
  }
  const { preview } = answer;
  const verdict = verdictOf(preview.withinLimits);
  return (
    <div className="calculation-preview" data-testid="calculation-preview">
      <p className="calculation-preview__caption">Computed by the workstation — never typed</p>
      <p className="recorded-value">
        <span className="recorded-value__text" data-testid="calculation-value">
          {preview.display}
        </span>
        {verdict ? (
          <StatusBadge tone={preview.withinLimits ? 'ok' : 'fail'} testId="calculation-verdict">
            {verdict}
          </StatusBadge>
        ) : null}
      </p>
      {preview.value.type === 'calculation' ? (
        <FormulaInputs formula={preview.value.formula} inputs={preview.value.inputs} index={index} />
      ) : null}
    </div>
  );
}
