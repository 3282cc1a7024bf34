/**
 * The demo's batches, one per interesting state, made in the order a shift would make them:
 * released, rejected, waiting for QA (an override, a deviation and a correction), a training
 * batch, a wet granulation in progress, one on hold, one in progress part-way and one created
 * and ready to start. QA decides at the end of the story, so the decisions are the latest.
 * Each weighing draws from a registered lot (DEMO-0003 from two Demotabin lots, emptying the
 * first); the blender is cleaned after each completed batch, as its campaign rule (1) asks.
 */
import type { BatchStatus } from '../../../shared/batches/batch-status';
import type { BatchView } from '../../../shared/contract/batches';
import type { RecipeVersionView } from '../../../shared/contract/recipes';
import type { DemoStaffName } from './demo-cast';
import { completeExecution, correctStep, runSteps } from './demo-execution';
import { call, type DemoFloor } from './demo-floor';
import { reviewAndDecide } from './demo-review';
import { cleanItem } from './demo-world';
import type { StepPlan } from './step-entries';

export interface DemoBatch {
  batchNumber: string;
  status: BatchStatus;
  training: boolean;
  story: string;
}

/** Demotabin at 99.5 % potency: 2.000 kg × 100 % / 99.5 % = 2.010 kg (L2026-101 and L2026-102). */
const API_FROM_101: StepPlan = { entry: '2.010', source: 'L2026-101' };
/** 8.100 kg is outside 8.000 ± 0.050 (blocked, overridden); 15 rpm is above 14 (a deviation). */
const EXCEPTIONAL: Record<string, StepPlan> = {
  w_api: {
    entry: '2.010',
    portions: [
      { source: 'L2026-101', net: '0.980', containerEmptied: true },
      { source: 'L2026-102', net: '1.030' },
    ],
  },
  w_lactose: {
    entry: '8.100',
    source: 'L2026-202',
    overrideReason: 'Supplier lot assay adjusts the quantity (CoA 26-0311)',
  },
  blend_speed: { entry: '15', deviationComment: 'Speed dial stuck; adjusted after 1 min' },
};
const PLAIN: Record<string, StepPlan> = { w_api: API_FROM_101, w_lactose: { source: 'L2026-201' } };
const DEVIATION_ONLY: Record<string, StepPlan> = { ...PLAIN, blend_speed: EXCEPTIONAL.blend_speed! };
/** The wet granulation's lot labels (GS1: lot and container), scanned before each weighing. */
const GRANULATION: Record<string, StepPlan> = {
  lot_api: { entry: '(10)L2026-301(21)3' },
  lot_pvp: { entry: '(10)L2026-311(21)1' },
};

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

  const toRelease = await completeExecution(floor, await executed('DEMO-0001', PLAIN, 'olga'), 'olga');
  await cleanItem(floor, 'EQ-BLD-010');
  const toReject = await completeExecution(
    floor,
    await executed('DEMO-0002', DEVIATION_ONLY, 'oscar'),
    'oscar',
  );
  await cleanItem(floor, 'EQ-BLD-010');
  let waiting = await executed('DEMO-0003', EXCEPTIONAL, 'olga');
  waiting = await correctStep(floor, waiting, 'olga', {
    stepId: 'w_lactose',
    input: { type: 'weighing', origin: 'manual', net: '8.010', source: 'L2026-202' },
    reason: 'Transcription error: the balance printout shows 8.010 kg',
  });
  note(
    await completeExecution(floor, waiting, 'olga'),
    'waiting for QA: an override, a deviation, a correction; Demotabin from two lots',
  );
  await cleanItem(floor, 'EQ-BLD-010');

  // Stops before identifying the blender: a training batch does not hold production equipment.
  const training = await create(recipes.blend, 'TRN-0001', true);
  note(
    await runSteps(floor, training, { operator: 'olga', stopAt: 'scan_blender' }),
    'training batch, part-way',
  );

  const granulation = await create(recipes.granulation, 'GRAN-0001');
  note(
    await runSteps(floor, granulation, { operator: 'oscar', stopAt: 'w_pvp', plans: GRANULATION }),
    'wet granulation in progress (Oscar): granulator, dryer, mill and blender in use',
  );

  let held = await runSteps(floor, await create(recipes.blend, 'DEMO-0004'), {
    operator: 'olga',
    stopAt: 'scan_blender',
  });
  held = await call<BatchView>(floor.window('olga').connection, 'batches.hold', {
    batchId: held.id,
    reason: 'Blender EQ-BLD-010 is booked for DEMO-0005 first',
  });
  note(held, 'on hold');

  const inProgress = await create(recipes.blend, 'DEMO-0005');
  note(
    await runSteps(floor, inProgress, { operator: 'olga', stopAt: 'w_api' }),
    'in progress part-way (Olga): the blender in use',
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
