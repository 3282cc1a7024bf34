/**
 * Runs a batch step by step through the channels, as an operator at the step panel does: start
 * the step, preview the entry to learn which signatures it needs, complete it with them (and a
 * deviation comment or a supervisor's override where the value is out of limits).
 */
import type {
  BatchStepView,
  BatchView,
  RequiredSignatureView,
  StepPreview,
} from '../../../shared/contract/batches';
import type { StepInput } from '../../../shared/batches/step-input';
import type { DemoStaffName } from './demo-cast';
import { call, type DemoFloor } from './demo-floor';
import { stepInputFor, type StepPlan } from './step-entries';

/** Minutes between two steps on the demo's clock: records read like a real shift. */
const MINUTES_PER_STEP = 2;

export interface RunOptions {
  operator: DemoStaffName;
  /** Stop at this step: it is started (in progress, the operator's next step) but not completed. */
  stopAt?: string;
  plans?: Record<string, StepPlan>;
}

function signerFor(floor: DemoFloor, actor: DemoStaffName, need: RequiredSignatureView) {
  if (need.byActor || (need.role === 'operator' && !need.distinctFromPerformer)) return floor.self(actor);
  if (need.role === 'supervisor') return floor.cosigner('sven');
  if (need.role === 'qa') return floor.cosigner('quinn');
  return floor.cosigner(actor === 'olga' ? 'oscar' : 'olga');
}

async function completeStep(
  floor: DemoFloor,
  batch: BatchView,
  step: BatchStepView,
  actor: DemoStaffName,
  plan: StepPlan | undefined,
): Promise<BatchView> {
  const { connection } = floor.window(actor);
  const definition = step.definition;
  // A timer step completes once its minimum has elapsed since the step it times from.
  await floor.pass(definition.type === 'timer' ? (definition.minMinutes ?? 1) + 0.5 : MINUTES_PER_STEP);
  await call(connection, 'batches.startStep', { batchId: batch.id, stepId: step.id });
  const input: StepInput = stepInputFor(step, plan);
  const preview = await call<StepPreview>(connection, 'batches.previewStep', {
    batchId: batch.id,
    stepId: step.id,
    mode: 'complete',
    input,
  });
  return call<BatchView>(connection, 'batches.completeStep', {
    batchId: batch.id,
    stepId: step.id,
    input,
    signatures: preview.requiredSignatures.map((need) => ({
      meaning: need.meaning,
      credentials: signerFor(floor, actor, need),
    })),
    ...(preview.violation?.handling === 'deviation' && {
      deviationComment: plan?.deviationComment ?? 'Recorded as a deviation for review',
    }),
    ...(preview.violation?.handling === 'block' && {
      override: {
        reason: plan?.overrideReason ?? 'Supervisor accepts the value',
        credentials: floor.cosigner('sven'),
      },
    }),
  });
}

/** Starts the batch (when created) and completes its steps in order, up to `stopAt` if given. */
export async function runSteps(floor: DemoFloor, batch: BatchView, options: RunOptions): Promise<BatchView> {
  const { connection } = floor.window(options.operator);
  let current =
    batch.status === 'created'
      ? await call<BatchView>(connection, 'batches.start', { batchId: batch.id })
      : batch;
  const ordered = [...current.steps].sort((a, b) => a.position - b.position);
  for (const { id } of ordered) {
    const step = current.steps.find((candidate) => candidate.id === id)!;
    if (step.status === 'completed') continue;
    if (id === options.stopAt) {
      await floor.pass(MINUTES_PER_STEP);
      return call<BatchView>(connection, 'batches.startStep', { batchId: batch.id, stepId: id });
    }
    current = await completeStep(floor, current, step, options.operator, options.plans?.[id]);
  }
  return current;
}

/** A value corrected after the fact, with the reason, signed by the operator and verified by the supervisor. */
export async function correctStep(
  floor: DemoFloor,
  batch: BatchView,
  operator: DemoStaffName,
  correction: { stepId: string; input: StepInput; reason: string },
): Promise<BatchView> {
  await floor.pass(MINUTES_PER_STEP);
  return call<BatchView>(floor.window(operator).connection, 'batches.correctStep', {
    batchId: batch.id,
    stepId: correction.stepId,
    input: correction.input,
    reason: correction.reason,
    signatures: [
      { meaning: 'corrected', credentials: floor.self(operator) },
      { meaning: 'verified', credentials: floor.cosigner('sven') },
    ],
  });
}

export async function completeExecution(
  floor: DemoFloor,
  batch: BatchView,
  operator: DemoStaffName,
): Promise<BatchView> {
  await floor.pass(MINUTES_PER_STEP);
  return call<BatchView>(floor.window(operator).connection, 'batches.completeExecution', {
    batchId: batch.id,
    credentials: floor.self(operator),
  });
}
