/**
 * Property test of the execution engine: many seeded random event sequences (random people with
 * random roles, random steps, valid and invalid entries, right and wrong signers, overrides and
 * deviation comments, random clock jumps) over the sample recipes and the engine test recipe.
 * After every event, accepted or refused: no invariant is violated; a refusal is EXECUTION_REFUSED
 * with a known reason and leaves the state as it was; an accepted event's state is its effects
 * applied to the state before, and every calculation holds the value of its current inputs.
 *
 * A failure names the seed; run it alone with BATCH_PROPERTY_SEED=<seed>.
 */
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { applyEffects } from '../../electron/core/batches/engine/apply-effects';
import { preview, reduce } from '../../electron/core/batches/engine/batch-engine';
import type {
  Actor,
  BatchEvent,
  EngineState,
  Override,
  RequiredSignature,
  Signer,
} from '../../electron/core/batches/engine/engine-types';
import { invariantViolations } from '../../electron/core/batches/engine/invariants';
import type { RefusalReason } from '../../electron/core/batches/engine/refusal';
import { readySteps } from '../../electron/core/batches/engine/sequence';
import { calculationValue } from '../../electron/core/batches/engine/step-evaluation';
import { formulaReferences } from '../../electron/core/recipes/formula';
import type { StepInput } from '../../shared/batches/step-input';
import { EbrError } from '../../shared/errors';
import type { Recipe } from '../../shared/recipes/recipe-schema';
import type { SignatureMeaning } from '../../shared/signatures';
import {
  engineTestRecipe,
  GS,
  MINUTE,
  newBatch,
  people,
  person,
  sampleRecipe,
  signer,
  signersFor,
  step,
  T0,
  validInput,
} from '../helpers/engine-fixtures';

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
class Random {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(below: number): number {
    return Math.floor(this.next() * below);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  /** One of the options, by weight. */
  weighted<T>(options: readonly (readonly [T, number])[]): T {
    const total = options.reduce((sum, [, weight]) => sum + weight, 0);
    let point = this.next() * total;
    for (const [option, weight] of options) {
      point -= weight;
      if (point < 0) return option;
    }
    return options[options.length - 1]![0];
  }
}

const staff: Actor[] = [
  ...Object.values(people),
  person('Bo', ['operator', 'supervisor']),
  person('Ada', ['administrator']),
];
const byUserId = new Map(staff.map((actor) => [actor.userId, actor]));
const supervisors = staff.filter((actor) => actor.roles.includes('supervisor'));
const meanings: SignatureMeaning[] = [
  'performed',
  'verified',
  'reviewed',
  'corrected',
  'overridden',
  'aborted',
];

const refusalReasons = new Set<RefusalReason>([
  'batch-not-active',
  'wrong-status',
  'unknown-step',
  'out-of-order',
  'step-not-started',
  'not-owner',
  'wrong-role',
  'already-completed',
  'not-completed',
  'not-correctable',
  'wrong-input',
  'invalid-value',
  'checklist-incomplete',
  'scan-mismatch',
  'timer-not-elapsed',
  'limit-violation',
  'deviation-comment-required',
  'unexpected-override',
  'signatures-missing',
  'unexpected-signature',
  'same-person',
  'steps-incomplete',
]);

/** A number as typed for a step with `decimals`, around [low, high], sometimes outside. */
function typedNumber(rng: Random, decimals: number, low: number, high: number): string {
  const span = Math.max(high - low, 10 ** -decimals);
  const value = rng.weighted([
    [low + rng.next() * (high - low), 6],
    [high + span * (0.05 + rng.next()), 2],
    [low - span * (0.05 + rng.next()), 2],
  ]);
  const text = value.toFixed(decimals);
  if (rng.chance(0.05)) return `${text}${decimals === 0 ? '.' : ''}7`; // one decimal too many
  return text;
}

/** An entry for the step: mostly plausible (within or near its limits), sometimes wrong. */
function randomInput(rng: Random, state: EngineState, stepId: string): StepInput {
  const definition = step(state, stepId).definition;
  if (rng.chance(0.04)) {
    const other = rng.pick(state.steps);
    return validInput(state, other.id);
  }
  if (rng.chance(0.03)) {
    return rng.pick<StepInput>([
      { type: 'numeric', value: rng.pick(['', 'abc', '1e2', '0x10', ' 12 ']) },
      { type: 'weighing', origin: 'manual', net: rng.pick(['0', '-1.000', 'NaN']) },
      { type: 'scan', code: rng.pick(['X', `${GS}`, 'EQ-BLD-010 ']) },
    ]);
  }
  switch (definition.type) {
    case 'instruction':
    case 'timer':
    case 'calculation':
      return validInput(state, stepId);
    case 'check':
      return rng.weighted<StepInput>([
        [validInput(state, stepId), 8],
        [{ type: 'check', checked: definition.items.map((_, index) => index !== 0) }, 1],
        [{ type: 'check', checked: definition.items.slice(1).map(() => true) }, 1],
      ]);
    case 'scan': {
      const valid = validInput(state, stepId) as Extract<StepInput, { type: 'scan' }>;
      return rng.weighted<StepInput>([
        [valid, 8],
        [{ type: 'scan', code: `${valid.code}X` }, 1],
        [{ type: 'scan', code: valid.code.replaceAll(GS, '') }, 1],
      ]);
    }
    case 'numeric':
    case 'measurement': {
      const { min, max, target } = definition.limits;
      const centre = target ?? min ?? max ?? 1;
      const text = typedNumber(rng, definition.decimals, min ?? centre - 1, max ?? centre + 1);
      return definition.type === 'numeric'
        ? { type: 'numeric', value: text }
        : { type: 'measurement', origin: 'manual', value: text };
    }
    case 'weighing': {
      const valid = validInput(state, stepId) as Extract<StepInput, { type: 'weighing'; origin: 'manual' }>;
      const target = Number(valid.net);
      const tolerance = Math.max(target * 0.005, 10 ** -definition.decimals);
      const net = typedNumber(rng, definition.decimals, target - tolerance, target + tolerance);
      return rng.chance(0.3)
        ? { type: 'weighing', origin: 'manual', net, tare: (rng.next() * 2).toFixed(definition.decimals) }
        : { type: 'weighing', origin: 'manual', net };
    }
  }
}

/** Mostly the signatures asked for; sometimes one missing, one extra, the performer verifying, or noise. */
function randomSigners(rng: Random, required: readonly RequiredSignature[] | null, actor: Actor): Signer[] {
  const second = rng.pick(supervisors.filter((candidate) => candidate.userId !== actor.userId));
  const right = required ? signersFor(required, actor, second) : [];
  return rng.weighted<() => Signer[]>([
    [() => right, 14],
    [() => right.slice(1), 1],
    [() => [...right, signer(rng.pick(staff), rng.pick(meanings))], 1],
    [() => right.map((entry) => ({ ...signer(actor, entry.meaning) })), 1],
    [() => (rng.chance(0.5) ? [] : [signer(rng.pick(staff), rng.pick(meanings))]), 1],
  ])();
}

function actorFor(rng: Random, roleWanted: string, owner: string | null): Actor {
  if (owner !== null && rng.chance(0.85)) return byUserId.get(owner)!;
  const fitting = staff.filter(
    (actor) =>
      actor.roles.includes(roleWanted as never) ||
      (roleWanted === 'operator' && actor.roles.includes('supervisor')),
  );
  return rng.chance(0.85) && fitting.length > 0 ? rng.pick(fitting) : rng.pick(staff);
}

/** A value event (complete or correct) for `stepId`, with the signers and override or comment it seems to need. */
function valueEvent(
  rng: Random,
  state: EngineState,
  stepId: string,
  actor: Actor,
  nowMs: number,
  mode: 'complete' | 'correct',
): BatchEvent {
  const input = randomInput(rng, state, stepId);
  let evaluation: ReturnType<typeof preview> | null;
  try {
    evaluation = preview(state, stepId, input, nowMs, mode);
  } catch {
    evaluation = null; // the engine will refuse the entry itself
  }
  const signers = randomSigners(rng, evaluation?.requiredSignatures ?? null, actor);
  let override: Override | undefined;
  let deviationComment: string | undefined;
  const handling = evaluation?.violation?.handling;
  if ((handling === 'block' && rng.chance(0.85)) || rng.chance(0.03)) {
    override = {
      signer: signer(rng.pick(rng.chance(0.85) ? supervisors : staff), 'overridden'),
      reason: 'Checked',
    };
  }
  if ((handling === 'deviation' && rng.chance(0.85)) || rng.chance(0.03)) {
    deviationComment = rng.chance(0.9) ? 'Explained in the logbook' : ' x';
  }
  const base = { actor, stepId, input, nowMs, signers, override, deviationComment };
  return mode === 'complete'
    ? { type: 'complete-step', ...base }
    : { type: 'correct-step', ...base, reason: 'Transcription error' };
}

const inputsByRecipe = new WeakMap<Recipe, Map<string, string[]>>();

/** The steps that completed calculations read. */
function calculationInputs(state: EngineState): Set<string> {
  let byCalculation = inputsByRecipe.get(state.recipe);
  if (!byCalculation) {
    byCalculation = new Map(
      state.steps.flatMap((candidate) =>
        candidate.definition.type === 'calculation'
          ? [[candidate.id, formulaReferences(candidate.definition.formula)] as const]
          : [],
      ),
    );
    inputsByRecipe.set(state.recipe, byCalculation);
  }
  const inputs = new Set<string>();
  for (const [id, references] of byCalculation) {
    if (step(state, id).status === 'completed') references.forEach((reference) => inputs.add(reference));
  }
  return inputs;
}

function randomEvent(rng: Random, state: EngineState, nowMs: number): BatchEvent {
  const anyone = () => rng.pick(staff);
  const inProgress = state.steps.filter((candidate) => candidate.status === 'in-progress');
  const completed = state.steps.filter((candidate) => candidate.status === 'completed');
  const ready = readySteps(state);
  const kind = rng.weighted<BatchEvent['type']>([
    ['start', state.status === 'created' ? 20 : 0.3],
    ['hold', 1.5],
    ['resume', state.status === 'on-hold' ? 12 : 0.3],
    // Rare, and rarer in long recipes, so that most sequences get far.
    ['abort', 2 / state.steps.length],
    ['start-step', ready.length > 0 ? 12 : 1],
    ['release-step', inProgress.length > 0 ? 1.5 : 0.2],
    ['complete-step', inProgress.length > 0 ? 24 : 1],
    ['correct-step', completed.length > 0 ? 2.5 : 0.2],
    ['complete-execution', completed.length === state.steps.length ? 10 : 0.3],
  ]);
  switch (kind) {
    case 'start':
    case 'resume':
      return { type: kind, actor: rng.chance(0.8) ? people.olga : anyone() };
    case 'hold':
      return { type: 'hold', actor: anyone(), reason: 'Waiting for material' };
    case 'abort':
      return {
        type: 'abort',
        actor: anyone(),
        reason: 'Stopped',
        signer: signer(
          rng.chance(0.7) ? rng.pick(supervisors) : anyone(),
          rng.chance(0.8) ? 'aborted' : 'performed',
        ),
      };
    case 'start-step': {
      const target = rng.chance(0.8) && ready.length > 0 ? rng.pick(ready) : rng.pick(state.steps);
      const stepId = rng.chance(0.01) ? 'no_such_step' : target.id;
      return { type: 'start-step', actor: actorFor(rng, target.definition.requiredRole, null), stepId };
    }
    case 'release-step': {
      const target = inProgress.length > 0 && rng.chance(0.9) ? rng.pick(inProgress) : rng.pick(state.steps);
      return {
        type: 'release-step',
        actor: actorFor(rng, 'supervisor', target.ownerUserId),
        stepId: target.id,
        reason: 'Shift change',
      };
    }
    case 'complete-step': {
      const target = inProgress.length > 0 && rng.chance(0.9) ? rng.pick(inProgress) : rng.pick(state.steps);
      const actor = actorFor(rng, target.definition.requiredRole, target.ownerUserId);
      return valueEvent(rng, state, target.id, actor, nowMs, 'complete');
    }
    case 'correct-step': {
      // Half the time a value a completed calculation reads: the recomputation path.
      const read = completed.filter((candidate) => calculationInputs(state).has(candidate.id));
      const target =
        read.length > 0 && rng.chance(0.5)
          ? rng.pick(read)
          : completed.length > 0 && rng.chance(0.9)
            ? rng.pick(completed)
            : rng.pick(state.steps);
      const actor = actorFor(rng, target.definition.requiredRole, null);
      return valueEvent(rng, state, target.id, actor, nowMs, 'correct');
    }
    case 'complete-execution': {
      const actor = rng.chance(0.8) ? people.olga : anyone();
      return {
        type: 'complete-execution',
        actor,
        signer: signer(rng.chance(0.85) ? actor : anyone(), rng.chance(0.9) ? 'performed' : 'reviewed'),
      };
    }
  }
}

/** Mostly seconds to minutes; sometimes the length of a timer or a shift; rarely backwards. */
function clockJump(rng: Random): number {
  return rng.weighted<() => number>([
    [() => rng.int(2 * MINUTE), 10],
    [() => rng.int(15 * MINUTE), 5],
    [() => rng.int(3 * 60 * MINUTE), 1],
    [() => -rng.int(5 * MINUTE), 0.3],
  ])();
}

/** Every completed calculation holds the value its formula gives over the current values. */
function calculationProblems(state: EngineState): string[] {
  const problems: string[] = [];
  for (const candidate of state.steps) {
    if (candidate.status !== 'completed' || candidate.definition.type !== 'calculation') continue;
    const expected = calculationValue(state, candidate.definition);
    if (!isDeepStrictEqual(candidate.value, expected)) {
      problems.push(
        `${candidate.id} holds ${JSON.stringify(candidate.value)}, its inputs give ${expected.text}`,
      );
    }
  }
  return problems;
}

interface RunStats {
  events: number;
  accepted: Record<string, number>;
  refusals: Map<string, number>;
  finished: number;
  aborted: number;
  corrections: number;
  recomputations: number;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** The state as JSON but for the recipe and step definitions (frozen: they cannot change). */
function snapshotOf(state: EngineState): string {
  const { recipe, steps, ...batch } = state;
  return JSON.stringify([
    recipe === undefined,
    batch,
    steps.map(({ definition, ...rest }) => [definition === undefined, rest]),
  ]);
}

function runSequence(recipe: Recipe, seed: number, length: number, stats: RunStats): void {
  const rng = new Random(seed);
  deepFreeze(recipe);
  let state = newBatch(recipe, recipe.header.nominalBatchSize.quantity * (rng.chance(0.3) ? 0.5 : 1));
  let now = T0;
  let endedFor = 0;
  // Frozen: a mutation of a state by the engine throws at once (and is reported with the seed).
  deepFreeze(state);
  let snapshot: string | undefined;
  for (let index = 0; index < length && endedFor < 3; index++) {
    now += clockJump(rng);
    const event = randomEvent(rng, state, now);
    const where = () => `seed ${seed} (${recipe.header.code}), event #${index}: ${JSON.stringify(event)}`;
    snapshot ??= snapshotOf(state);
    stats.events++;
    let transition: ReturnType<typeof reduce> | undefined;
    try {
      transition = reduce(state, event, now);
    } catch (error) {
      if (!(error instanceof EbrError) || error.code !== 'EXECUTION_REFUSED') {
        throw new Error(`${where()} threw ${String(error)}`, { cause: error });
      }
      const reason = (error.details as { reason: RefusalReason }).reason;
      if (!refusalReasons.has(reason)) {
        throw new Error(`${where()}: unknown refusal reason ${reason}`, { cause: error });
      }
      stats.refusals.set(reason, (stats.refusals.get(reason) ?? 0) + 1);
      // A refused event leaves the state as it was, deep-equal.
      if (snapshotOf(state) !== snapshot) {
        throw new Error(`${where()}: a refusal changed the state`, { cause: error });
      }
    }
    if (transition) {
      const replayed = applyEffects(state, transition.effects, event.actor, now);
      if (!isDeepStrictEqual(replayed, transition.state)) {
        throw new Error(`${where()}: the state differs from its effects applied to the state before`);
      }
      for (const effect of transition.effects) {
        if (effect.kind !== 'entry') continue;
        if (effect.entryKind === 'correction') stats.corrections++;
        if (effect.entryKind === 'recomputed') stats.recomputations++;
        for (const exception of effect.exceptions) {
          if (
            exception.handling === 'override' &&
            (!exception.overrideSigner?.roles.includes('supervisor') ||
              exception.overrideSigner.userId === event.actor.userId)
          ) {
            throw new Error(`${where()}: an override not signed by a second person who is a supervisor`);
          }
        }
      }
      stats.accepted[event.type] = (stats.accepted[event.type] ?? 0) + 1;
      state = deepFreeze(transition.state);
      snapshot = undefined;
    }
    const recorded = transition?.effects.some((effect) => effect.kind === 'entry') ?? false;
    const problems = [...invariantViolations(state), ...(recorded ? calculationProblems(state) : [])];
    if (problems.length > 0) throw new Error(`${where()}: ${problems.join('; ')}`);
    if (state.status === 'aborted' || state.status === 'execution-complete') endedFor++;
  }
  if (state.status === 'execution-complete') stats.finished++;
  if (state.status === 'aborted') stats.aborted++;
}

const fixedSeed = process.env.BATCH_PROPERTY_SEED;
const recipes: [string, Recipe, number, number][] = [
  ['demo-tablet-blend', sampleRecipe('demo-tablet-blend.json'), 200, 150],
  ['wet-granulation-blend', sampleRecipe('wet-granulation-blend.json'), 50, 700],
  ['engine test recipe', engineTestRecipe, 160, 250],
];

describe('random event sequences never reach an invalid state', () => {
  recipes.forEach(([name, recipe, sequences, length], recipeIndex) => {
    it(`${name}: ${fixedSeed ? `seed ${fixedSeed}` : `${sequences} sequences of up to ${length} events`}`, () => {
      const stats: RunStats = {
        events: 0,
        accepted: {},
        refusals: new Map(),
        finished: 0,
        aborted: 0,
        corrections: 0,
        recomputations: 0,
      };
      const seeds = fixedSeed
        ? [Number(fixedSeed)]
        : Array.from({ length: sequences }, (_, index) => 0x5eed0000 + recipeIndex * 10_000 + index);
      for (const seed of seeds) runSequence(recipe, seed, length, stats);
      if (fixedSeed) return;
      // The generator reaches deep states, not only refusals.
      for (const type of [
        'start',
        'hold',
        'resume',
        'abort',
        'start-step',
        'release-step',
        'complete-step',
        'correct-step',
        'complete-execution',
      ]) {
        expect(stats.accepted[type] ?? 0, `accepted ${type} events`).toBeGreaterThan(0);
      }
      expect(stats.finished, 'sequences reaching execution complete').toBeGreaterThan(sequences / 10);
      expect(stats.aborted).toBeGreaterThan(0);
      expect(stats.recomputations, 'calculations recomputed after a correction').toBeGreaterThan(0);
      expect(stats.refusals.size, [...stats.refusals.keys()].join(', ')).toBeGreaterThanOrEqual(16);
    });
  });
});
