/**
 * The execution engine alone (no database): every transition of a batch and of a step, with the
 * effects asked for, and every refusal reason of refusal.ts, each leaving the state untouched.
 */
import { describe, expect, it } from 'vitest';
import { applyEffects } from '../../electron/core/batches/engine/apply-effects';
import { checkSignatures, preview, reduce } from '../../electron/core/batches/engine/batch-engine';
import type { BatchEvent, Effect, Override } from '../../electron/core/batches/engine/engine-types';
import { invariantViolations } from '../../electron/core/batches/engine/invariants';
import type { RefusalReason, WorldRefusal } from '../../electron/core/batches/engine/refusal';
import { readySteps } from '../../electron/core/batches/engine/sequence';
import { toUtcIso } from '../../electron/core/clock';
import type { StepInput } from '../../shared/batches/step-input';
import {
  EngineDriver,
  engineTestRecipe,
  expectRefused,
  GS,
  MINUTE,
  newBatch,
  people,
  person,
  refusalOf,
  sampleRecipe,
  signer,
  step,
  T0,
  validInput,
} from '../helpers/engine-fixtures';

const { olga, oscar, sven, sue, quinn, tina } = people;

/** A batch of the engine test recipe, started by olga, with steps complete up to `until`. */
function running(until?: string): EngineDriver {
  const driver = new EngineDriver(newBatch(engineTestRecipe)).start();
  if (until) driver.completeUntil(until);
  return driver;
}

/** As `running`, with `stepId` started by `actor`. */
function started(stepId: string, actor = olga): EngineDriver {
  const driver = running(stepId);
  driver.apply({ type: 'start-step', actor, stepId });
  return driver;
}

function complete(
  driver: EngineDriver,
  stepId: string,
  input: StepInput,
  signers = [] as ReturnType<typeof signer>[],
  extra: { override?: Override; deviationComment?: string; actor?: typeof olga } = {},
) {
  return {
    type: 'complete-step' as const,
    actor: extra.actor ?? olga,
    stepId,
    input,
    nowMs: driver.now,
    signers,
    ...(extra.override ? { override: extra.override } : {}),
    ...(extra.deviationComment !== undefined ? { deviationComment: extra.deviationComment } : {}),
  };
}

const weighing = (net: string, tare?: string): StepInput => ({
  type: 'weighing',
  origin: 'manual',
  net,
  ...(tare === undefined ? {} : { tare }),
});
const numeric = (value: string): StepInput => ({ type: 'numeric', value });
const verifiedByHand = [signer(olga, 'performed'), signer(sven, 'verified')];

function entryOf(effects: Effect[], index = 0): Extract<Effect, { kind: 'entry' }> {
  const entries = effects.filter((effect) => effect.kind === 'entry');
  return entries[index] as Extract<Effect, { kind: 'entry' }>;
}

