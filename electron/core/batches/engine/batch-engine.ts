import type { BatchStatus } from '../../../../shared/batches/batch-status';
import { describeValue } from '../../../../shared/batches/recorded-value';
import type { StepInput } from '../../../../shared/batches/step-input';
import { formulaReferences } from '../../recipes/formula';
import type {
  Actor,
  BatchEvent,
  Effect,
  EngineState,
  EngineStep,
  Override,
  ResolvedCapture,
  PlannedException,
  RequiredSignature,
  Signer,
  StepEvaluation,
  Transition,
} from './engine-types';
import { applyEffects } from './apply-effects';
import { refuse } from './refusal';
import { mayActAs } from './roles';
import { calculationValue, evaluateStep, judge } from './step-evaluation';
import { dependentCalculations, missingPrerequisites, stepOf } from './sequence';
import { checkStepEquipment, checkStepMaterial, releaseEquipment } from './world-checks';

/** Steps whose value can be corrected; the others record no typed value (or are computed). */
const correctable = new Set(['numeric', 'weighing', 'measurement', 'scan', 'check']);

function requireStatus(state: EngineState, allowed: readonly BatchStatus[], action: string): void {
  if (!allowed.includes(state.status)) {
    refuse(
      state.status === 'on-hold' || state.status === 'created' ? 'batch-not-active' : 'wrong-status',
      `The batch is ${state.status}: ${action} is possible only when it is ${allowed.join(' or ')}.`,
      { status: state.status },
    );
  }
}

function requireStep(state: EngineState, stepId: string): EngineStep {
  const step = stepOf(state, stepId);
  if (!step) refuse('unknown-step', `This batch has no step "${stepId}".`, { stepId });
  return step;
}

function requireRole(actor: Actor, step: EngineStep): void {
  if (!mayActAs(actor.roles, step.definition.requiredRole)) {
    refuse(
      'wrong-role',
      `${step.definition.title} is done by a ${step.definition.requiredRole}; ${actor.name} is not one.`,
      {
        stepId: step.id,
        requiredRole: step.definition.requiredRole,
      },
    );
  }
}

/** Matches each required signature to one signer; refuses anything missing or extra (P11-10g). */
export function checkSignatures(
  required: readonly RequiredSignature[],
  signers: readonly Signer[],
  actor: Actor,
  performerUserId: string,
): void {
  const unused = [...signers];
  const missing: string[] = [];
  for (const need of required) {
    const index = unused.findIndex(
      (signer) =>
        signer.meaning === need.meaning &&
        mayActAs(signer.roles, need.role) &&
        (!need.byActor || signer.userId === actor.userId) &&
        (!need.distinctFromPerformer || signer.userId !== performerUserId),
    );
    if (index >= 0) {
      unused.splice(index, 1);
      continue;
    }
    const sameMeaning = unused.find((signer) => signer.meaning === need.meaning);
    if (sameMeaning && need.distinctFromPerformer && sameMeaning.userId === performerUserId) {
      refuse(
        'same-person',
        `The "${need.meaning}" signature must be by a second person, not by ${sameMeaning.name} who performed the step.`,
        {
          meaning: need.meaning,
        },
      );
    }
    missing.push(
      `"${need.meaning}" by ${/^[aeiou]/.test(need.role) ? 'an' : 'a'} ${need.role}${need.distinctFromPerformer ? ' other than the performer' : ''}${need.byActor ? ' (the performer)' : ''}`,
    );
  }
  if (missing.length > 0)
    refuse('signatures-missing', `Signatures missing: ${missing.join('; ')}.`, { missing });
  if (unused.length > 0) {
    refuse(
      'unexpected-signature',
      `Not asked for: the "${unused[0]!.meaning}" signature by ${unused[0]!.name}.`,
      {
        meaning: unused[0]!.meaning,
      },
    );
  }
}

function severityOf(step: EngineStep, base: 'minor' | 'major'): PlannedException['severity'] {
  return step.definition.critical ? 'critical' : base;
}

