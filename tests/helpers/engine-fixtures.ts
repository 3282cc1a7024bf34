/**
 * The execution engine without a database: recipes (the two samples and a compact recipe with
 * every step type, declared dependencies, a calculation chain and a supervisor's step), people
 * with roles, signers, and a driver that finds a valid entry and the signatures it needs, for
 * the unit and the property tests.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { preview, reduce } from '../../electron/core/batches/engine/batch-engine';
import type {
  Actor,
  BatchEvent,
  EngineState,
  EngineStep,
  RequiredSignature,
  Signer,
  Transition,
} from '../../electron/core/batches/engine/engine-types';
import type { RefusalReason } from '../../electron/core/batches/engine/refusal';
import { engineStepsOf, stepOf } from '../../electron/core/batches/engine/sequence';
import { validateRecipe } from '../../electron/core/recipes/validate';
import type { StepInput } from '../../shared/batches/step-input';
import { EbrError } from '../../shared/errors';
import type { Role } from '../../shared/permissions';
import { recipeSchema, type Recipe } from '../../shared/recipes/recipe-schema';
import type { SignatureMeaning } from '../../shared/signatures';

export const T0 = Date.UTC(2026, 10, 2, 8, 0, 0, 0);
export const MINUTE = 60_000;
/** GS1 group separator (FNC1) as a scanner types it. */
export const GS = '\u001d';

function parsed(recipe: unknown): Recipe {
  const result = recipeSchema.parse(recipe);
  expect(validateRecipe(result)).toEqual([]);
  return result;
}

export function sampleRecipe(fileName: 'demo-tablet-blend.json' | 'wet-granulation-blend.json'): Recipe {
  return parsed(
    JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'resources', 'recipes', fileName), 'utf8')),
  );
}

const performedAndVerified = [
  { meaning: 'performed', role: 'operator' },
  { meaning: 'verified', role: 'supervisor', distinctFromPerformer: true },
];

/** Every step type once or more; `speed` and `w_lactose` and `side_note` declare their dependencies. */
export const engineTestRecipe: Recipe = parsed({
  format: 'ebr-recipe/1',
  header: {
    code: 'ENGINE-TEST',
    name: 'Engine test recipe',
    product: { code: 'ENG-TAB', name: 'Engine test tablets' },
    versionLabel: '1.0',
    nominalBatchSize: { quantity: 10, unit: 'kg' },
  },
  materials: [
    { code: 'RM-0100', name: 'Active', quantity: 2, unit: 'kg', tolerance: { kind: 'percent', value: 0.5 } },
    {
      code: 'RM-0200',
      name: 'Filler',
      quantity: 8,
      unit: 'kg',
      tolerance: { kind: 'absolute', value: 0.05 },
    },
  ],
  equipment: [
    { id: 'EQ-BAL-032', class: 'Bench balance' },
    { id: 'EQ-BLD-010', class: 'Bin blender' },
    { id: 'EQ-PH-001', class: 'pH meter' },
  ],
  procedure: {
    operations: [
      {
        id: 'prep',
        title: 'Preparation',
        steps: [
          { id: 'start', type: 'instruction', title: 'Read the instructions' },
          {
            id: 'checklist',
            type: 'check',
            title: 'Line clearance',
            items: ['Room empty', 'Blender clean', 'Balance checked'],
            critical: true,
            signatures: performedAndVerified,
          },
          {
            id: 'scan_eq',
            type: 'scan',
            title: 'Identify the blender',
            subject: 'equipment',
            equipment: 'EQ-BLD-010',
            expected: { code: 'EQ-BLD-010' },
          },
          {
            id: 'lot_gs1',
            type: 'scan',
            title: 'Scan the active lot',
            subject: 'material-lot',
            material: 'RM-0100',
            expected: { pattern: `01[0-9]{14}${GS}10[A-Z0-9]{1,20}` },
          },
        ],
      },
      {
        id: 'dispensing',
        title: 'Dispensing',
        steps: [
          {
            id: 'w_api',
            type: 'weighing',
            title: 'Weigh the active',
            material: 'RM-0100',
            unit: 'kg',
            decimals: 3,
            equipment: 'EQ-BAL-032',
            critical: true,
            signatures: performedAndVerified,
          },
          {
            id: 'w_lactose',
            type: 'weighing',
            title: 'Weigh the filler',
            material: 'RM-0200',
            unit: 'kg',
            decimals: 3,
            signatures: performedAndVerified,
            dependsOn: ['scan_eq'],
          },
        ],
      },
      {
        id: 'process',
        title: 'Processing',
        steps: [
          {
            id: 'speed',
            type: 'numeric',
            title: 'Blender speed',
            unit: 'rpm',
            decimals: 0,
            limits: { min: 10, target: 12, max: 14 },
            onLimitViolation: 'deviation',
            dependsOn: ['w_api', 'w_lactose'],
          },
          {
            id: 'pressure',
            type: 'numeric',
            title: 'Air pressure',
            unit: 'bar',
            decimals: 1,
            limits: { min: 1, max: 2 },
          },
          {
            id: 'mix_time',
            type: 'timer',
            title: 'Mix time',
            from: 'speed',
            minMinutes: 10,
            maxMinutes: 12,
            critical: true,
          },
          {
            id: 'rest_time',
            type: 'timer',
            title: 'Rest time',
            from: 'mix_time',
            maxMinutes: 5,
            onLimitViolation: 'deviation',
          },
          {
            id: 'ph',
            type: 'measurement',
            title: 'pH of the slurry',
            quantity: 'pH',
            unit: 'pH',
            decimals: 2,
            limits: { min: 6.5, max: 7.5 },
            source: 'instrument',
            equipment: 'EQ-PH-001',
          },
          {
            id: 'temp',
            type: 'measurement',
            title: 'Room temperature',
            quantity: 'Temperature',
            unit: '°C',
            decimals: 1,
            limits: { min: 18, max: 25 },
            source: 'either',
            onLimitViolation: 'deviation',
          },
        ],
      },
      {
        id: 'results',
        title: 'Results',
        steps: [
          {
            id: 'total',
            type: 'calculation',
            title: 'Total dispensed',
            formula: 'w_api + w_lactose',
            unit: 'kg',
            decimals: 3,
            limits: { min: 9.9, max: 10.1 },
            onLimitViolation: 'deviation',
          },
          {
            id: 'api_share',
            type: 'calculation',
            title: 'Active share',
            formula: 'w_api / total * 100',
            unit: '%',
            decimals: 2,
            limits: { min: 19.8, target: 20, max: 20.2 },
            critical: true,
            signatures: [{ meaning: 'reviewed', role: 'supervisor', distinctFromPerformer: true }],
          },
          {
            id: 'sup_release',
            type: 'instruction',
            title: 'Supervisor sign-off',
            requiredRole: 'supervisor',
          },
          { id: 'side_note', type: 'instruction', title: 'Note the room', dependsOn: ['start'] },
        ],
      },
    ],
  },
});