describe('the batch: created → in progress ⇄ on hold → execution complete, or aborted', () => {
  it('starts a created batch (an operator or a supervisor); its steps stay pending', () => {
    for (const actor of [olga, sven]) {
      const state = newBatch(engineTestRecipe);
      const { state: next, effects } = reduce(state, { type: 'start', actor }, T0);
      expect(effects).toEqual([{ kind: 'batch-status', from: 'created', to: 'in-progress', reason: null }]);
      expect(next.status).toBe('in-progress');
      expect(next.steps.every((candidate) => candidate.status === 'pending')).toBe(true);
      expect(readySteps(next).map((candidate) => candidate.id)).toEqual(['start']);
      expect(invariantViolations(next)).toEqual([]);
    }
  });

  it('refuses to start for someone who does not execute batches (QA, technician)', () => {
    for (const actor of [quinn, tina]) {
      expectRefused(newBatch(engineTestRecipe), { type: 'start', actor }, 'wrong-role');
    }
  });

  it('holds with a reason and resumes; nothing is done on hold', () => {
    const driver = running('w_api');
    driver.apply({ type: 'start-step', actor: olga, stepId: 'w_api' });
    const held = driver.apply({ type: 'hold', actor: olga, reason: 'Balance needs a check' });
    expect(held.effects).toEqual([
      { kind: 'batch-status', from: 'in-progress', to: 'on-hold', reason: 'Balance needs a check' },
    ]);
    // The step in progress stays olga's while the batch waits.
    expect(step(driver.state, 'w_api')).toMatchObject({ status: 'in-progress', ownerUserId: olga.userId });
    expect(readySteps(driver.state)).toEqual([]);
    expectRefused(
      driver.state,
      complete(driver, 'w_api', weighing('2.000'), verifiedByHand),
      'batch-not-active',
    );
    expectRefused(driver.state, { type: 'start-step', actor: olga, stepId: 'side_note' }, 'batch-not-active');
    expectRefused(driver.state, { type: 'hold', actor: olga, reason: 'again' }, 'batch-not-active');
    expectRefused(driver.state, { type: 'start', actor: olga }, 'batch-not-active');
    expectRefused(
      driver.state,
      { type: 'complete-execution', actor: olga, signer: signer(olga, 'performed') },
      'batch-not-active',
    );
    const resumed = driver.apply({ type: 'resume', actor: olga });
    expect(resumed.effects).toEqual([
      { kind: 'batch-status', from: 'on-hold', to: 'in-progress', reason: null },
    ]);
    expectRefused(driver.state, { type: 'resume', actor: olga }, 'wrong-status');
    expect(driver.complete('w_api').state.status).toBe('in-progress');
  });

  it('refuses hold, resume and steps before the batch starts (batch not active)', () => {
    const state = newBatch(engineTestRecipe);
    expectRefused(state, { type: 'hold', actor: olga, reason: 'No' }, 'batch-not-active');
    expectRefused(state, { type: 'resume', actor: olga }, 'batch-not-active');
    expectRefused(state, { type: 'start-step', actor: olga, stepId: 'start' }, 'batch-not-active');
    expectRefused(
      state,
      {
        type: 'complete-step',
        actor: olga,
        stepId: 'start',
        input: { type: 'instruction', acknowledged: true },
        nowMs: T0,
        signers: [],
      },
      'batch-not-active',
    );
    expectRefused(
      state,
      { type: 'release-step', actor: olga, stepId: 'start', reason: 'x' },
      'batch-not-active',
    );
    expectRefused(
      state,
      {
        type: 'correct-step',
        actor: olga,
        stepId: 'start',
        input: { type: 'instruction', acknowledged: true },
        nowMs: T0,
        reason: 'x',
        signers: [signer(olga, 'corrected')],
      },
      'batch-not-active',
    );
  });

  it('aborts a created batch with a supervisor\'s "aborted" signature', () => {
    const { state, effects } = reduce(
      newBatch(engineTestRecipe),
      { type: 'abort', actor: olga, reason: 'Planned in error', signer: signer(sven, 'aborted') },
      T0,
    );
    expect(effects).toEqual([
      { kind: 'batch-status', from: 'created', to: 'aborted', reason: 'Planned in error' },
      { kind: 'batch-signature', signer: signer(sven, 'aborted'), reason: 'Planned in error' },
    ]);
    expect(state.status).toBe('aborted');
    expect(invariantViolations(state)).toEqual([]);
  });

  it('aborts a batch in progress, giving back the steps in progress first', () => {
    const driver = running('w_api');
    driver.apply({ type: 'start-step', actor: olga, stepId: 'w_api' });
    driver.apply({ type: 'start-step', actor: oscar, stepId: 'w_lactose' });
    const { effects, state } = driver.apply({
      type: 'abort',
      actor: sven,
      reason: 'Contamination found',
      signer: signer(sven, 'aborted'),
    });
    expect(effects).toEqual([
      {
        kind: 'step-status',
        stepId: 'w_api',
        from: 'in-progress',
        to: 'pending',
        ownerUserId: null,
        reason: 'Batch aborted',
      },
      {
        kind: 'step-status',
        stepId: 'w_lactose',
        from: 'in-progress',
        to: 'pending',
        ownerUserId: null,
        reason: 'Batch aborted',
      },
      { kind: 'batch-status', from: 'in-progress', to: 'aborted', reason: 'Contamination found' },
      { kind: 'batch-signature', signer: signer(sven, 'aborted'), reason: 'Contamination found' },
    ]);
    expect(state.steps.filter((candidate) => candidate.status === 'in-progress')).toEqual([]);
    expect(step(state, 'start').status).toBe('completed');
    expect(invariantViolations(state)).toEqual([]);
  });

  it('aborts a batch on hold', () => {
    const driver = running('scan_eq');
    driver.apply({ type: 'hold', actor: olga, reason: 'Power cut' });
    const { effects } = driver.apply({
      type: 'abort',
      actor: olga,
      reason: 'Power cut too long',
      signer: signer(sue, 'aborted'),
    });
    expect(effects[0]).toEqual({
      kind: 'batch-status',
      from: 'on-hold',
      to: 'aborted',
      reason: 'Power cut too long',
    });
  });

  it('refuses an abort without a supervisor\'s "aborted" signature', () => {
    const state = running('scan_eq').state;
    const abort = (who: typeof olga, meaning: 'aborted' | 'performed') => ({
      type: 'abort' as const,
      actor: olga,
      reason: 'No',
      signer: signer(who, meaning),
    });
    expectRefused(state, abort(olga, 'aborted'), 'wrong-role');
    expectRefused(state, abort(quinn, 'aborted'), 'wrong-role');
    expectRefused(state, abort(sven, 'performed'), 'wrong-role');
  });

  it('completes execution when every step is complete, signed "performed" by the one completing it', () => {
    const driver = running().completeAll();
    const { effects, state } = driver.apply({
      type: 'complete-execution',
      actor: olga,
      signer: signer(olga, 'performed'),
    });
    expect(effects).toEqual([
      { kind: 'batch-status', from: 'in-progress', to: 'execution-complete', reason: null },
      { kind: 'batch-signature', signer: signer(olga, 'performed'), reason: null },
    ]);
    expect(state.status).toBe('execution-complete');
    expect(invariantViolations(state)).toEqual([]);
  });

  it('refuses to complete execution with steps open (naming them), or without the actor\'s "performed"', () => {
    const driver = running('sup_release');
    const open = expectRefused(
      driver.state,
      { type: 'complete-execution', actor: olga, signer: signer(olga, 'performed') },
      'steps-incomplete',
    );
    expect(open.details.open).toEqual(['sup_release', 'side_note']);
    expect(open.message).toBe('2 steps are not complete: Supervisor sign-off, Note the room.');
    driver.completeAll();
    expectRefused(
      driver.state,
      { type: 'complete-execution', actor: olga, signer: signer(sven, 'performed') },
      'signatures-missing',
    );
    expectRefused(
      driver.state,
      { type: 'complete-execution', actor: olga, signer: signer(olga, 'reviewed') },
      'signatures-missing',
    );
  });

  it('refuses everything but reading on an aborted or execution-complete batch', () => {
    const done = running().completeAll();
    done.apply({ type: 'complete-execution', actor: olga, signer: signer(olga, 'performed') });
    const aborted = running('w_api');
    aborted.apply({ type: 'abort', actor: olga, reason: 'Stop', signer: signer(sven, 'aborted') });
    for (const { state } of [done, aborted]) {
      const events: BatchEvent[] = [
        { type: 'start', actor: olga },
        { type: 'hold', actor: olga, reason: 'x' },
        { type: 'resume', actor: olga },
        { type: 'abort', actor: olga, reason: 'x', signer: signer(sven, 'aborted') },
        { type: 'start-step', actor: olga, stepId: 'w_api' },
        { type: 'release-step', actor: sven, stepId: 'w_api', reason: 'x' },
        complete(done, 'w_api', weighing('2.000'), verifiedByHand),
        {
          type: 'correct-step',
          actor: olga,
          stepId: 'start',
          input: { type: 'instruction', acknowledged: true },
          nowMs: T0,
          reason: 'x',
          signers: [signer(olga, 'corrected')],
        },
        { type: 'complete-execution', actor: olga, signer: signer(olga, 'performed') },
      ];
      for (const event of events) expectRefused(state, event, 'wrong-status');
    }
  });
});