/** Exceptions a value raises, checking that a blocking violation carries its override. */
function plannedExceptions(
  step: EngineStep,
  evaluation: StepEvaluation,
  actor: Actor,
  override: Override | undefined,
  deviationComment: string | undefined,
): PlannedException[] {
  const exceptions: PlannedException[] = [];
  const { violation } = evaluation;
  if (violation?.handling === 'block') {
    if (!override) {
      refuse(
        'limit-violation',
        `${violation.message} A supervisor's override (signature and reason) is needed to record it.`,
        {
          stepId: step.id,
          handling: 'block',
          violation: violation.message,
        },
      );
    }
    if (override.signer.meaning !== 'overridden' || !mayActAs(override.signer.roles, 'supervisor')) {
      refuse(
        'wrong-role',
        `An override is signed "overridden" by a supervisor; ${override.signer.name} cannot.`,
        { stepId: step.id },
      );
    }
    if (override.signer.userId === actor.userId) {
      refuse(
        'same-person',
        `The override must be signed by a supervisor other than ${actor.name}, who entered the value.`,
        { stepId: step.id },
      );
    }
    if (deviationComment !== undefined)
      refuse('unexpected-override', 'A blocked value is overridden, not recorded as a deviation.', {
        stepId: step.id,
      });
    exceptions.push({
      stepId: step.id,
      type: violation.type,
      handling: 'override',
      severity: severityOf(step, 'major'),
      description: violation.message,
      comment: override.reason,
      overrideSigner: override.signer,
    });
  } else if (violation?.handling === 'deviation') {
    if (override)
      refuse(
        'unexpected-override',
        `${violation.message} The recipe records this as a deviation with a comment; no override is needed.`,
        { stepId: step.id },
      );
    if (!deviationComment || deviationComment.trim().length < 3) {
      refuse(
        'deviation-comment-required',
        `${violation.message} Record it as a deviation: give a comment explaining it.`,
        {
          stepId: step.id,
          handling: 'deviation',
          violation: violation.message,
        },
      );
    }
    exceptions.push({
      stepId: step.id,
      type: violation.type,
      handling: 'deviation',
      severity: severityOf(step, 'minor'),
      description: violation.message,
      comment: deviationComment.trim(),
    });
  } else if (override || deviationComment !== undefined) {
    refuse(
      'unexpected-override',
      `${step.definition.title}: the value is within limits; there is nothing to override or deviate.`,
      {
        stepId: step.id,
      },
    );
  }
  if (evaluation.manualWhereInstrumentExpected) {
    exceptions.push({
      stepId: step.id,
      type: 'manual-entry',
      handling: 'record',
      severity: 'minor',
      description: `${step.definition.title}: ${describeValue(evaluation.value)} entered by hand by ${actor.name}; no instrument captured it.`,
      comment: '',
    });
  }
  return exceptions;
}

function valueEffects(
  state: EngineState,
  step: EngineStep,
  actor: Actor,
  input: StepInput,
  nowMs: number,
  mode: 'complete' | 'correct',
  signers: Signer[],
  override: Override | undefined,
  deviationComment: string | undefined,
  reason: string | null,
  capture: ResolvedCapture | undefined,
): Extract<Effect, { kind: 'entry' }> {
  const evaluation = evaluateStep(state, step, input, nowMs, mode, capture);
  checkSignatures(evaluation.requiredSignatures, signers, actor, actor.userId);
  return {
    kind: 'entry',
    ref: 0,
    stepId: step.id,
    entryKind: mode === 'complete' ? 'original' : 'correction',
    value: evaluation.value,
    origin: evaluation.origin,
    withinLimits: evaluation.withinLimits,
    reason,
    signers,
    exceptions: plannedExceptions(step, evaluation, actor, override, deviationComment),
  };
}

/** After a correction: completed calculations that read it get a new value, flagged (A11-8.2). */
function recomputations(state: EngineState, corrected: EngineStep, actor: Actor, nowMs: number): Effect[] {
  const effects: Effect[] = [];
  let current = state;
  for (const dependent of dependentCalculations(state, corrected.id, formulaReferences)) {
    const step = stepOf(current, dependent.id)!;
    if (step.status !== 'completed' || step.definition.type !== 'calculation') continue;
    const value = calculationValue(current, step.definition);
    const { withinLimits, violation } = judge(step.definition, value);
    const effect: Effect = {
      kind: 'entry',
      ref: effects.length + 1,
      stepId: step.id,
      entryKind: 'recomputed',
      value,
      origin: 'computed',
      withinLimits,
      reason: `Recomputed after the correction of ${corrected.definition.title}`,
      signers: [],
      exceptions: violation
        ? [
            {
              stepId: step.id,
              type: 'recomputed-out-of-limit',
              handling: 'record',
              severity: severityOf(step, 'major'),
              description: violation.message,
              comment: `Recomputed after the correction of ${corrected.definition.title}`,
            },
          ]
        : [],
    };
    effects.push(effect);
    current = applyEffects(current, [effect], actor, nowMs);
  }
  return effects;
}

