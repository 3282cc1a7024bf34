/**
 * Executed batches for the records tests, made through connections as the renderer makes them:
 * people with accented printed names, the 49-step wet granulation recipe run step by step with
 * manual (co-signed) weighings, a deviation, a blocked value overridden by a supervisor, timers,
 * calculations, a comment and a correction that recomputes the yield; or stopped midway.
 */
import type { Connection } from '../../electron/core/app';
import type { BatchStepView, BatchView, StepPreview } from '../../shared/contract/batches';
import type { RecipeVersionView } from '../../shared/contract/recipes';
import type { Role } from '../../shared/permissions';
import { stepInputFor, type StepPlan } from '../../electron/core/demo/step-entries';
import { createBatch, makeRecipeEffective } from './batch-setup';
import { freshApp, signIn, type FreshApp } from './fresh-app';
import { createUser, TEMPORARY_PASSWORD, USER_PASSWORD, value } from './identity';

export const WET_GRANULATION = 'wet-granulation-blend.json';

export interface Person {
  username: string;
  fullName: string;
  password: string;
  connection: Connection;
}

export interface RecordFloor {
  fresh: FreshApp;
  admin: Connection;
  /** Operators. */
  olga: Person;
  oscar: Person;
  /** Supervisor (recipe author, co-signer, overrides). */
  sven: Person;
  /** QA. */
  quinn: Person;
  /** Technician: exports. */
  tina: Person;
  recipes: Record<string, RecipeVersionView>;
  people: Person[];
}

async function person(
  fresh: FreshApp,
  admin: Connection,
  username: string,
  fullName: string,
  roles: Role[],
): Promise<Person> {
  await createUser(admin, username, roles, { fullName });
  const { connection, session } = await signIn(fresh.app, username, TEMPORARY_PASSWORD, USER_PASSWORD);
  if (session.state !== 'active') throw new Error(`${username} is not active: ${session.state}`);
  return { username, fullName, password: USER_PASSWORD, connection };
}

export async function recordFloor(recipeFiles: string[] = [WET_GRANULATION]): Promise<RecordFloor> {
  const fresh = await freshApp({ terminalName: 'WS-GRAN-02' });
  const admin = await fresh.admin();
  const olga = await person(fresh, admin, 'olga', 'Olga Ölander', ['operator']);
  const oscar = await person(fresh, admin, 'oscar', 'Oscar Núñez', ['operator']);
  const sven = await person(fresh, admin, 'sven', 'Sven Sjöström', ['supervisor']);
  const quinn = await person(fresh, admin, 'quinn', 'Quinn Quérard', ['qa']);
  const tina = await person(fresh, admin, 'tina', 'Tina Technicienne', ['technician']);
  const recipes: Record<string, RecipeVersionView> = {};
  for (const file of recipeFiles) {
    recipes[file] = await makeRecipeEffective(sven.connection, quinn.connection, file, quinn.password);
  }
  return { fresh, admin, olga, oscar, sven, quinn, tina, recipes, people: [olga, oscar, sven, quinn, tina] };
}

/** Lets `minutes` pass while everyone stays at the terminal (any call is activity). */
export async function waitMinutes(floor: RecordFloor, minutes: number): Promise<void> {
  let left = minutes * 60_000;
  while (left > 0) {
    const step = Math.min(left, 4 * 60_000);
    floor.fresh.clock.advance(step);
    left -= step;
    for (const connection of [floor.admin, ...floor.people.map((p) => p.connection)]) {
      value(await connection.invoke('auth.activity', {}));
    }
  }
}

/** The realistic scenario: a deviation, an override (with the manual-entry exception), a product weighing. */
export const WET_GRANULATION_PLAN: Record<string, StepPlan> = {
  room_temp: {
    entry: '25.6',
    deviationComment: 'Air handling unit reset at 07:40; temperature back to 22 °C by 08:10',
  },
  lod: {
    entry: '2.61',
    overrideReason: 'LOD re-tested at 105 °C ± 1: 2.44 % on a second sample; release to milling',
  },
  w_mcc: { entry: '12.440' },
  w_bulk: { entry: '98.76' },
};

/** The correction made at the end: w_mcc re-read from the balance printout; the yield recomputes. */
export const WET_GRANULATION_CORRECTION = {
  stepId: 'w_mcc',
  entry: '12.510',
  reason: 'Transcription error: the balance printout shows 12.510 kg',
};

/** Who signs what: the acting operator for herself, sven for a supervisor, oscar for a second operator. */
function credentialsFor(floor: RecordFloor, actor: Person, need: StepPreview['requiredSignatures'][number]) {
  if (need.byActor || (need.role === 'operator' && !need.distinctFromPerformer)) {
    return { kind: 'self' as const, password: actor.password };
  }
  const signer = need.role === 'supervisor' ? floor.sven : need.role === 'qa' ? floor.quinn : floor.oscar;
  return { kind: 'cosigner' as const, username: signer.username, password: signer.password };
}