describe('a step: pending → in progress (owned) → completed, or released back', () => {
  it('starts a ready step for its operator, who owns it', () => {
    const driver = running();
    const { effects, state } = driver.apply({ type: 'start-step', actor: olga, stepId: 'start' });
    expect(effects).toEqual([
      {
        kind: 'step-status',
        stepId: 'start',
        from: 'pending',
        to: 'in-progress',
        ownerUserId: olga.userId,
        reason: null,
      },
    ]);
    expect(step(state, 'start')).toMatchObject({ status: 'in-progress', ownerUserId: olga.userId });
  });

  it('refuses a step out of order, naming the steps it waits for', () => {
    const driver = running('checklist');
    const refusal = expectRefused(
      driver.state,
      { type: 'start-step', actor: olga, stepId: 'w_api' },
      'out-of-order',
    );
    expect(refusal.details).toMatchObject({ stepId: 'w_api', missing: ['lot_gs1'] });
    expect(refusal.message).toBe('Weigh the active cannot start before: Scan the active lot.');
    // Completing a pending step out of order is refused the same way.
    expectRefused(driver.state, complete(driver, 'w_api', weighing('2.000'), verifiedByHand), 'out-of-order');
  });

  it('follows declared dependencies (dependsOn) instead of the previous step', () => {
    const driver = running('start');
    driver.complete('start');
    // side_note depends on start only: ready at once, while the checklist is also ready.
    expect(readySteps(driver.state).map((candidate) => candidate.id)).toEqual(['checklist', 'side_note']);
    driver.complete('side_note');
    driver.complete('checklist');
    driver.complete('scan_eq');
    // w_lactose depends on scan_eq alone: it may go before w_api (which waits for lot_gs1).
    expect(readySteps(driver.state).map((candidate) => candidate.id)).toEqual(['lot_gs1', 'w_lactose']);
    driver.complete('w_lactose');
    // speed depends on both weighings: w_lactose done is not enough.
    const refusal = expectRefused(
      driver.state,
      { type: 'start-step', actor: olga, stepId: 'speed' },
      'out-of-order',
    );
    expect(refusal.details.missing).toEqual(['w_api']);
    driver.complete('lot_gs1');
    driver.complete('w_api');
    expect(readySteps(driver.state).map((candidate) => candidate.id)).toEqual(['speed']);
    expect(invariantViolations(driver.state)).toEqual([]);
  });

  it("refuses to start a step that is in progress (someone else's or one's own) or complete", () => {
    const driver = started('checklist');
    expect(
      expectRefused(driver.state, { type: 'start-step', actor: oscar, stepId: 'checklist' }, 'not-owner')
        .message,
    ).toContain('by someone else');
    expect(
      expectRefused(driver.state, { type: 'start-step', actor: olga, stepId: 'checklist' }, 'not-owner')
        .message,
    ).toContain('by you');
    expectRefused(driver.state, { type: 'start-step', actor: olga, stepId: 'start' }, 'already-completed');
    expectRefused(driver.state, { type: 'start-step', actor: olga, stepId: 'no_such' }, 'unknown-step');
  });

  it("refuses a step to someone without its role; a supervisor may do an operator's step", () => {
    const driver = running();
    for (const actor of [quinn, tina]) {
      const refusal = expectRefused(
        driver.state,
        { type: 'start-step', actor, stepId: 'start' },
        'wrong-role',
      );
      expect(refusal.details).toEqual({ reason: 'wrong-role', stepId: 'start', requiredRole: 'operator' });
    }
    expect(
      driver.apply({ type: 'start-step', actor: sven, stepId: 'start' }).state.steps[0]!.ownerUserId,
    ).toBe(sven.userId);
    // A supervisor's own step is not an operator's.
    const late = running('sup_release');
    expectRefused(late.state, { type: 'start-step', actor: olga, stepId: 'sup_release' }, 'wrong-role');
    late.apply({ type: 'start-step', actor: sven, stepId: 'sup_release' });
    // Someone who lost the role after starting cannot complete.
    const demoted = started('scan_eq');
    const olgaNoLonger = { ...olga, roles: ['qa' as const] };
    expectRefused(
      demoted.state,
      complete(demoted, 'scan_eq', { type: 'scan', code: 'EQ-BLD-010' }, [], { actor: olgaNoLonger }),
      'wrong-role',
    );
  });

  it('gives a step back when its owner releases it, with the reason', () => {
    const driver = started('checklist');
    const { effects, state } = driver.apply({
      type: 'release-step',
      actor: olga,
      stepId: 'checklist',
      reason: 'End of shift',
    });
    expect(effects).toEqual([
      {
        kind: 'step-status',
        stepId: 'checklist',
        from: 'in-progress',
        to: 'pending',
        ownerUserId: null,
        reason: 'End of shift',
      },
    ]);
    expect(step(state, 'checklist')).toMatchObject({ status: 'pending', ownerUserId: null });
    // Then anyone with the role may take it.
    driver.apply({ type: 'start-step', actor: oscar, stepId: 'checklist' });
    expect(step(driver.state, 'checklist').ownerUserId).toBe(oscar.userId);
  });

  it("lets a supervisor release someone else's step (also on hold); another operator may not", () => {
    const driver = started('checklist');
    expectRefused(
      driver.state,
      { type: 'release-step', actor: oscar, stepId: 'checklist', reason: 'Mine now' },
      'not-owner',
    );
    driver.apply({ type: 'hold', actor: sven, reason: 'Olga is ill' });
    const { effects } = driver.apply({
      type: 'release-step',
      actor: sven,
      stepId: 'checklist',
      reason: 'Olga went home ill',
    });
    expect(effects[0]).toMatchObject({ kind: 'step-status', to: 'pending', reason: 'Olga went home ill' });
  });

  it('refuses to release a step that is not in progress', () => {
    const driver = running('checklist');
    for (const stepId of ['checklist', 'start']) {
      expectRefused(
        driver.state,
        { type: 'release-step', actor: sven, stepId, reason: 'x' },
        'step-not-started',
      );
    }
  });

  it('refuses to complete a step nobody started, or one owned by someone else', () => {
    const driver = running('checklist');
    const input = validInput(driver.state, 'checklist');
    expectRefused(driver.state, complete(driver, 'checklist', input, verifiedByHand), 'step-not-started');
    driver.apply({ type: 'start-step', actor: olga, stepId: 'checklist' });
    const refusal = expectRefused(
      driver.state,
      complete(driver, 'checklist', input, [signer(oscar, 'performed'), signer(sven, 'verified')], {
        actor: oscar,
      }),
      'not-owner',
    );
    expect(refusal.message).toContain('it is theirs until they release it');
    // Not even a supervisor completes olga's step while it is hers.
    expectRefused(driver.state, complete(driver, 'checklist', input, [], { actor: sven }), 'not-owner');
  });

  it('refuses to complete a step twice: a recorded value changes only by a correction', () => {
    const driver = running('scan_eq');
    driver.complete('scan_eq');
    const refusal = expectRefused(
      driver.state,
      complete(driver, 'scan_eq', { type: 'scan', code: 'EQ-BLD-010' }),
      'already-completed',
    );
    expect(refusal.message).toContain('signed correction with a reason');
  });
});

