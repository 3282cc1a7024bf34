import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import type { BatchStepView, BatchView, StepPreview } from '../../../shared/contract/batches';
import { LiveInstrumentsProvider } from '../instruments-live/live-instruments-context';
import { useSession } from '../session/session-context';
import { ErrorNotice } from '../ui/error-notice';
import { Flash } from '../ui/flash';
import { LoadingNotice } from '../ui/loading-notice';
import { ScreenHeader } from '../ui/screen-header';
import { BatchHeader } from './batch-header';
import { createdBatchNumber } from './batch-nav-state';
import type { RecordRequest } from './record-flow';
import { StepList } from './step-list';
import { StepPanel } from './step-panel';
import { batchStepIndex, currentStepId } from './step-progress';
import { TrainingWatermark } from './training-watermark';
import { useBatch } from './use-batch';
import '../styles/batches.css';
import '../styles/execution.css';
import '../styles/step-controls.css';
import '../styles/step-record.css';

function recordedMessage(
  view: BatchView,
  step: BatchStepView,
  preview: StepPreview,
  mode: RecordRequest['mode'],
) {
  const number = step.position + 1;
  if (mode === 'correct') {
    const recomputed = view.steps.filter(
      (other) =>
        other.current?.kind === 'recomputed' && other.current.reason?.includes(step.definition.title),
    );
    return `Step ${number} corrected: ${preview.display}.${
      recomputed.length > 0
        ? ` Recomputed: ${recomputed.map((other) => `${other.definition.title} ${other.current!.display}`).join(', ')}.`
        : ''
    }`;
  }
  return `Step ${number} “${step.definition.title}” recorded: ${preview.display}.`;
}

/** Executing one batch: its header, the steps at the side, the current step large in the centre. */
function BatchExecution({ batchId }: { batchId: string }) {
  const { state, replace, reload } = useBatch(batchId);
  const { session } = useSession();
  const location = useLocation();
  const created = createdBatchNumber(location.state);
  const [flash, setFlash] = useState<string | null>(created ? `Batch ${created} created.` : null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [focusToken, setFocusToken] = useState(0);

  const back = (
    <Link className="button" to="/batches" data-testid="all-batches">
      All batches
    </Link>
  );
  if (state.status !== 'ready') {
    return (
      <div className="screen">
        <ScreenHeader title="Batch" action={back} />
        {state.status === 'loading' ? <LoadingNotice what="the batch" /> : null}
        {state.status === 'failed' ? <ErrorNotice error={state.error.toData()} onRetry={reload} /> : null}
      </div>
    );
  }
  const batch = state.batch;
  const shownId = selectedId ?? currentStepId(batch, session.user.id);
  const step = batch.steps.find((candidate) => candidate.id === shownId) ?? null;
  const index = batchStepIndex(batch);

  // The outcome of the last action only: the next one (a step started, a comment) replaces it.
  const onBatch = (view: BatchView, message?: string) => {
    replace(view);
    setFlash(message ?? null);
  };

  return (
    <div
      className={batch.training ? 'screen batch-screen batch-screen--training' : 'screen batch-screen'}
      data-testid="batch-screen"
      data-batch-id={batch.id}
      data-status={batch.status}
      data-training={String(batch.training)}
    >
      {batch.training ? <TrainingWatermark /> : null}
      <BatchHeader batch={batch} back={back} onBatch={onBatch} />
      <div className="execution">
        <StepList
          batch={batch}
          userId={session.user.id}
          selectedId={shownId}
          onSelect={(stepId) => {
            setSelectedId(stepId);
            setFlash(null);
          }}
        />
        <div className="execution__main">
          <Flash message={flash} />
          {step ? (
            <StepPanel
              key={step.id}
              batch={batch}
              step={step}
              index={index}
              focusToken={focusToken}
              focusOnOpen={selectedId === null}
              onBatch={onBatch}
              onRecorded={(view, recorded, preview, mode) => {
                replace(view);
                setFlash(recordedMessage(view, recorded, preview, mode));
                // After completing, on to the next step; after a correction, stay to see it.
                if (mode === 'complete') setSelectedId(null);
                setFocusToken((n) => n + 1);
              }}
            />
          ) : null}
        </div>
      </div>
    </div>
  );
}

export function BatchScreen() {
  const { batchId = '' } = useParams();
  return (
    <LiveInstrumentsProvider>
      <BatchExecution key={batchId} batchId={batchId} />
    </LiveInstrumentsProvider>
  );
}