/**
 * The step a value is recorded for, after every check that needs no signature: batch status,
 * order, ownership (completing), completeness and correctability (correcting), role. The service
 * runs it before asking for passwords, so a refused action costs no re-authentication.
 */
export function valueStep(
  state: EngineState,
  actor: Actor,
  stepId: string,
  mode: 'complete' | 'correct',
): EngineStep {
  if (mode === 'complete') {
    requireStatus(state, ['in-progress'], 'completing a step');
    const step = requireStep(state, stepId);
    if (step.status === 'completed') {
      refuse(
        'already-completed',
        `${step.definition.title} is complete; a recorded value changes only by a signed correction with a reason.`,
        {
          stepId: step.id,
        },
      );
    }
    if (step.status === 'pending') {
      const missing = missingPrerequisites(state, step);
      if (missing.length > 0)
        refuse('out-of-order', `${step.definition.title} cannot be completed before the steps it follows.`, {
          stepId: step.id,
          missing,
        });
      refuse('step-not-started', `Start ${step.definition.title} first.`, { stepId: step.id });
    }
    if (step.ownerUserId !== actor.userId) {
      refuse(
        'not-owner',
        `${step.definition.title} is in progress by another operator; it is theirs until they release it.`,
        { stepId: step.id },
      );
    }
    requireRole(actor, step);
    return step;
  }
  requireStatus(state, ['in-progress'], 'correcting a value');
  const step = requireStep(state, stepId);
  if (step.status !== 'completed')
    refuse('not-completed', `${step.definition.title} has no recorded value to correct.`, {
      stepId: step.id,
    });
  if (!correctable.has(step.definition.type)) {
    refuse(
      'not-correctable',
      `${step.definition.title} is a ${step.definition.type} step: its value is not typed, so it cannot be corrected.`,
      {
        stepId: step.id,
      },
    );
  }
  requireRole(actor, step);
  return step;
}