describe('completing each step type', () => {
  it('instruction: acknowledged, no signature', () => {
    const driver = started('start');
    const { effects, state } = driver.apply(
      complete(driver, 'start', { type: 'instruction', acknowledged: true }),
    );
    expect(effects).toEqual([
      {
        kind: 'entry',
        ref: 0,
        stepId: 'start',
        entryKind: 'original',
        value: { type: 'instruction', acknowledged: true },
        origin: 'manual',
        withinLimits: null,
        reason: null,
        signers: [],
        exceptions: [],
      },
      {
        kind: 'step-status',
        stepId: 'start',
        from: 'in-progress',
        to: 'completed',
        ownerUserId: olga.userId,
        reason: null,
      },
    ]);
    expect(step(state, 'start')).toMatchObject({
      status: 'completed',
      completedAtMs: T0,
      performerUserId: olga.userId,
      origin: 'manual',
    });
  });

  it('check: every item ticked, performed and verified by a second person', () => {
    const driver = started('checklist');
    const { effects } = driver.apply(
      complete(driver, 'checklist', { type: 'check', checked: [true, true, true] }, verifiedByHand),
    );
    expect(entryOf(effects)).toMatchObject({
      value: {
        type: 'check',
        items: [
          { text: 'Room empty', checked: true },
          { text: 'Blender clean', checked: true },
          { text: 'Balance checked', checked: true },
        ],
      },
      signers: verifiedByHand,
      exceptions: [],
    });
  });

  it('scan: the expected code, and a GS1 code matched by pattern with its group separators kept', () => {
    const driver = started('scan_eq');
    expect(
      entryOf(driver.apply(complete(driver, 'scan_eq', { type: 'scan', code: 'EQ-BLD-010' })).effects).value,
    ).toEqual({ type: 'scan', code: 'EQ-BLD-010', expected: { code: 'EQ-BLD-010' } });
    driver.apply({ type: 'start-step', actor: olga, stepId: 'lot_gs1' });
    const code = `0109501101530008${GS}10LOT42`;
    const { effects } = driver.apply(complete(driver, 'lot_gs1', { type: 'scan', code }));
    expect(entryOf(effects).value).toEqual({
      type: 'scan',
      code,
      expected: { pattern: `01[0-9]{14}${GS}10[A-Z0-9]{1,20}` },
    });
  });

  it('weighing: net against target ± tolerance, tare kept, a manual entry verified by a second person and recorded as an exception', () => {
    const driver = started('w_api');
    const evaluation = preview(driver.state, 'w_api', weighing('2.004', '0.350'), driver.now, 'complete');
    expect(evaluation).toMatchObject({
      withinLimits: true,
      violation: null,
      manualWhereInstrumentExpected: true,
    });
    expect(
      evaluation.requiredSignatures.map((need) => [need.meaning, need.role, need.distinctFromPerformer]),
    ).toEqual([
      ['performed', 'operator', false],
      ['verified', 'supervisor', true],
    ]);
    const { effects } = driver.apply(complete(driver, 'w_api', weighing('2.004', '0.350'), verifiedByHand));
    expect(entryOf(effects)).toEqual({
      kind: 'entry',
      ref: 0,
      stepId: 'w_api',
      entryKind: 'original',
      value: {
        type: 'weighing',
        material: 'RM-0100',
        net: 2.004,
        text: '2.004',
        tare: 0.35,
        unit: 'kg',
        limits: { min: 1.99, target: 2, max: 2.01 },
      },
      origin: 'manual',
      withinLimits: true,
      reason: null,
      signers: verifiedByHand,
      exceptions: [
        {
          stepId: 'w_api',
          type: 'manual-entry',
          handling: 'record',
          severity: 'minor',
          description:
            'Weigh the active: 2.004 kg net (tare 0.350 kg) entered by hand by Olga; no instrument captured it.',
          comment: '',
        },
      ],
    });
  });

  it('weighing: targets scale with the planned quantity (half a batch, half the targets)', () => {
    const driver = new EngineDriver(newBatch(engineTestRecipe, 5)).start().completeUntil('w_api');
    driver.apply({ type: 'start-step', actor: olga, stepId: 'w_api' });
    const half = preview(driver.state, 'w_api', weighing('1.002'), driver.now, 'complete');
    expect(half.value).toMatchObject({ limits: { min: 0.995, target: 1, max: 1.005 } });
    expect(half.withinLimits).toBe(true);
    expect(preview(driver.state, 'w_api', weighing('2.000'), driver.now, 'complete').withinLimits).toBe(
      false,
    );
  });

  it("numeric: the typed text at the step's decimals, with unit and limits", () => {
    const driver = running('speed');
    driver.complete('speed');
    driver.apply({ type: 'start-step', actor: olga, stepId: 'pressure' });
    const { effects } = driver.apply(complete(driver, 'pressure', numeric('1.5')));
    expect(entryOf(effects)).toMatchObject({
      value: { type: 'numeric', value: 1.5, text: '1.5', unit: 'bar', limits: { min: 1, max: 2 } },
      withinLimits: true,
      signers: [],
      exceptions: [],
    });
    // Fewer decimals than the step's are padded: "2" is recorded as 2.0.
    const other = running('pressure');
    other.apply({ type: 'start-step', actor: olga, stepId: 'pressure' });
    expect(entryOf(other.apply(complete(other, 'pressure', numeric('2'))).effects).value).toMatchObject({
      value: 2,
      text: '2.0',
    });
  });

  it('measurement from an instrument entered by hand: verified by a supervisor, recorded as manual entry', () => {
    const driver = started('ph');
    const evaluation = preview(
      driver.state,
      'ph',
      { type: 'measurement', origin: 'manual', value: '7.02' },
      driver.now,
      'complete',
    );
    expect(evaluation.manualWhereInstrumentExpected).toBe(true);
    expect(evaluation.requiredSignatures).toEqual([
      expect.objectContaining({ meaning: 'verified', role: 'supervisor', distinctFromPerformer: true }),
    ]);
    expect(evaluation.requiredSignatures[0]!.why).toContain('211.101(c)');
    const input: StepInput = { type: 'measurement', origin: 'manual', value: '7.02' };
    expectRefused(driver.state, complete(driver, 'ph', input), 'signatures-missing');
    const { effects } = driver.apply(complete(driver, 'ph', input, [signer(sven, 'verified')]));
    expect(entryOf(effects)).toMatchObject({
      value: { type: 'measurement', quantity: 'pH', value: 7.02, text: '7.02', unit: 'pH' },
      withinLimits: true,
      signers: [signer(sven, 'verified')],
      exceptions: [{ type: 'manual-entry', handling: 'record', severity: 'minor' }],
    });
  });

  it('measurement where manual entry is allowed: no extra signature, no exception', () => {
    const driver = started('temp');
    const { effects } = driver.apply(
      complete(driver, 'temp', { type: 'measurement', origin: 'manual', value: '21.4' }),
    );
    expect(entryOf(effects)).toMatchObject({ withinLimits: true, signers: [], exceptions: [] });
  });

  it('timer: measured from the completion of its start step, by the clock', () => {
    const driver = running('mix_time');
    const speedDone = step(driver.state, 'speed').completedAtMs!;
    driver.apply({ type: 'start-step', actor: olga, stepId: 'mix_time' });
    driver.now = speedDone + 11 * MINUTE;
    const { effects } = driver.apply(complete(driver, 'mix_time', { type: 'timer' }));
    expect(entryOf(effects)).toMatchObject({
      value: {
        type: 'timer',
        startedAtUtc: toUtcIso(speedDone),
        stoppedAtUtc: toUtcIso(speedDone + 11 * MINUTE),
        elapsedMinutes: 11,
        limits: { min: 10, max: 12 },
      },
      origin: 'clock',
      withinLimits: true,
      exceptions: [],
    });
  });

  it('calculation: computed from the recorded values (never typed), shown with its inputs and reviewed', () => {
    const driver = running('total');
    driver.complete('total');
    driver.apply({ type: 'start-step', actor: olga, stepId: 'api_share' });
    const input: StepInput = { type: 'calculation' };
    expectRefused(driver.state, complete(driver, 'api_share', input), 'signatures-missing');
    const { effects } = driver.apply(complete(driver, 'api_share', input, [signer(sven, 'reviewed')]));
    expect(entryOf(effects)).toMatchObject({
      value: {
        type: 'calculation',
        value: 20,
        text: '20.00',
        unit: '%',
        formula: 'w_api / total * 100',
        inputs: { w_api: 2, total: 10 },
        limits: { min: 19.8, target: 20, max: 20.2 },
      },
      origin: 'computed',
      withinLimits: true,
      signers: [signer(sven, 'reviewed')],
    });
  });
});

