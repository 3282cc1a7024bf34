import type { BatchStepView, BatchView } from '../../../shared/contract/batches';
import type { StepIndex, StepPlace } from '../recipes/step-places';

/** How a step reads in the list: where it stands for the person at the screen. */
export type StepProgress = 'pending' | 'ready' | 'mine' | 'theirs' | 'completed' | 'changed';

export function stepProgress(step: BatchStepView, userId: string): StepProgress {
  if (step.status === 'completed') return step.changed ? 'changed' : 'completed';
  if (step.status === 'in-progress') return step.ownerUserId === userId ? 'mine' : 'theirs';
  return step.ready ? 'ready' : 'pending';
}

export const progressSymbols: Record<StepProgress, string> = {
  pending: '○',
  ready: '▶',
  mine: '◉',
  theirs: '◉',
  completed: '✓',
  changed: '✎',
};

export function progressText(step: BatchStepView, progress: StepProgress): string {
  switch (progress) {
    case 'pending':
      return 'Pending';
    case 'ready':
      return 'Ready to start';
    case 'mine':
      return 'In progress · you';
    case 'theirs':
      return `In progress · ${step.ownerName ?? 'another operator'}`;
    case 'completed':
      return 'Completed';
    case 'changed':
      return 'Completed · changed';
  }
}

/**
 * The step to show large when nobody picked one: the step in progress by this person, else the
 * first step ready to start, else one in progress by someone else, else the first not complete.
 */
export function currentStepId(batch: BatchView, userId: string): string | null {
  const steps = batch.steps;
  return (
    steps.find((step) => step.status === 'in-progress' && step.ownerUserId === userId)?.id ??
    steps.find((step) => step.ready)?.id ??
    steps.find((step) => step.status === 'in-progress')?.id ??
    steps.find((step) => step.status !== 'completed')?.id ??
    steps.at(-1)?.id ??
    null
  );
}

/** The batch's steps as the recipe screens index them (number, operation), for step references. */
export function batchStepIndex(batch: BatchView): StepIndex {
  return new Map(
    batch.steps.map((step, position): [string, StepPlace] => [
      step.id,
      {
        operationId: step.operationId,
        operationTitle: step.operationTitle,
        number: position + 1,
        step: step.definition,
      },
    ]),
  );
}

/** Step types whose recorded value can be corrected (the others are not typed, or computed). */
export const correctableTypes: ReadonlySet<string> = new Set([
  'numeric',
  'weighing',
  'measurement',
  'scan',
  'check',
]);