function effectsOf(state: EngineState, event: BatchEvent, nowMs: number): Effect[] {
  const { actor } = event;
  switch (event.type) {
    case 'start':
      requireStatus(state, ['created'], 'starting');
      if (!mayActAs(actor.roles, 'operator')) refuse('wrong-role', `${actor.name} may not execute batches.`);
      return [{ kind: 'batch-status', from: 'created', to: 'in-progress', reason: null }];
    case 'hold':
      requireStatus(state, ['in-progress'], 'putting on hold');
      return [{ kind: 'batch-status', from: 'in-progress', to: 'on-hold', reason: event.reason }];
    case 'resume':
      requireStatus(state, ['on-hold'], 'resuming');
      return [{ kind: 'batch-status', from: 'on-hold', to: 'in-progress', reason: null }];
    case 'abort': {
      requireStatus(state, ['created', 'in-progress', 'on-hold'], 'aborting');
      const { signer } = event;
      if (signer.meaning !== 'aborted' || !mayActAs(signer.roles, 'supervisor')) {
        refuse(
          'wrong-role',
          `A batch is aborted by a supervisor's "aborted" signature; ${signer.name} cannot.`,
        );
      }
      const released: Effect[] = state.steps
        .filter((step) => step.status === 'in-progress')
        .map((step) => ({
          kind: 'step-status',
          stepId: step.id,
          from: 'in-progress',
          to: 'pending',
          ownerUserId: null,
          reason: 'Batch aborted',
        }));
      return [
        ...released,
        { kind: 'batch-status', from: state.status, to: 'aborted', reason: event.reason },
        { kind: 'batch-signature', signer, reason: event.reason },
        ...releaseEquipment(state, `Batch aborted: ${event.reason}`),
      ];
    }
    case 'start-step': {
      requireStatus(state, ['in-progress'], 'starting a step');
      const step = requireStep(state, event.stepId);
      if (step.status === 'completed')
        refuse('already-completed', `${step.definition.title} is already complete.`, { stepId: step.id });
      if (step.status === 'in-progress') {
        refuse(
          'not-owner',
          `${step.definition.title} is already in progress${step.ownerUserId === actor.userId ? ' by you' : ' by someone else'}.`,
          {
            stepId: step.id,
          },
        );
      }
      const missing = missingPrerequisites(state, step);
      if (missing.length > 0) {
        const titles = missing.map((id) => stepOf(state, id)?.definition.title ?? id);
        refuse('out-of-order', `${step.definition.title} cannot start before: ${titles.join(', ')}.`, {
          stepId: step.id,
          missing,
        });
      }
      requireRole(actor, step);
      // Refused before anyone works on equipment that is not clean and free (R211-67).
      checkStepEquipment(state, step, nowMs);
      return [
        {
          kind: 'step-status',
          stepId: step.id,
          from: 'pending',
          to: 'in-progress',
          ownerUserId: actor.userId,
          reason: null,
        },
      ];
    }
    case 'release-step': {
      requireStatus(state, ['in-progress', 'on-hold'], 'releasing a step');
      const step = requireStep(state, event.stepId);
      if (step.status !== 'in-progress')
        refuse('step-not-started', `${step.definition.title} is not in progress.`, { stepId: step.id });
      if (step.ownerUserId !== actor.userId && !mayActAs(actor.roles, 'supervisor')) {
        refuse(
          'not-owner',
          `${step.definition.title} belongs to the operator who started it; only they or a supervisor may release it.`,
          {
            stepId: step.id,
          },
        );
      }
      return [
        {
          kind: 'step-status',
          stepId: step.id,
          from: 'in-progress',
          to: 'pending',
          ownerUserId: null,
          reason: event.reason,
        },
      ];
    }
    case 'complete-step': {
      const step = valueStep(state, actor, event.stepId, 'complete');
      const entry = valueEffects(
        state,
        step,
        actor,
        event.input,
        event.nowMs,
        'complete',
        event.signers,
        event.override,
        event.deviationComment,
        null,
        event.capture,
      );
      const world = [
        ...checkStepEquipment(state, step, event.nowMs),
        ...checkStepMaterial(state, step, entry.value, event.nowMs),
      ];
      return [
        entry,
        ...world,
        {
          kind: 'step-status',
          stepId: step.id,
          from: 'in-progress',
          to: 'completed',
          ownerUserId: actor.userId,
          reason: null,
        },
      ];
    }
    case 'correct-step': {
      const step = valueStep(state, actor, event.stepId, 'correct');
      const entry = valueEffects(
        state,
        step,
        actor,
        event.input,
        event.nowMs,
        'correct',
        event.signers,
        event.override,
        event.deviationComment,
        event.reason,
        event.capture,
      );
      const corrected = applyEffects(state, [entry], actor, event.nowMs);
      return [entry, ...recomputations(corrected, step, actor, event.nowMs)];
    }
    case 'complete-execution': {
      requireStatus(state, ['in-progress'], 'completing execution');
      const open = state.steps.filter((step) => step.status !== 'completed');
      if (open.length > 0) {
        refuse(
          'steps-incomplete',
          `${open.length} step${open.length === 1 ? ' is' : 's are'} not complete: ${open
            .slice(0, 3)
            .map((step) => step.definition.title)
            .join(', ')}${open.length > 3 ? ', …' : ''}.`,
          {
            open: open.map((step) => step.id),
          },
        );
      }
      if (event.signer.meaning !== 'performed' || event.signer.userId !== actor.userId) {
        refuse(
          'signatures-missing',
          'Completing execution is signed "performed" by the person completing it.',
        );
      }
      return [
        { kind: 'batch-status', from: 'in-progress', to: 'execution-complete', reason: null },
        { kind: 'batch-signature', signer: event.signer, reason: null },
        ...releaseEquipment(state, 'Execution complete'),
      ];
    }
  }
}

/**
 * The engine: what an event does to a batch, as the next state and the effects to record. Pure:
 * refusals are thrown as EXECUTION_REFUSED before anything is written.
 */
export function reduce(state: EngineState, event: BatchEvent, nowMs: number): Transition {
  const effects = effectsOf(state, event, nowMs);
  return { state: applyEffects(state, effects, event.actor, nowMs), effects };
}

/** Evaluate without recording: the screen asks before collecting signatures. */
export function preview(
  state: EngineState,
  stepId: string,
  input: StepInput,
  nowMs: number,
  mode: 'complete' | 'correct',
  capture?: ResolvedCapture,
): StepEvaluation {
  const step = requireStep(state, stepId);
  const evaluation = evaluateStep(state, step, input, nowMs, mode, capture);
  if (mode === 'complete') {
    // The registers' refusals come before anyone is asked for a password.
    checkStepEquipment(state, step, nowMs);
    checkStepMaterial(state, step, evaluation.value, nowMs);
  }
  return evaluation;
}