describe('limits: block (override by a supervisor) or deviation (with a comment)', () => {
  it('blocks an out-of-limit value without an override', () => {
    const driver = running('pressure');
    driver.apply({ type: 'start-step', actor: olga, stepId: 'pressure' });
    const refusal = expectRefused(
      driver.state,
      complete(driver, 'pressure', numeric('2.5')),
      'limit-violation',
    );
    expect(refusal.details).toMatchObject({
      stepId: 'pressure',
      handling: 'block',
      violation: 'Air pressure: 2.5 bar is outside 1.0 – 2.0 bar.',
    });
    expect(refusal.message).toContain("supervisor's override");
  });

  it('records a blocked value overridden by a supervisor as an exception signed "overridden"', () => {
    const driver = running('pressure');
    driver.apply({ type: 'start-step', actor: olga, stepId: 'pressure' });
    const override = {
      signer: signer(sven, 'overridden'),
      reason: 'Gauge reads high; confirmed by spare gauge',
    };
    const { effects } = driver.apply(complete(driver, 'pressure', numeric('2.5'), [], { override }));
    expect(entryOf(effects)).toMatchObject({
      withinLimits: false,
      signers: [],
      exceptions: [
        {
          stepId: 'pressure',
          type: 'out-of-limit',
          handling: 'override',
          severity: 'major',
          description: 'Air pressure: 2.5 bar is outside 1.0 – 2.0 bar.',
          comment: 'Gauge reads high; confirmed by spare gauge',
          overrideSigner: signer(sven, 'overridden'),
        },
      ],
    });
  });

  it('refuses an override signed by a non-supervisor, with another meaning, or by the actor', () => {
    const driver = running('pressure');
    driver.apply({ type: 'start-step', actor: olga, stepId: 'pressure' });
    const attempt = (override: Override, actor = olga) =>
      complete(driver, 'pressure', numeric('2.5'), [], { override, actor });
    expectRefused(driver.state, attempt({ signer: signer(oscar, 'overridden'), reason: 'ok' }), 'wrong-role');
    expectRefused(driver.state, attempt({ signer: signer(quinn, 'overridden'), reason: 'ok' }), 'wrong-role');
    expectRefused(driver.state, attempt({ signer: signer(sven, 'verified'), reason: 'ok' }), 'wrong-role');
    // A supervisor doing the step cannot override their own value.
    const own = running('pressure');
    own.apply({ type: 'start-step', actor: sven, stepId: 'pressure' });
    expectRefused(
      own.state,
      complete(own, 'pressure', numeric('2.5'), [], {
        actor: sven,
        override: { signer: signer(sven, 'overridden'), reason: 'ok' },
      }),
      'same-person',
    );
    // A blocked value is overridden, not recorded as a deviation.
    expectRefused(
      driver.state,
      complete(driver, 'pressure', numeric('2.5'), [], {
        override: { signer: signer(sven, 'overridden'), reason: 'ok' },
        deviationComment: 'Also a deviation',
      }),
      'unexpected-override',
    );
  });

  it('records a deviation with its comment; refuses it without one', () => {
    const driver = started('speed');
    const refusal = expectRefused(
      driver.state,
      complete(driver, 'speed', numeric('15')),
      'deviation-comment-required',
    );
    expect(refusal.details).toMatchObject({
      handling: 'deviation',
      violation: 'Blender speed: 15 rpm is outside 10 – 14 rpm (target 12).',
    });
    expectRefused(
      driver.state,
      complete(driver, 'speed', numeric('15'), [], { deviationComment: '  x ' }),
      'deviation-comment-required',
    );
    // A deviation needs no override.
    expectRefused(
      driver.state,
      complete(driver, 'speed', numeric('15'), [], {
        override: { signer: signer(sven, 'overridden'), reason: 'ok' },
        deviationComment: 'Dial stuck',
      }),
      'unexpected-override',
    );
    const { effects } = driver.apply(
      complete(driver, 'speed', numeric('15'), [], { deviationComment: '  Speed dial stuck; adjusted  ' }),
    );
    expect(entryOf(effects)).toMatchObject({
      withinLimits: false,
      exceptions: [
        {
          stepId: 'speed',
          type: 'out-of-limit',
          handling: 'deviation',
          severity: 'minor',
          description: 'Blender speed: 15 rpm is outside 10 – 14 rpm (target 12).',
          comment: 'Speed dial stuck; adjusted',
        },
      ],
    });
    expect(entryOf(effects).exceptions[0]).not.toHaveProperty('overrideSigner');
  });

  it('refuses an override or a deviation comment for a value within limits', () => {
    const driver = started('speed');
    expectRefused(
      driver.state,
      complete(driver, 'speed', numeric('12'), [], {
        override: { signer: signer(sven, 'overridden'), reason: 'ok' },
      }),
      'unexpected-override',
    );
    expectRefused(
      driver.state,
      complete(driver, 'speed', numeric('12'), [], { deviationComment: 'Nothing wrong' }),
      'unexpected-override',
    );
  });

  it('refuses a timer before its minimum, telling the time remaining', () => {
    const driver = running('mix_time');
    const from = step(driver.state, 'speed').completedAtMs!;
    driver.apply({ type: 'start-step', actor: olga, stepId: 'mix_time' });
    driver.now = from + 9 * MINUTE + 30_000;
    const refusal = expectRefused(
      driver.state,
      complete(driver, 'mix_time', { type: 'timer' }),
      'timer-not-elapsed',
      driver.now,
    );
    expect(refusal.details).toEqual({ reason: 'timer-not-elapsed', stepId: 'mix_time', remainingMs: 30_000 });
    expect(refusal.message).toBe('Mix time cannot complete before 10 min; 0.5 min remain.');
  });

  it('a timer over its maximum is an exception as the recipe says: blocked (override, critical) …', () => {
    const driver = running('mix_time');
    const from = step(driver.state, 'speed').completedAtMs!;
    driver.apply({ type: 'start-step', actor: olga, stepId: 'mix_time' });
    driver.now = from + 13 * MINUTE;
    const refusal = expectRefused(
      driver.state,
      complete(driver, 'mix_time', { type: 'timer' }),
      'limit-violation',
    );
    expect(refusal.details.violation).toBe('Mix time: 13.0 min is outside 10 – 12 min.');
    const { effects } = driver.apply(
      complete(driver, 'mix_time', { type: 'timer' }, [], {
        override: { signer: signer(sven, 'overridden'), reason: 'Blender stop button failed' },
      }),
    );
    expect(entryOf(effects).exceptions).toEqual([
      {
        stepId: 'mix_time',
        type: 'timer-exceeded',
        handling: 'override',
        severity: 'critical',
        description: 'Mix time: 13.0 min is outside 10 – 12 min.',
        comment: 'Blender stop button failed',
        overrideSigner: signer(sven, 'overridden'),
      },
    ]);
  });

  it('… or a deviation with a comment', () => {
    const driver = running('rest_time');
    const from = step(driver.state, 'mix_time').completedAtMs!;
    driver.apply({ type: 'start-step', actor: olga, stepId: 'rest_time' });
    driver.now = from + 6 * MINUTE;
    expectRefused(
      driver.state,
      complete(driver, 'rest_time', { type: 'timer' }),
      'deviation-comment-required',
    );
    const { effects } = driver.apply(
      complete(driver, 'rest_time', { type: 'timer' }, [], { deviationComment: 'Called away' }),
    );
    expect(entryOf(effects).exceptions).toEqual([
      {
        stepId: 'rest_time',
        type: 'timer-exceeded',
        handling: 'deviation',
        severity: 'minor',
        description: 'Rest time: 6.0 min is outside ≤ 5 min.',
        comment: 'Called away',
      },
    ]);
  });
});