export function person(name: string, roles: Role[]): Actor {
  return { userId: `u-${name.toLowerCase()}`, name, roles };
}

/** Operators olga and oscar, supervisors sven and sue, quinn (QA), tina (technician). */
export const people = {
  olga: person('Olga', ['operator']),
  oscar: person('Oscar', ['operator']),
  sven: person('Sven', ['supervisor']),
  sue: person('Sue', ['supervisor']),
  quinn: person('Quinn', ['qa']),
  tina: person('Tina', ['technician']),
};

export function signer(actor: Actor, meaning: SignatureMeaning): Signer {
  return {
    userId: actor.userId,
    username: actor.name.toLowerCase(),
    name: actor.name,
    roles: actor.roles,
    meaning,
  };
}

export function newBatch(recipe: Recipe, plannedQuantity?: number, training = false): EngineState {
  const nominal = recipe.header.nominalBatchSize;
  return {
    status: 'created',
    training,
    recipe,
    plannedQuantity: { quantity: plannedQuantity ?? nominal.quantity, unit: nominal.unit },
    steps: engineStepsOf(recipe),
  };
}

export function step(state: EngineState, stepId: string): EngineStep {
  const found = stepOf(state, stepId);
  if (!found) throw new Error(`no step ${stepId}`);
  return found;
}

/** The refusal an event meets: its reason and details; the state must come out untouched. */
export function refusalOf(
  state: EngineState,
  event: BatchEvent,
  nowMs = T0,
): { reason: RefusalReason; message: string; details: Record<string, unknown> } {
  const before = structuredClone(state);
  try {
    reduce(state, event, nowMs);
  } catch (error) {
    expect(state).toEqual(before);
    if (!(error instanceof EbrError)) throw error;
    expect(error.code).toBe('EXECUTION_REFUSED');
    const details = (error.details ?? {}) as Record<string, unknown>;
    return { reason: details.reason as RefusalReason, message: error.message, details };
  }
  throw new Error(`expected ${event.type} to be refused`);
}

