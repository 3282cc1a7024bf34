/**
 * The demo's batches, one per interesting state, made in the order a shift would make them:
 * released, rejected, waiting for QA (an override, a deviation and a correction), a training
 * batch, a wet granulation in progress, one on hold, one in progress part-way and one created
 * and ready to start. QA decides at the end of the story, so the decisions are the latest.
 */
import type { BatchStatus } from '../../../shared/batches/batch-status';
import type { BatchView } from '../../../shared/contract/batches';
import type { RecipeVersionView } from '../../../shared/contract/recipes';
import type { DemoStaffName } from './demo-cast';
import { completeExecution, correctStep, runSteps } from './demo-execution';
import { call, type DemoFloor } from './demo-floor';
import { reviewAndDecide } from './demo-review';
import type { StepPlan } from './step-entries';

export interface DemoBatch {
  batchNumber: string;
  status: BatchStatus;
  training: boolean;
  story: string;
}

/** 8.100 kg is outside 8.000 ± 0.050 (blocked, overridden); 15 rpm is above 14 (a deviation). */
const EXCEPTIONAL: Record<string, StepPlan> = {
  w_lactose: { entry: '8.100', overrideReason: 'Supplier lot assay adjusts the quantity (CoA 26-0311)' },
  blend_speed: { entry: '15', deviationComment: 'Speed dial stuck; adjusted after 1 min' },
};
const DEVIATION_ONLY: Record<string, StepPlan> = { blend_speed: EXCEPTIONAL.blend_speed! };

export async function buildDemoBatches(
  floor: DemoFloor,
  recipes: { blend: RecipeVersionView; granulation: RecipeVersionView },
): Promise<DemoBatch[]> {
  const made: DemoBatch[] = [];
  const create = async (recipe: RecipeVersionView, batchNumber: string, training = false) => {
    await floor.pass(5);
    return call<BatchView>(floor.window('sven').connection, 'batches.create', {
      recipeVersionId: recipe.id,
      batchNumber,
      plannedQuantity: recipe.recipe.header.nominalBatchSize.quantity,
      training,
    });
  };
  const note = (batch: BatchView, story: string) =>
    made.push({ batchNumber: batch.batchNumber, status: batch.status, training: batch.training, story });
  const executed = async (number: string, plans: Record<string, StepPlan>, operator: DemoStaffName) => {
    const batch = await runSteps(floor, await create(recipes.blend, number), { operator, plans });
    return batch;
  };

  const toRelease = await completeExecution(floor, await executed('DEMO-0001', {}, 'olga'), 'olga');
  const toReject = await completeExecution(
    floor,
    await executed('DEMO-0002', DEVIATION_ONLY, 'oscar'),
    'oscar',
  );
  let waiting = await executed('DEMO-0003', EXCEPTIONAL, 'olga');
  waiting = await correctStep(floor, waiting, 'olga', {
    stepId: 'w_lactose',
    input: { type: 'weighing', origin: 'manual', net: '8.010' },
    reason: 'Transcription error: the balance printout shows 8.010 kg',
  });
  note(
    await completeExecution(floor, waiting, 'olga'),
    'waiting for QA: an override, a deviation, a correction',
  );

  const training = await create(recipes.blend, 'TRN-0001', true);
  note(await runSteps(floor, training, { operator: 'olga', stopAt: 'w_api' }), 'training batch, part-way');

  const granulation = await create(recipes.granulation, 'GRAN-0001');
  note(
    await runSteps(floor, granulation, { operator: 'oscar', stopAt: 'w_pvp' }),
    'wet granulation in progress (Oscar)',
  );

  let held = await runSteps(floor, await create(recipes.blend, 'DEMO-0004'), {
    operator: 'olga',
    stopAt: 'scan_blender',
  });
  held = await call<BatchView>(floor.window('olga').connection, 'batches.hold', {
    batchId: held.id,
    reason: 'Blender EQ-BLD-010 awaits its cleaning verification',
  });
  note(held, 'on hold');

  const inProgress = await create(recipes.blend, 'DEMO-0005');
  note(
    await runSteps(floor, inProgress, { operator: 'olga', stopAt: 'w_api' }),
    'in progress part-way (Olga)',
  );

  note(await create(recipes.blend, 'DEMO-0006'), 'created, ready to start');

  const released = await reviewAndDecide(floor, toRelease.id, {
    decision: 'released',
    comment: 'Batch conforms; released for compression',
  });
  note(released.batch, 'released by QA');
  const rejected = await reviewAndDecide(floor, toReject.id, {
    decision: 'rejected',
    comment: 'Blend uniformity failed at the QC laboratory',
  });
  note(rejected.batch, 'rejected by QA');
  return made;
}