describe('entries the engine refuses', () => {
  it('refuses an entry for another step type', () => {
    const driver = started('w_api');
    const refusal = expectRefused(driver.state, complete(driver, 'w_api', numeric('2.000')), 'wrong-input');
    expect(refusal.message).toBe(
      'Weigh the active is a weighing step; the entry given is for a numeric step.',
    );
    expectRefused(driver.state, complete(driver, 'w_api', { type: 'calculation' }), 'wrong-input');
  });

  it('refuses more decimals than the step records, and text that is not a plain decimal number', () => {
    const driver = started('w_api');
    const refusal = expectRefused(
      driver.state,
      complete(driver, 'w_api', weighing('2.0041'), verifiedByHand),
      'invalid-value',
    );
    expect(refusal.message).toBe('Weigh the active is recorded with 3 decimals; 2.0041 has 4.');
    expectRefused(
      driver.state,
      complete(driver, 'w_api', weighing('2.000', '0.1234'), verifiedByHand),
      'invalid-value',
    );
    for (const text of ['abc', '', ' ', '1e0', '0x2', 'Infinity', '2,000']) {
      expectRefused(driver.state, complete(driver, 'w_api', weighing(text), verifiedByHand), 'invalid-value');
    }
    expectRefused(
      driver.state,
      complete(driver, 'w_api', weighing('0.000'), verifiedByHand),
      'invalid-value',
    );
    expectRefused(
      driver.state,
      complete(driver, 'w_api', weighing('-2.000'), verifiedByHand),
      'invalid-value',
    );
    expectRefused(
      driver.state,
      complete(driver, 'w_api', weighing('2.000', '-0.100'), verifiedByHand),
      'invalid-value',
    );
    const speed = running('speed');
    speed.apply({ type: 'start-step', actor: olga, stepId: 'speed' });
    expect(
      expectRefused(speed.state, complete(speed, 'speed', numeric('12.0')), 'invalid-value').message,
    ).toBe('Blender speed is recorded with 0 decimals; 12.0 has 1.');
  });

  it('refuses a checklist with an item not ticked, or with the wrong number of items', () => {
    const driver = started('checklist');
    const refusal = expectRefused(
      driver.state,
      complete(driver, 'checklist', { type: 'check', checked: [true, false, true] }, verifiedByHand),
      'checklist-incomplete',
    );
    expect(refusal.message).toBe('Tick every item of Line clearance: "Blender clean" is not ticked.');
    expect(
      expectRefused(
        driver.state,
        complete(driver, 'checklist', { type: 'check', checked: [true, true] }, verifiedByHand),
        'checklist-incomplete',
      ).message,
    ).toBe('Tick every item of Line clearance: "Balance checked" is not ticked.');
    expect(
      expectRefused(
        driver.state,
        complete(driver, 'checklist', { type: 'check', checked: [true, true, true, true] }, verifiedByHand),
        'checklist-incomplete',
      ).message,
    ).toBe('Line clearance has 3 items; 4 were ticked.');
  });

  it('refuses a scan that is not the expected code, or does not match the pattern', () => {
    const driver = started('scan_eq');
    const byCode = expectRefused(
      driver.state,
      complete(driver, 'scan_eq', { type: 'scan', code: 'EQ-BLD-011' }),
      'scan-mismatch',
    );
    expect(byCode.message).toBe(
      'Identify the blender: scanned EQ-BLD-011, expected EQ-BLD-010. Check that you have the right item.',
    );
    const lot = running('lot_gs1');
    lot.apply({ type: 'start-step', actor: olga, stepId: 'lot_gs1' });
    // Without the group separator the GS1 element strings run together: not the pattern.
    expectRefused(
      lot.state,
      complete(lot, 'lot_gs1', { type: 'scan', code: '010950110153000810LOT42' }),
      'scan-mismatch',
    );
    const byPattern = expectRefused(
      lot.state,
      complete(lot, 'lot_gs1', { type: 'scan', code: `01095011015300${GS}10LOT42` }),
      'scan-mismatch',
    );
    // The separator is shown readably, never as a raw control character.
    expect(byPattern.message).toContain('scanned 01095011015300<GS>10LOT42, expected a code matching');
    expect(byPattern.message).toBe(
      'Scan the active lot: scanned 01095011015300<GS>10LOT42, expected a code matching 01[0-9]{14}<GS>10[A-Z0-9]{1,20}. Check that you have the right item.',
    );
  });
});