export function expectRefused(state: EngineState, event: BatchEvent, reason: RefusalReason, nowMs = T0) {
  const refusal = refusalOf(state, event, nowMs);
  expect(refusal.reason, refusal.message).toBe(reason);
  return refusal;
}

/** Signers meeting `required`: the performer signs their own, `second` every second-person one. */
export function signersFor(
  required: readonly RequiredSignature[],
  performer: Actor,
  second: Actor,
): Signer[] {
  return required.map((need) =>
    need.byActor || (!need.distinctFromPerformer && performer.roles.includes(need.role))
      ? signer(performer, need.meaning)
      : signer(second, need.meaning),
  );
}

/** An entry inside the limits for each step type (timers: the clock decides). */
export function validInput(state: EngineState, stepId: string): StepInput {
  const definition = step(state, stepId).definition;
  switch (definition.type) {
    case 'instruction':
      return { type: 'instruction', acknowledged: true };
    case 'check':
      return { type: 'check', checked: definition.items.map(() => true) };
    case 'numeric':
    case 'measurement': {
      const { min, max, target } = definition.limits;
      const middle = target ?? (min !== undefined && max !== undefined ? (min + max) / 2 : (min ?? max ?? 1));
      const text = middle.toFixed(definition.decimals);
      return definition.type === 'numeric'
        ? { type: 'numeric', value: text }
        : { type: 'measurement', origin: 'manual', value: text };
    }
    case 'weighing': {
      const limits = preview(state, stepId, { type: 'weighing', origin: 'manual', net: '1' }, T0, 'complete')
        .value as { limits: { target?: number } };
      return {
        type: 'weighing',
        origin: 'manual',
        net: (limits.limits.target ?? 1).toFixed(definition.decimals),
      };
    }
    case 'scan':
      return {
        type: 'scan',
        code:
          definition.expected.code ??
          (definition.expected.pattern!.includes(GS)
            ? `0109501101530008${GS}10LOT42`
            : `${definition.expected.pattern!.split('/')[0]}/26A0001`),
      };
    case 'timer':
      return { type: 'timer' };
    case 'calculation':
      return { type: 'calculation' };
  }
}

/**
 * Drives a batch forward with valid events: `by` starts and completes each step (a supervisor
 * signs the second-person signatures), the clock moving on so that timers are within limits.
 */
export class EngineDriver {
  now = T0;

  constructor(
    public state: EngineState,
    public readonly by: Actor = people.olga,
    public readonly second: Actor = people.sven,
  ) {
    this.before = state;
  }

  /** The state before the last event applied. */
  before: EngineState;

  apply(event: BatchEvent): Transition {
    this.before = this.state;
    const transition = reduce(this.state, event, this.now);
    this.state = transition.state;
    return transition;
  }

  start(): this {
    this.apply({ type: 'start', actor: this.by });
    return this;
  }

  /** Minutes on the clock a timer step needs before it may complete within limits. */
  private waitFor(stepId: string): void {
    const definition = step(this.state, stepId).definition;
    if (definition.type !== 'timer') return;
    const from = step(this.state, definition.from).completedAtMs!;
    const min = definition.minMinutes ?? 0;
    const max = definition.maxMinutes ?? min + 2;
    this.now = Math.max(this.now, from + Math.round(((min + max) / 2) * MINUTE));
  }

  /** Starts (if needed) and completes one step with a valid entry; returns the transition. */
  complete(stepId: string, actor: Actor = this.actorFor(stepId)): Transition {
    if (step(this.state, stepId).status === 'pending') {
      this.apply({ type: 'start-step', actor, stepId });
    }
    this.waitFor(stepId);
    const input = validInput(this.state, stepId);
    const required = preview(this.state, stepId, input, this.now, 'complete').requiredSignatures;
    return this.apply({
      type: 'complete-step',
      actor,
      stepId,
      input,
      nowMs: this.now,
      signers: signersFor(required, actor, actor === this.second ? people.sue : this.second),
    });
  }

  actorFor(stepId: string): Actor {
    return step(this.state, stepId).definition.requiredRole === 'supervisor' ? this.second : this.by;
  }

  /** Completes every step up to (not including) `stepId`, in recipe order. */
  completeUntil(stepId: string): this {
    for (const candidate of this.state.steps) {
      if (candidate.id === stepId) return this;
      if (candidate.status !== 'completed') this.complete(candidate.id);
    }
    return this;
  }

  completeAll(): this {
    for (const candidate of this.state.steps)
      if (candidate.status !== 'completed') this.complete(candidate.id);
    return this;
  }
}
