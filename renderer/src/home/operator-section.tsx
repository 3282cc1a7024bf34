import { useEffect, useState } from 'react';
import type { BatchSummary, BatchView } from '../../../shared/contract/batches';
import { TrainingBadge } from '../batches/batch-badges';
import { currentStepId } from '../batches/step-progress';
import { useBatchChanges } from '../batches/use-batch-changes';
import { call } from '../ipc/client';
import { toIpcError, type IpcError } from '../ipc/ipc-error';
import { ErrorNotice } from '../ui/error-notice';
import { useChannel } from '../ipc/use-channel';
import { useSession } from '../session/session-context';
import { useSystemInfo } from '../system/system-info-context';
import { HomeSection, HomeTile, TileGroup, whenReady } from './home-tiles';

/** Whether this person has a step in progress, or has completed one, in the batch. */
function isMine(batch: BatchView, userId: string): boolean {
  return batch.steps.some(
    (step) => step.ownerUserId === userId || step.entries.some((entry) => entry.enteredByUserId === userId),
  );
}

/**
 * The batches in progress at this terminal, read in full to know each one's next step; read again
 * whenever the list is (the list's answer is a new array only when it was asked again).
 */
function useBatchesInProgress(
  all: BatchSummary[] | null,
  terminalId: string | undefined,
): { views: BatchView[] | null; error: IpcError | null } {
  const [views, setViews] = useState<BatchView[] | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  useEffect(() => {
    if (all === null) return undefined;
    let current = true;
    const inProgress = all.filter(
      (batch) => batch.status === 'in-progress' && batch.terminalId === terminalId,
    );
    Promise.all(inProgress.map((batch) => call('batches.get', { batchId: batch.id }))).then(
      (loaded) => {
        if (!current) return;
        setViews(loaded);
        setError(null);
      },
      (failure: unknown) => current && setError(toIpcError(failure)),
    );
    return () => {
      current = false;
    };
  }, [all, terminalId]);
  return { views, error };
}

/** Operator: what is in progress here (theirs first), with a button straight to the next step; what is ready to start. */
export function OperatorSection() {
  const { state, reload } = useChannel('batches.list', {});
  useBatchChanges(reload);
  const { info } = useSystemInfo();
  const { session } = useSession();
  const here = state.status === 'ready' ? state.value.filter((b) => b.terminalId === info.terminal?.id) : [];
  const { views: inProgress, error } = useBatchesInProgress(
    state.status === 'ready' ? state.value : null,
    info.terminal?.id,
  );
  const userId = session.user.id;
  const ordered = [...(inProgress ?? [])].sort(
    (a, b) => Number(isMine(b, userId)) - Number(isMine(a, userId)),
  );

  return (
    <HomeSection
      title="Batches to execute"
      testId="home-operator"
      screen={{ to: '/batches', label: 'All batches' }}
    >
      {whenReady(state, reload, () => (
        <>
          {error ? <ErrorNotice error={error.toData()} onRetry={reload} /> : null}
          <TileGroup
            heading="In progress at this terminal"
            empty="No batch is in progress here."
            testId="home-in-progress"
          >
            {ordered.map((batch) => {
              const step = batch.steps.find((candidate) => candidate.id === currentStepId(batch, userId));
              const mine = isMine(batch, userId);
              return (
                <HomeTile
                  key={batch.id}
                  to={`/batches/${batch.id}`}
                  testId="home-batch-in-progress"
                  title={batch.batchNumber}
                  extra={batch.training ? <TrainingBadge /> : null}
                  detail={
                    <>
                      {batch.productName} · {batch.steps.filter((s) => s.status === 'completed').length} of{' '}
                      {batch.steps.length} steps{mine ? ' · yours' : ''}
                      <br />
                      {step ? (
                        <span data-testid="home-next-step">
                          Next: step {step.position + 1} “{step.definition.title}”
                          {step.ownerName && step.ownerUserId !== userId ? ` (with ${step.ownerName})` : ''}
                        </span>
                      ) : null}
                    </>
                  }
                  action={step ? `Go to step ${step.position + 1}` : 'Open'}
                />
              );
            })}
          </TileGroup>
          <TileGroup heading="Ready to start" empty="No batch is waiting to start." testId="home-ready">
            {here
              .filter((batch) => batch.status === 'created')
              .map((batch) => (
                <HomeTile
                  key={batch.id}
                  to={`/batches/${batch.id}`}
                  testId="home-batch-ready"
                  title={batch.batchNumber}
                  extra={batch.training ? <TrainingBadge /> : null}
                  detail={`${batch.productName} · ${batch.plannedQuantity} ${batch.plannedUnit} · ${batch.stepCount} steps`}
                  action="Open to start"
                />
              ))}
          </TileGroup>
        </>
      ))}
    </HomeSection>
  );
}