describe('signatures asked for by the recipe (P11-10g, R211-101c)', () => {
  it('refuses when signatures are missing, naming them', () => {
    const driver = started('w_api');
    const refusal = expectRefused(
      driver.state,
      complete(driver, 'w_api', weighing('2.000')),
      'signatures-missing',
    );
    expect(refusal.details.missing).toEqual([
      '"performed" by an operator (the performer)',
      '"verified" by a supervisor other than the performer',
    ]);
    // The performer's signature by someone else does not count as the performer's.
    expectRefused(
      driver.state,
      complete(driver, 'w_api', weighing('2.000'), [signer(oscar, 'performed'), signer(sven, 'verified')]),
      'signatures-missing',
    );
    // A verification by someone without the role (another operator) is missing, not "same person".
    expectRefused(
      driver.state,
      complete(driver, 'w_api', weighing('2.000'), [signer(olga, 'performed'), signer(oscar, 'verified')]),
      'signatures-missing',
    );
  });

  it('refuses the performer as their own verifier (same person)', () => {
    const driver = running('w_api');
    driver.apply({ type: 'start-step', actor: sven, stepId: 'w_api' });
    const refusal = expectRefused(
      driver.state,
      complete(driver, 'w_api', weighing('2.000'), [signer(sven, 'performed'), signer(sven, 'verified')], {
        actor: sven,
      }),
      'same-person',
    );
    expect(refusal.details.meaning).toBe('verified');
    expect(refusal.message).toContain('must be by a second person');
    // Another supervisor verifies.
    driver.apply(
      complete(driver, 'w_api', weighing('2.000'), [signer(sven, 'performed'), signer(sue, 'verified')], {
        actor: sven,
      }),
    );
    expect(step(driver.state, 'w_api').status).toBe('completed');
  });

  it('refuses signatures not asked for, and one signature given twice', () => {
    const driver = started('scan_eq');
    const refusal = expectRefused(
      driver.state,
      complete(driver, 'scan_eq', { type: 'scan', code: 'EQ-BLD-010' }, [signer(sven, 'verified')]),
      'unexpected-signature',
    );
    expect(refusal.details.meaning).toBe('verified');
    const weigh = started('w_api');
    expectRefused(
      weigh.state,
      complete(weigh, 'w_api', weighing('2.000'), [...verifiedByHand, signer(sue, 'verified')]),
      'unexpected-signature',
    );
  });

  it('checkSignatures matches each requirement to one signer, in any order', () => {
    const required = preview(
      started('w_api').state,
      'w_api',
      weighing('2.000'),
      T0,
      'complete',
    ).requiredSignatures;
    expect(() =>
      checkSignatures(required, [signer(sven, 'verified'), signer(olga, 'performed')], olga, olga.userId),
    ).not.toThrow();
    const both = person('Bo', ['operator', 'supervisor']);
    // Someone with both roles still cannot verify their own weighing.
    expect(() =>
      checkSignatures(required, [signer(both, 'performed'), signer(both, 'verified')], both, both.userId),
    ).toThrow(/second person/);
  });
});

