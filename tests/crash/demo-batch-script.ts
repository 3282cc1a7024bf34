/**
 * The crash test's batch, as an ordered list of actions over the demo recipe. Whether an action is
 * done is read from the batch as stored, so a restarted runner finds the next action itself, and
 * the parent measures progress with the same list. Pure: no I/O, no vitest (the child imports it).
 */
import type { BatchStatus, StepStatus } from '../../shared/batches/batch-status';
import type { StepInput } from '../../shared/batches/step-input';

/** What the script reads of a batch: a BatchView has it, and so do the stored rows. */
export interface BatchProgress {
  status: BatchStatus;
  steps: { id: string; status: StepStatus; entries: { kind: string }[] }[];
  comments: { stepId: string | null; text: string }[];
}

export type Credential = 'self' | 'sven';

export type ScriptAction =
  | { kind: 'create' }
  | { kind: 'start' }
  | { kind: 'comment'; stepId: string; text: string }
  | { kind: 'start-step'; stepId: string }
  | {
      kind: 'complete-step';
      stepId: string;
      input: StepInput;
      signatures: { meaning: string; by: Credential }[];
      override?: { reason: string; by: Credential };
      deviationComment?: string;
    }
  | {
      kind: 'correct-step';
      stepId: string;
      input: StepInput;
      reason: string;
      signatures: { meaning: string; by: Credential }[];
    }
  | { kind: 'complete-execution' };

export const CRASH_BATCH_NUMBER = 'CRASH-0001';

/** The timer step and the minutes the runner lets pass before completing it (recipe: 10–12 min). */
export const TIMER_STEP = { id: 'blend_time', from: 'blend_speed', waitMinutes: 10.5 };

const performedAndVerified = [
  { meaning: 'performed', by: 'self' as const },
  { meaning: 'verified', by: 'sven' as const },
];

/** Each step of demo-tablet-blend.json in order: what the operator enters and who signs. */
const stepCompletions: Extract<ScriptAction, { kind: 'complete-step' }>[] = [
  {
    kind: 'complete-step',
    stepId: 'start',
    input: { type: 'instruction', acknowledged: true },
    signatures: [],
  },
  {
    kind: 'complete-step',
    stepId: 'line_clearance',
    input: { type: 'check', checked: [true, true, true] },
    signatures: performedAndVerified,
  },
  {
    kind: 'complete-step',
    stepId: 'scan_blender',
    input: { type: 'scan', code: 'EQ-BLD-010' },
    signatures: [],
  },
  {
    kind: 'complete-step',
    stepId: 'w_api',
    input: { type: 'weighing', origin: 'manual', net: '2.004' },
    signatures: performedAndVerified,
  },
  {
    // 8.100 kg is outside 8.000 ± 0.050: blocked, overridden by the supervisor.
    kind: 'complete-step',
    stepId: 'w_lactose',
    input: { type: 'weighing', origin: 'manual', net: '8.100' },
    signatures: performedAndVerified,
    override: { reason: 'Supplier lot assay adjusts the quantity', by: 'sven' },
  },
  {
    // 15 rpm is above 14: recorded as a deviation with a comment.
    kind: 'complete-step',
    stepId: 'blend_speed',
    input: { type: 'numeric', value: '15' },
    signatures: [],
    deviationComment: 'Speed dial stuck; adjusted after 1 min',
  },
  { kind: 'complete-step', stepId: 'blend_time', input: { type: 'timer' }, signatures: [] },
  {
    kind: 'complete-step',
    stepId: 'api_fraction',
    input: { type: 'calculation' },
    signatures: [{ meaning: 'reviewed', by: 'sven' }],
  },
];

export const SCRIPT: readonly ScriptAction[] = [
  { kind: 'create' },
  { kind: 'start' },
  ...stepCompletions.flatMap((completion): ScriptAction[] => [
    {
      kind: 'comment',
      stepId: completion.stepId,
      text: `Area and materials checked before ${completion.stepId}`,
    },
    { kind: 'start-step', stepId: completion.stepId },
    completion,
  ]),
  {
    kind: 'correct-step',
    stepId: 'w_lactose',
    input: { type: 'weighing', origin: 'manual', net: '8.010' },
    reason: 'Transcription error: the balance showed 8.010',
    signatures: [
      { meaning: 'corrected', by: 'self' },
      { meaning: 'verified', by: 'sven' },
    ],
  },
  { kind: 'complete-execution' },
];

export function actionLabel(action: ScriptAction): string {
  return 'stepId' in action ? `${action.kind}:${action.stepId}` : action.kind;
}

function isDone(action: ScriptAction, batch: BatchProgress | null): boolean {
  if (action.kind === 'create') return batch !== null;
  if (batch === null) return false;
  const step = (id: string) => batch.steps.find((candidate) => candidate.id === id);
  switch (action.kind) {
    case 'start':
      return batch.status !== 'created';
    case 'comment':
      return batch.comments.some(
        (comment) => comment.stepId === action.stepId && comment.text === action.text,
      );
    case 'start-step':
      return step(action.stepId)?.status !== 'pending';
    case 'complete-step':
      return step(action.stepId)?.status === 'completed';
    case 'correct-step':
      return step(action.stepId)?.entries.some((entry) => entry.kind === 'correction') ?? false;
    case 'complete-execution':
      return batch.status === 'execution-complete';
  }
}

/**
 * The index of the first action not yet done (SCRIPT.length when the batch is complete). Actions
 * are done in order, so every later action must be undone too — checked, as a crash-safety invariant.
 */
export function nextActionIndex(batch: BatchProgress | null): number {
  const index = SCRIPT.findIndex((action) => !isDone(action, batch));
  const next = index < 0 ? SCRIPT.length : index;
  const doneLater = SCRIPT.slice(next).findIndex((action) => isDone(action, batch));
  if (doneLater >= 0) {
    throw new Error(
      `${actionLabel(SCRIPT[next + doneLater]!)} is recorded but ${actionLabel(SCRIPT[next]!)}, before it, is not`,
    );
  }
  return next;
}