/** Completes one step (started first) with the plan's entry, its signatures, deviation or override. */
export async function completeStep(
  floor: RecordFloor,
  batch: BatchView,
  step: BatchStepView,
  plan: StepPlan | undefined,
  actor: Person = floor.olga,
): Promise<BatchView> {
  const connection = actor.connection;
  const definition = step.definition;
  if (definition.type === 'timer') {
    const wait = definition.minMinutes !== undefined ? definition.minMinutes + 0.5 : 1;
    await waitMinutes(floor, wait);
  }
  value(await connection.invoke('batches.startStep', { batchId: batch.id, stepId: step.id }));
  const input = stepInputFor(step, plan);
  const preview = value<StepPreview>(
    await connection.invoke('batches.previewStep', {
      batchId: batch.id,
      stepId: step.id,
      mode: 'complete',
      input,
    }),
  );
  const svenCosign = {
    kind: 'cosigner' as const,
    username: floor.sven.username,
    password: floor.sven.password,
  };
  return value<BatchView>(
    await connection.invoke('batches.completeStep', {
      batchId: batch.id,
      stepId: step.id,
      input,
      signatures: preview.requiredSignatures.map((need) => ({
        meaning: need.meaning,
        credentials: credentialsFor(floor, actor, need),
      })),
      ...(preview.violation?.handling === 'deviation'
        ? { deviationComment: plan?.deviationComment ?? 'Recorded as a deviation for review' }
        : {}),
      ...(preview.violation?.handling === 'block'
        ? {
            override: {
              reason: plan?.overrideReason ?? 'Supervisor accepts the value',
              credentials: svenCosign,
            },
          }
        : {}),
    }),
  );
}

export interface ExecutionOptions {
  training?: boolean;
  /** Stop when this step is reached: it is started (in progress) but not completed. */
  stopAt?: string;
  plan?: Record<string, StepPlan>;
  /** Correct a value after the last step (and recompute what reads it). */
  correction?: typeof WET_GRANULATION_CORRECTION | null;
  /** Sign "execution complete" at the end (when every step is done). */
  completeExecution?: boolean;
}

/** Operations of the wet granulation done by the second operator. */
const SECOND_SHIFT = new Set(['final_blend', 'yield']);

/** Runs a batch of `recipeFile` through the channels, as far as the options say. */
export async function executeBatch(
  floor: RecordFloor,
  recipeFile: string,
  batchNumber: string,
  options: ExecutionOptions = {},
): Promise<BatchView> {
  const { olga } = floor;
  const plan = options.plan ?? WET_GRANULATION_PLAN;
  let batch = await createBatch(floor.sven.connection, floor.recipes[recipeFile]!, batchNumber, {
    training: options.training ?? false,
  });
  batch = value<BatchView>(await olga.connection.invoke('batches.start', { batchId: batch.id }));
  for (const step of [...batch.steps].sort((a, b) => a.position - b.position)) {
    if (step.id === options.stopAt) {
      return value<BatchView>(
        await olga.connection.invoke('batches.startStep', { batchId: batch.id, stepId: step.id }),
      );
    }
    const current = batch.steps.find((candidate) => candidate.id === step.id)!;
    // The second shift (Oscar) takes over for the final blend and the yield.
    const actor = SECOND_SHIFT.has(step.operationId) ? floor.oscar : olga;
    batch = await completeStep(floor, batch, current, plan[step.id], actor);
    if (step.id === 'gran_endpoint') {
      batch = value<BatchView>(
        await olga.connection.invoke('batches.comment', {
          batchId: batch.id,
          stepId: 'gran_endpoint',
          text: 'Granulé conforme au test de la main; fines estimées < 5 % (µ-fines tamisées à 250 µm)',
        }),
      );
    }
  }
  const correction = options.correction === undefined ? WET_GRANULATION_CORRECTION : options.correction;
  if (correction) {
    const self = { kind: 'self' as const, password: olga.password };
    const svenCosign = {
      kind: 'cosigner' as const,
      username: floor.sven.username,
      password: floor.sven.password,
    };
    batch = value<BatchView>(
      await olga.connection.invoke('batches.correctStep', {
        batchId: batch.id,
        stepId: correction.stepId,
        input: { type: 'weighing', origin: 'manual', net: correction.entry },
        reason: correction.reason,
        signatures: [
          { meaning: 'corrected', credentials: self },
          { meaning: 'verified', credentials: svenCosign },
        ],
      }),
    );
  }
  if (options.completeExecution ?? true) {
    batch = value<BatchView>(
      await olga.connection.invoke('batches.completeExecution', {
        batchId: batch.id,
        credentials: { kind: 'self', password: olga.password },
      }),
    );
  }
  return batch;
}