describe('corrections (A11-8.2): the original stays, dependent calculations recompute', () => {
  /** Every step complete up to sup_release: both calculations recorded. */
  function calculated(): EngineDriver {
    return running('sup_release');
  }

  it('corrects a weighing with a reason and signatures, and recomputes the calculation chain', () => {
    const driver = calculated();
    const evaluation = preview(driver.state, 'w_lactose', weighing('8.040'), driver.now, 'correct');
    expect(evaluation.requiredSignatures.map((need) => [need.meaning, need.role, need.byActor])).toEqual([
      ['corrected', 'operator', true],
      ['verified', 'supervisor', false],
    ]);
    const { effects, state } = driver.apply({
      type: 'correct-step',
      actor: oscar,
      stepId: 'w_lactose',
      input: weighing('8.040'),
      nowMs: driver.now,
      reason: 'Transcription error',
      signers: [signer(oscar, 'corrected'), signer(sven, 'verified')],
    });
    expect(
      effects.map((effect) =>
        effect.kind === 'entry' ? [effect.stepId, effect.entryKind, effect.ref] : effect.kind,
      ),
    ).toEqual([
      ['w_lactose', 'correction', 0],
      ['total', 'recomputed', 1],
      ['api_share', 'recomputed', 2],
    ]);
    expect(entryOf(effects, 0)).toMatchObject({
      reason: 'Transcription error',
      signers: [signer(oscar, 'corrected'), signer(sven, 'verified')],
      value: { net: 8.04, text: '8.040' },
      exceptions: [{ type: 'manual-entry', handling: 'record' }],
    });
    expect(entryOf(effects, 1)).toMatchObject({
      value: { value: 10.04, text: '10.040', inputs: { w_api: 2, w_lactose: 8.04 } },
      origin: 'computed',
      withinLimits: true,
      reason: 'Recomputed after the correction of Weigh the filler',
      signers: [],
      exceptions: [],
    });
    // The chain: api_share reads the recomputed total, not the old one.
    expect(entryOf(effects, 2)).toMatchObject({
      value: { value: 19.92, text: '19.92', inputs: { w_api: 2, total: 10.04 } },
      withinLimits: true,
    });
    // The corrector is the performer now; the calculations keep theirs; statuses do not move.
    expect(step(state, 'w_lactose')).toMatchObject({ status: 'completed', performerUserId: oscar.userId });
    expect(step(state, 'api_share').performerUserId).toBe(olga.userId);
    expect(effects.some((effect) => effect.kind === 'step-status')).toBe(false);
    expect(invariantViolations(state)).toEqual([]);
  });

  it('flags recomputed values that leave their limits (type recomputed-out-of-limit, handling record)', () => {
    const driver = calculated();
    const { effects } = driver.apply({
      type: 'correct-step',
      actor: olga,
      stepId: 'w_lactose',
      input: weighing('7.000'),
      nowMs: driver.now,
      reason: 'Half a bag was not tipped',
      signers: [signer(olga, 'corrected'), signer(sven, 'verified')],
      override: { signer: signer(sue, 'overridden'), reason: 'Blend adjusted by the formulation team' },
    });
    expect(entryOf(effects, 0).exceptions.map((exception) => [exception.type, exception.handling])).toEqual([
      ['out-of-limit', 'override'],
      ['manual-entry', 'record'],
    ]);
    expect(entryOf(effects, 1).exceptions).toEqual([
      {
        stepId: 'total',
        type: 'recomputed-out-of-limit',
        handling: 'record',
        severity: 'major',
        description: 'Total dispensed: 9.000 kg is outside 9.900 – 10.100 kg.',
        comment: 'Recomputed after the correction of Weigh the filler',
      },
    ]);
    expect(entryOf(effects, 2)).toMatchObject({
      value: { value: 22.22 },
      withinLimits: false,
      exceptions: [
        { stepId: 'api_share', type: 'recomputed-out-of-limit', handling: 'record', severity: 'critical' },
      ],
    });
  });

  it('recomputes only calculations already complete', () => {
    const driver = running('api_share');
    const { effects } = driver.apply({
      type: 'correct-step',
      actor: olga,
      stepId: 'w_api',
      input: weighing('2.009'),
      nowMs: driver.now,
      reason: 'Misread',
      signers: [signer(olga, 'corrected'), signer(sven, 'verified')],
    });
    expect(effects.map((effect) => effect.kind === 'entry' && effect.stepId)).toEqual(['w_api', 'total']);
    driver.complete('api_share');
    expect(step(driver.state, 'api_share').value).toMatchObject({ inputs: { w_api: 2.009, total: 10.009 } });
  });

  it("keeps the recipe's second-person check on a corrected value (A11-6)", () => {
    const driver = running('scan_eq');
    const correction = (signers: ReturnType<typeof signer>[]) => ({
      type: 'correct-step' as const,
      actor: olga,
      stepId: 'checklist',
      input: { type: 'check' as const, checked: [true, true, true] },
      nowMs: driver.now,
      reason: 'Re-checked after a spill',
      signers,
    });
    expectRefused(driver.state, correction([signer(olga, 'corrected')]), 'signatures-missing');
    expectRefused(
      driver.state,
      correction([signer(olga, 'corrected'), signer(olga, 'verified')]),
      'same-person',
    );
    const { effects } = driver.apply(correction([signer(olga, 'corrected'), signer(sven, 'verified')]));
    expect(entryOf(effects)).toMatchObject({ entryKind: 'correction', reason: 'Re-checked after a spill' });
  });

  it("corrects a numeric value with only the corrector's signature when the recipe asks none", () => {
    const driver = running('pressure');
    const { effects } = driver.apply({
      type: 'correct-step',
      actor: oscar,
      stepId: 'speed',
      input: numeric('13'),
      nowMs: driver.now,
      reason: 'Read the wrong dial',
      signers: [signer(oscar, 'corrected')],
    });
    expect(entryOf(effects)).toMatchObject({
      entryKind: 'correction',
      value: { value: 13 },
      signers: [signer(oscar, 'corrected')],
      exceptions: [],
    });
    // A corrected value out of limits is handled like an original one.
    expectRefused(
      driver.state,
      {
        type: 'correct-step',
        actor: oscar,
        stepId: 'speed',
        input: numeric('16'),
        nowMs: driver.now,
        reason: 'Read the wrong dial',
        signers: [signer(oscar, 'corrected')],
      },
      'deviation-comment-required',
    );
  });

  it('refuses corrections of steps without a typed value, of steps not complete, by the wrong role, and unsigned', () => {
    const driver = running('sup_release');
    const correct = (
      stepId: string,
      input: StepInput,
      actor = olga,
      signers = [signer(actor, 'corrected')],
    ) => ({
      type: 'correct-step' as const,
      actor,
      stepId,
      input,
      nowMs: driver.now,
      reason: 'Wrong',
      signers,
    });
    expectRefused(
      driver.state,
      correct('start', { type: 'instruction', acknowledged: true }),
      'not-correctable',
    );
    expectRefused(driver.state, correct('mix_time', { type: 'timer' }), 'not-correctable');
    expectRefused(driver.state, correct('total', { type: 'calculation' }), 'not-correctable');
    expectRefused(
      driver.state,
      correct('sup_release', { type: 'instruction', acknowledged: true }),
      'not-completed',
    );
    expectRefused(driver.state, correct('speed', numeric('12'), quinn), 'wrong-role');
    expectRefused(driver.state, correct('speed', numeric('12'), olga, []), 'signatures-missing');
    expectRefused(
      driver.state,
      correct('speed', numeric('12'), olga, [signer(oscar, 'corrected')]),
      'signatures-missing',
    );
    expectRefused(driver.state, correct('speed', numeric('12.5')), 'invalid-value');
    expectRefused(driver.state, correct('speed', weighing('12')), 'wrong-input');
    expectRefused(driver.state, correct('nope', numeric('12')), 'unknown-step');
  });

  it('refuses corrections when the batch is not in progress', () => {
    const held = running('pressure');
    held.apply({ type: 'hold', actor: olga, reason: 'Break' });
    const correction = (driver: EngineDriver) => ({
      type: 'correct-step' as const,
      actor: olga,
      stepId: 'speed',
      input: numeric('12'),
      nowMs: driver.now,
      reason: 'Wrong',
      signers: [signer(olga, 'corrected')],
    });
    expectRefused(held.state, correction(held), 'batch-not-active');
    const done = running().completeAll();
    done.apply({ type: 'complete-execution', actor: olga, signer: signer(olga, 'performed') });
    expectRefused(done.state, correction(done), 'wrong-status');
  });
});

describe('the sample recipes run to execution complete', () => {
  for (const file of ['demo-tablet-blend.json', 'wet-granulation-blend.json'] as const) {
    it(`${file}: every step in order, every state valid, reduce = applyEffects`, () => {
      const driver = new EngineDriver(newBatch(sampleRecipe(file))).start();
      for (const candidate of driver.state.steps) {
        const { effects, state: next } = driver.complete(candidate.id);
        const actor = driver.actorFor(candidate.id);
        expect(applyEffects(driver.before, effects, actor, driver.now)).toEqual(next);
        expect(invariantViolations(next)).toEqual([]);
      }
      driver.apply({ type: 'complete-execution', actor: olga, signer: signer(olga, 'performed') });
      expect(driver.state.status).toBe('execution-complete');
      expect(invariantViolations(driver.state)).toEqual([]);
    });
  }

  it('covers every refusal reason the engine has', () => {
    // The reasons asserted in this file, kept in step with refusal.ts by the type below.
    const covered: Record<Exclude<RefusalReason, WorldRefusal>, true> = {
      'batch-not-active': true,
      'wrong-status': true,
      'unknown-step': true,
      'out-of-order': true,
      'step-not-started': true,
      'not-owner': true,
      'wrong-role': true,
      'already-completed': true,
      'not-completed': true,
      'not-correctable': true,
      'wrong-input': true,
      'invalid-value': true,
      'checklist-incomplete': true,
      'scan-mismatch': true,
      'timer-not-elapsed': true,
      'limit-violation': true,
      'deviation-comment-required': true,
      'unexpected-override': true,
      'signatures-missing': true,
      'unexpected-signature': true,
      'same-person': true,
      'steps-incomplete': true,
    };
    expect(Object.keys(covered)).toHaveLength(22);
    expect(refusalOf(newBatch(engineTestRecipe), { type: 'resume', actor: olga }).reason).toBe(
      'batch-not-active',
    );
  });
});
