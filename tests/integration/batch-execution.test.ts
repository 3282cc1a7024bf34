/**
 * Batch execution over a real encrypted store, through connections as the renderer calls it
 * (P11-10f, P11-10g, A11-6, A11-8.2, A11-12.4, R211-101c): who may do what, batch numbers, only an
 * effective recipe version starts a batch, scaled weighing targets, training batches, hold, resume
 * and abort, step ownership, comments, the supervisor's open exceptions, the audit rows of every
 * change, append-only tables, signatures that break when a value is changed behind the
 * application's back, and failed signature passwords counting toward lockout.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionHub } from '../../electron/core/connections';
import { SessionRegistry } from '../../electron/core/identity/sessions';
import { createServices, type Services } from '../../electron/core/services';
import type { AuditVerificationReport } from '../../shared/contract/audit';
import type { BatchExceptionView, BatchSummary, BatchView, StepPreview } from '../../shared/contract/batches';
import type { RecipeVersionView } from '../../shared/contract/recipes';
import type { Result } from '../../shared/errors';
import { batchFloor, createBatch, SAMPLE_RECIPES, type BatchFloor } from '../helpers/batch-setup';
import {
  activeUser,
  auditRowsAfter,
  expectError,
  json,
  lastAuditSeq,
  updateSettings,
  value,
  type AuditRowText,
  type SignedInUser,
} from '../helpers/identity';
import { openRaw } from '../helpers/tamper';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

let floor: BatchFloor;
let tina: SignedInUser;
let direct: Services;
let demo: RecipeVersionView;

beforeAll(async () => {
  floor = await batchFloor();
  tina = await activeUser(floor.fresh.app, floor.admin, 'tina', ['technician']);
  demo = floor.recipes['demo-tablet-blend.json']!;
  direct = createServices(
    floor.fresh.app.runtime!,
    floor.fresh.clock,
    new ConnectionHub(),
    new SessionRegistry(),
  );
}, 120_000);
afterAll(async () => floor?.fresh.cleanup());

const self = (who: SignedInUser) => ({ kind: 'self' as const, password: who.password });
const cosign = (who: SignedInUser) => ({
  kind: 'cosigner' as const,
  username: who.user.username,
  password: who.password,
});
const sqlite = () => floor.fresh.app.runtime!.store.sqlite;

function refusedWith(result: Result<unknown>, reason: string) {
  const error = expectError(result, 'EXECUTION_REFUSED');
  expect(error.details?.reason, error.message).toBe(reason);
  return error;
}

/** Minutes pass with everyone still at the terminal (any call is activity; idle sessions lock). */
async function waitMinutes(
  minutes: number,
  at: SignedInUser[] = [floor.olga, floor.oscar, floor.sven, floor.quinn, tina],
) {
  for (let minute = 0; minute < minutes; minute++) {
    floor.fresh.clock.advance(60_000);
    for (const who of at) value(await who.connection.invoke('auth.activity', {}));
    value(await floor.admin.invoke('auth.activity', {}));
  }
}

/** The entry and signatures that complete each demo step within limits, performed by `by`. */
function demoCompletion(stepId: string, by: SignedInUser, batch: BatchView) {
  const performed = { meaning: 'performed', credentials: self(by) };
  const verified = { meaning: 'verified', credentials: cosign(floor.sven) };
  const target = (id: string) => batch.steps.find((candidate) => candidate.id === id)!.weighing!.target!;
  switch (stepId) {
    case 'start':
      return { input: { type: 'instruction', acknowledged: true }, signatures: [] };
    case 'line_clearance':
      return { input: { type: 'check', checked: [true, true, true] }, signatures: [performed, verified] };
    case 'scan_blender':
      return { input: { type: 'scan', code: 'EQ-BLD-010' }, signatures: [] };
    case 'w_api':
    case 'w_lactose':
      return {
        input: { type: 'weighing', origin: 'manual', net: target(stepId).toFixed(3) },
        signatures: [performed, verified],
      };
    case 'blend_speed':
      return { input: { type: 'numeric', value: '12' }, signatures: [] };
    case 'blend_time':
      return { input: { type: 'timer' }, signatures: [] };
    case 'api_fraction':
      return {
        input: { type: 'calculation' },
        signatures: [{ meaning: 'reviewed', credentials: cosign(floor.sven) }],
      };
    default:
      throw new Error(`no completion for ${stepId}`);
  }
}

/** Starts and completes the demo steps in order up to (not including) `until`, as `by`. */
async function runDemo(
  batch: BatchView,
  until: string | null,
  by: SignedInUser = floor.olga,
): Promise<BatchView> {
  let view = batch;
  for (const candidate of batch.steps) {
    if (candidate.id === until) break;
    if (candidate.status === 'completed') continue;
    value(await by.connection.invoke('batches.startStep', { batchId: batch.id, stepId: candidate.id }));
    if (candidate.id === 'blend_time') await waitMinutes(11);
    view = value<BatchView>(
      await by.connection.invoke('batches.completeStep', {
        batchId: batch.id,
        stepId: candidate.id,
        ...demoCompletion(candidate.id, by, view),
      }),
    );
  }
  return view;
}

async function startedBatch(
  batchNumber: string,
  options: { plannedQuantity?: number; training?: boolean } = {},
) {
  const created = await createBatch(floor.sven.connection, demo, batchNumber, options);
  return value<BatchView>(await floor.olga.connection.invoke('batches.start', { batchId: created.id }));
}

const stepIn = (batch: BatchView, stepId: string) =>
  batch.steps.find((candidate) => candidate.id === stepId)!;

/** Batch audit rows as "action" or "signature.applied:<record type>". */
function batchActions(rows: AuditRowText[]): string[] {
  return rows
    .filter((row) => row.action.startsWith('batch.') || row.entity_type.startsWith('batch'))
    .map((row) => (row.action === 'signature.applied' ? `${row.action}:${row.entity_type}` : row.action));
}

describe('who may do what (P11-10g)', () => {
  it('only a supervisor creates a batch', async () => {
    const input = {
      recipeVersionId: demo.id,
      batchNumber: 'PERM-0001',
      plannedQuantity: 10,
      training: false,
    };
    for (const who of [floor.olga.connection, floor.quinn.connection, tina.connection, floor.admin]) {
      expectError(await who.invoke('batches.create', input), 'FORBIDDEN');
    }
    expect(value<BatchView>(await floor.sven.connection.invoke('batches.create', input)).batchNumber).toBe(
      'PERM-0001',
    );
  });

  it('QA and technicians read batches but cannot execute them', async () => {
    const batch = await createBatch(floor.sven.connection, demo, 'PERM-0002');
    for (const who of [floor.quinn, tina]) {
      expect(
        value<BatchSummary[]>(await who.connection.invoke('batches.list', {})).map((b) => b.batchNumber),
      ).toContain('PERM-0002');
      expect(value<BatchView>(await who.connection.invoke('batches.get', { batchId: batch.id })).id).toBe(
        batch.id,
      );
      const batchId = batch.id;
      const calls: [string, unknown][] = [
        ['batches.start', { batchId }],
        ['batches.hold', { batchId, reason: 'Not mine' }],
        ['batches.resume', { batchId }],
        ['batches.startStep', { batchId, stepId: 'start' }],
        ['batches.releaseStep', { batchId, stepId: 'start', reason: 'Not mine' }],
        [
          'batches.completeStep',
          { batchId, stepId: 'start', input: { type: 'instruction', acknowledged: true }, signatures: [] },
        ],
        ['batches.comment', { batchId, text: 'Looks fine' }],
        ['batches.abort', { batchId, reason: 'Not mine', credentials: self(who) }],
        ['batches.completeExecution', { batchId, credentials: self(who) }],
        ['batches.openExceptions', {}],
      ];
      for (const [channel, input] of calls) {
        expectError(await who.connection.invoke(channel as 'batches.start', input as never), 'FORBIDDEN');
      }
    }
    expect(
      value<BatchView>(await floor.olga.connection.invoke('batches.get', { batchId: batch.id })).status,
    ).toBe('created');
  });

  it('an administrator cannot read batches; only supervisors see open exceptions', async () => {
    const batch = await createBatch(floor.sven.connection, demo, 'PERM-0003');
    expectError(await floor.admin.invoke('batches.list', {}), 'FORBIDDEN');
    expectError(await floor.admin.invoke('batches.get', { batchId: batch.id }), 'FORBIDDEN');
    for (const who of [floor.admin, floor.olga.connection, floor.quinn.connection]) {
      expectError(await who.invoke('batches.openExceptions', {}), 'FORBIDDEN');
    }
    value(await floor.sven.connection.invoke('batches.openExceptions', {}));
  });
});

describe('creating a batch', () => {
  it('takes a batch number of the documented format, upper-cased, used once', async () => {
    const create = (batchNumber: string) =>
      floor.sven.connection.invoke('batches.create', {
        recipeVersionId: demo.id,
        batchNumber,
        plannedQuantity: 10,
        training: false,
      });
    for (const bad of ['AB', '-B2026', 'B 2026', 'B2026_01', 'B'.repeat(25), 'B2026/01', '']) {
      expect(expectError(await create(bad), 'VALIDATION_FAILED').message).toContain('Batch number');
    }
    const seq = lastAuditSeq(floor.fresh.app);
    const batch = value<BatchView>(await create('  b2026-0100 '));
    expect(batch).toMatchObject({
      batchNumber: 'B2026-0100',
      status: 'created',
      recipeCode: 'DEMO-BLEND',
      recipeVersionLabel: '1.0',
      recipeContentHash: demo.contentHash,
      plannedQuantity: 10,
      plannedUnit: 'kg',
      training: false,
      terminalId: floor.fresh.terminalId,
      terminalName: 'WS-TEST-01',
      stepCount: 8,
      stepsCompleted: 0,
      createdByName: floor.sven.user.fullName,
    });
    expect(batch.steps.map((candidate) => [candidate.id, candidate.status, candidate.ready])).toEqual([
      ['start', 'pending', false],
      ['line_clearance', 'pending', false],
      ['scan_blender', 'pending', false],
      ['w_api', 'pending', false],
      ['w_lactose', 'pending', false],
      ['blend_speed', 'pending', false],
      ['blend_time', 'pending', false],
      ['api_fraction', 'pending', false],
    ]);
    const [created] = auditRowsAfter(floor.fresh.app, seq);
    expect(created).toMatchObject({
      action: 'batch.created',
      entity_type: 'batch',
      entity_id: batch.id,
      user_id: floor.sven.user.id,
      terminal_id: floor.fresh.terminalId,
    });
    expect(json(created!.new_value)).toEqual({
      batchNumber: 'B2026-0100',
      recipe: 'DEMO-BLEND 1.0',
      recipeContentHash: demo.contentHash,
      plannedQuantity: 10,
      plannedUnit: 'kg',
      training: false,
      terminalId: floor.fresh.terminalId,
    });
    for (const again of ['B2026-0100', 'b2026-0100']) {
      expect(expectError(await create(again), 'CONFLICT').message).toBe(
        'Batch number B2026-0100 is already used.',
      );
    }
  });

  it('starts only from the effective version of a recipe (not draft, in review, approved or retired)', async () => {
    const { sven, quinn } = floor;
    const create = (recipeVersionId: string, batchNumber: string) =>
      sven.connection.invoke('batches.create', {
        recipeVersionId,
        batchNumber,
        plannedQuantity: 100,
        training: false,
      });
    const bytes = readFileSync(join(SAMPLE_RECIPES, 'wet-granulation-blend.json'));
    let version = value<RecipeVersionView>(
      await sven.connection.invoke('recipes.import', {
        fileName: 'wet-granulation-blend.json',
        base64: bytes.toString('base64'),
      }),
    );
    const refusedAt = async (status: string) => {
      expect(version.status).toBe(status);
      const error = expectError(await create(version.id, `WET-${status.toUpperCase()}`), 'CONFLICT');
      expect(error.details).toEqual({ status });
      expect(error.message).toContain('only the effective version of a recipe starts a batch');
    };
    await refusedAt('draft');
    version = value(
      await sven.connection.invoke('recipes.submit', { versionId: version.id, reason: 'Ready' }),
    );
    await refusedAt('in-review');
    version = value(
      await quinn.connection.invoke('recipes.approve', {
        versionId: version.id,
        comment: 'Reviewed',
        credentials: self(quinn),
      }),
    );
    await refusedAt('approved');
    version = value(
      await quinn.connection.invoke('recipes.makeEffective', {
        versionId: version.id,
        reason: 'Approved for use',
      }),
    );
    const batch = value<BatchView>(await create(version.id, 'WET-0001'));
    expect(batch.stepCount).toBe(49);
    version = value(
      await quinn.connection.invoke('recipes.retire', { versionId: version.id, reason: 'Replaced' }),
    );
    await refusedAt('retired');
    // The batch made while it was effective keeps its recipe.
    expect(
      value<BatchView>(await sven.connection.invoke('batches.get', { batchId: batch.id })).recipeVersionId,
    ).toBe(version.id);
    expectError(await create(randomUUID(), 'WET-NONE'), 'NOT_FOUND');
  });

  it('scales weighing targets to the planned quantity (half a batch, half the targets)', async () => {
    const half = await startedBatch('HALF-0001', { plannedQuantity: 5 });
    expect(stepIn(half, 'w_api').weighing).toEqual({ min: 0.995, target: 1, max: 1.005 });
    expect(stepIn(half, 'w_lactose').weighing).toEqual({ min: 3.95, target: 4, max: 4.05 });
    expect(stepIn(half, 'blend_speed').weighing).toBeNull();
    const double = await createBatch(floor.sven.connection, demo, 'DOUBLE-0001', { plannedQuantity: 20 });
    expect(stepIn(double, 'w_api').weighing).toEqual({ min: 3.98, target: 4, max: 4.02 });
    expect(stepIn(double, 'w_lactose').weighing).toEqual({ min: 15.95, target: 16, max: 16.05 });

    await runDemo(half, 'w_api');
    const op = floor.olga.connection;
    value(await op.invoke('batches.startStep', { batchId: half.id, stepId: 'w_api' }));
    const previewOf = async (net: string) =>
      value<StepPreview>(
        await op.invoke('batches.previewStep', {
          batchId: half.id,
          stepId: 'w_api',
          mode: 'complete',
          input: { type: 'weighing', origin: 'manual', net },
        }),
      );
    // The full batch's quantity is far outside half a batch's window.
    expect(await previewOf('2.000')).toMatchObject({
      withinLimits: false,
      violation: {
        handling: 'block',
        message: 'Weigh Demotabin: 2.000 kg is outside 0.995 – 1.005 kg (target 1.000).',
      },
    });
    expect((await previewOf('1.002')).withinLimits).toBe(true);
    const view = value<BatchView>(
      await op.invoke('batches.completeStep', {
        batchId: half.id,
        stepId: 'w_api',
        ...demoCompletion('w_api', floor.olga, half),
      }),
    );
    expect(stepIn(view, 'w_api').current).toMatchObject({
      display: '1.000 kg net',
      withinLimits: true,
      value: { limits: { min: 0.995, target: 1, max: 1.005 } },
    });

    for (const plannedQuantity of [0.05, 1001]) {
      expectError(
        await floor.sven.connection.invoke('batches.create', {
          recipeVersionId: demo.id,
          batchNumber: 'SCALE-0001',
          plannedQuantity,
          training: false,
        }),
        'VALIDATION_FAILED',
      );
    }
  });

  it('marks a training batch as such in its view, the list, its exceptions and the audit trail', async () => {
    const seq = lastAuditSeq(floor.fresh.app);
    const training = await startedBatch('TRAIN-0001', { training: true });
    expect(training.training).toBe(true);
    const listed = value<BatchSummary[]>(await floor.quinn.connection.invoke('batches.list', {}));
    expect(listed.find((summary) => summary.batchNumber === 'TRAIN-0001')?.training).toBe(true);
    expect(listed.find((summary) => summary.batchNumber === 'B2026-0100')?.training).toBe(false);
    const created = auditRowsAfter(floor.fresh.app, seq).find((row) => row.action === 'batch.created')!;
    expect(json(created.new_value)).toMatchObject({ batchNumber: 'TRAIN-0001', training: true });
    const view = await runDemo(training, 'w_lactose');
    expect(view.exceptions).toEqual([
      expect.objectContaining({
        type: 'manual-entry',
        stepId: 'w_api',
        training: true,
        batchNumber: 'TRAIN-0001',
      }),
    ]);
    const open = value<BatchExceptionView[]>(
      await floor.sven.connection.invoke('batches.openExceptions', {}),
    );
    expect(
      open.filter((exception) => exception.batchId === training.id).map((exception) => exception.training),
    ).toEqual([true]);
  });
});

describe('executing a batch', () => {
  it('holds with a reason, resumes, and aborts only with a supervisor\'s "aborted" signature', async () => {
    const { olga, oscar, sven } = floor;
    const op = olga.connection;
    const batch = await startedBatch('HOLD-0001');
    const batchId = batch.id;
    const seq = lastAuditSeq(floor.fresh.app);
    value(await op.invoke('batches.startStep', { batchId, stepId: 'start' }));
    expect(
      value<BatchView>(await op.invoke('batches.hold', { batchId, reason: 'Waiting for QA' })).status,
    ).toBe('on-hold');
    refusedWith(
      await op.invoke('batches.completeStep', {
        batchId,
        stepId: 'start',
        ...demoCompletion('start', olga, batch),
      }),
      'batch-not-active',
    );
    refusedWith(await op.invoke('batches.hold', { batchId, reason: 'Again' }), 'batch-not-active');
    expect(value<BatchView>(await op.invoke('batches.resume', { batchId })).status).toBe('in-progress');
    refusedWith(await op.invoke('batches.resume', { batchId }), 'wrong-status');
    value(
      await op.invoke('batches.completeStep', {
        batchId,
        stepId: 'start',
        ...demoCompletion('start', olga, batch),
      }),
    );
    value(await op.invoke('batches.startStep', { batchId, stepId: 'line_clearance' }));
    value(await op.invoke('batches.hold', { batchId, reason: 'Spill in the room' }));

    // An operator's own signature cannot abort (sign.aborted is a supervisor's), nor another operator's.
    const abort = (credentials: ReturnType<typeof self> | ReturnType<typeof cosign>) =>
      op.invoke('batches.abort', { batchId, reason: 'Spill contaminated the blend', credentials });
    expectError(await abort(self(olga)), 'FORBIDDEN');
    expectError(await abort(cosign(oscar)), 'FORBIDDEN');
    expect(value<BatchView>(await op.invoke('batches.get', { batchId })).status).toBe('on-hold');
    const aborted = value<BatchView>(await abort(cosign(sven)));
    expect(aborted).toMatchObject({ status: 'aborted', abortedAtUtc: expect.any(String) });
    expect(stepIn(aborted, 'line_clearance')).toMatchObject({ status: 'pending', ownerUserId: null });
    expect(stepIn(aborted, 'start').status).toBe('completed');
    expect(aborted.signatures).toEqual([
      expect.objectContaining({
        meaning: 'aborted',
        signerUserId: sven.user.id,
        record: { type: 'batch', id: batchId },
        verification: { valid: true, problem: null },
      }),
    ]);

    const rows = auditRowsAfter(floor.fresh.app, seq);
    expect(batchActions(rows)).toEqual([
      'batch.step-started',
      'batch.held',
      'batch.resumed',
      'batch.value-recorded',
      'batch.step-completed',
      'batch.step-started',
      'batch.held',
      'batch.step-released',
      'batch.aborted',
      'signature.applied:batch',
    ]);
    const byAction = (action: string) => rows.filter((row) => row.action === action);
    expect(byAction('batch.held').map((row) => row.reason)).toEqual(['Waiting for QA', 'Spill in the room']);
    expect(byAction('batch.step-released')[0]).toMatchObject({ reason: 'Batch aborted' });
    expect(byAction('batch.aborted')[0]).toMatchObject({
      reason: 'Spill contaminated the blend',
      user_id: olga.user.id,
    });
    expect(json(byAction('batch.aborted')[0]!.old_value)).toEqual({ status: 'on-hold' });
    expect(json(byAction('batch.aborted')[0]!.new_value)).toEqual({
      status: 'aborted',
      batchNumber: 'HOLD-0001',
    });
    expect(json(byAction('batch.resumed')[0]!.old_value)).toEqual({ status: 'on-hold' });

    // Aborted: nothing moves any more, not even comments.
    refusedWith(await op.invoke('batches.start', { batchId }), 'wrong-status');
    refusedWith(await op.invoke('batches.startStep', { batchId, stepId: 'line_clearance' }), 'wrong-status');
    refusedWith(await op.invoke('batches.resume', { batchId }), 'wrong-status');
    expectError(await op.invoke('batches.comment', { batchId, text: 'Too late' }), 'CONFLICT');
    expectError(await abort(cosign(sven)), 'EXECUTION_REFUSED');
  });

  it('aborts a created batch, signed by the supervisor who aborts it', async () => {
    const batch = await createBatch(floor.sven.connection, demo, 'ABORT-0001');
    const aborted = value<BatchView>(
      await floor.sven.connection.invoke('batches.abort', {
        batchId: batch.id,
        reason: 'Planned twice',
        credentials: self(floor.sven),
      }),
    );
    expect(aborted.status).toBe('aborted');
    expect(aborted.signatures.map((signature) => [signature.meaning, signature.signerName])).toEqual([
      ['aborted', floor.sven.user.fullName],
    ]);
  });

  it("keeps a step its operator's until released; a supervisor may release it", async () => {
    const { olga, oscar, sven } = floor;
    const batch = await startedBatch('OWN-0001');
    const batchId = batch.id;
    value(await olga.connection.invoke('batches.startStep', { batchId, stepId: 'start' }));
    const byOscar = oscar.connection;
    const refusal = refusedWith(
      await byOscar.invoke('batches.completeStep', {
        batchId,
        stepId: 'start',
        ...demoCompletion('start', oscar, batch),
      }),
      'not-owner',
    );
    expect(refusal.message).toBe(
      'Read the batch instructions is in progress by another operator; it is theirs until they release it.',
    );
    refusedWith(
      await byOscar.invoke('batches.releaseStep', { batchId, stepId: 'start', reason: 'I take over' }),
      'not-owner',
    );
    refusedWith(await byOscar.invoke('batches.startStep', { batchId, stepId: 'start' }), 'not-owner');
    const view = value<BatchView>(await olga.connection.invoke('batches.get', { batchId }));
    expect(stepIn(view, 'start')).toMatchObject({
      status: 'in-progress',
      ownerUserId: olga.user.id,
      ownerName: olga.user.fullName,
      current: null,
    });

    const seq = lastAuditSeq(floor.fresh.app);
    const released = value<BatchView>(
      await sven.connection.invoke('batches.releaseStep', {
        batchId,
        stepId: 'start',
        reason: 'Olga called away',
      }),
    );
    expect(stepIn(released, 'start')).toMatchObject({
      status: 'pending',
      ownerUserId: null,
      ownerName: null,
      ready: true,
    });
    const [row] = auditRowsAfter(floor.fresh.app, seq);
    expect(row).toMatchObject({
      action: 'batch.step-released',
      user_id: sven.user.id,
      reason: 'Olga called away',
    });
    expect(json(row!.old_value)).toEqual({ stepId: 'start', status: 'in-progress' });
    expect(json(row!.new_value)).toEqual({ stepId: 'start', status: 'pending', ownerUserId: null });

    value(await byOscar.invoke('batches.startStep', { batchId, stepId: 'start' }));
    const done = value<BatchView>(
      await byOscar.invoke('batches.completeStep', {
        batchId,
        stepId: 'start',
        ...demoCompletion('start', oscar, batch),
      }),
    );
    expect(stepIn(done, 'start').current).toMatchObject({
      enteredByUserId: oscar.user.id,
      enteredByName: oscar.user.fullName,
    });
  });

  it('takes comments on the batch and on its steps, audited', async () => {
    const batch = await startedBatch('NOTE-0001');
    const batchId = batch.id;
    const seq = lastAuditSeq(floor.fresh.app);
    value(await floor.olga.connection.invoke('batches.comment', { batchId, text: 'Blender is noisy' }));
    const view = value<BatchView>(
      await floor.sven.connection.invoke('batches.comment', {
        batchId,
        stepId: 'w_api',
        text: 'Use balance 2',
      }),
    );
    expect(view.comments).toEqual([
      expect.objectContaining({
        stepId: null,
        text: 'Blender is noisy',
        authorName: floor.olga.user.fullName,
      }),
      expect.objectContaining({
        stepId: 'w_api',
        text: 'Use balance 2',
        authorName: floor.sven.user.fullName,
      }),
    ]);
    expectError(
      await floor.olga.connection.invoke('batches.comment', { batchId, stepId: 'nope', text: 'Where?' }),
      'NOT_FOUND',
    );
    expectError(
      await floor.olga.connection.invoke('batches.comment', { batchId, text: '   ' }),
      'VALIDATION_FAILED',
    );
    const rows = auditRowsAfter(floor.fresh.app, seq);
    expect(rows.map((row) => [row.action, row.user_id])).toEqual([
      ['batch.commented', floor.olga.user.id],
      ['batch.commented', floor.sven.user.id],
    ]);
    expect(json(rows[1]!.new_value)).toMatchObject({ stepId: 'w_api', text: 'Use balance 2' });
  });

  it('runs the demo to execution complete: an audit row for every change, exceptions for the supervisor, every signature valid', async () => {
    const { olga, sven } = floor;
    const op = olga.connection;
    const seq = lastAuditSeq(floor.fresh.app);
    let batch = await startedBatch('FULL-0001');
    const batchId = batch.id;
    await runDemo(batch, 'w_lactose');
    // Lactose out of tolerance: blocked, then overridden by the supervisor.
    value(await op.invoke('batches.startStep', { batchId, stepId: 'w_lactose' }));
    const lactose = {
      batchId,
      stepId: 'w_lactose',
      input: { type: 'weighing', origin: 'manual', net: '8.100' },
      signatures: [
        { meaning: 'performed', credentials: self(olga) },
        { meaning: 'verified', credentials: cosign(sven) },
      ],
    };
    refusedWith(await op.invoke('batches.completeStep', lactose), 'limit-violation');
    value(
      await op.invoke('batches.completeStep', {
        ...lactose,
        override: { reason: 'Assay of the lot adjusts the quantity', credentials: cosign(sven) },
      }),
    );
    value(await op.invoke('batches.startStep', { batchId, stepId: 'blend_speed' }));
    value(
      await op.invoke('batches.completeStep', {
        batchId,
        stepId: 'blend_speed',
        input: { type: 'numeric', value: '15' },
        signatures: [],
        deviationComment: 'Speed dial stuck; adjusted after 1 min',
      }),
    );
    batch = await runDemo(value<BatchView>(await op.invoke('batches.get', { batchId })), null);
    // 2.000 / (2.000 + 8.100) × 100
    expect(stepIn(batch, 'api_fraction').current!.value).toMatchObject({ value: 19.8, text: '19.80' });
    // A correction keeps the original and recomputes the calculation.
    batch = value<BatchView>(
      await op.invoke('batches.correctStep', {
        batchId,
        stepId: 'w_lactose',
        input: { type: 'weighing', origin: 'manual', net: '8.010' },
        reason: 'Transcription error: the balance showed 8.010',
        signatures: [
          { meaning: 'corrected', credentials: self(olga) },
          { meaning: 'verified', credentials: cosign(sven) },
        ],
      }),
    );
    expect(
      stepIn(batch, 'w_lactose').entries.map((entry) => [entry.kind, entry.display, entry.superseded]),
    ).toEqual([
      ['original', '8.100 kg net', true],
      ['correction', '8.010 kg net', false],
    ]);
    expect(stepIn(batch, 'api_fraction')).toMatchObject({
      changed: true,
      current: {
        kind: 'recomputed',
        value: { value: 19.98, inputs: { w_api: 2, w_lactose: 8.01 } },
        signatures: [],
      },
    });
    batch = value<BatchView>(
      await op.invoke('batches.completeExecution', { batchId, credentials: self(olga) }),
    );
    expect(batch).toMatchObject({
      status: 'execution-complete',
      stepsCompleted: 8,
      executionCompletedAtUtc: expect.any(String),
    });
    expect(
      batch.signatures.map((signature) => [
        signature.meaning,
        signature.signerUserId,
        signature.verification.valid,
      ]),
    ).toEqual([['performed', olga.user.id, true]]);

    const rows = auditRowsAfter(floor.fresh.app, seq);
    const step = (...middle: string[]) => [
      'batch.step-started',
      'batch.value-recorded',
      ...middle,
      'batch.step-completed',
    ];
    const signed = (count: number) => Array<string>(count).fill('signature.applied:batch-entry');
    expect(batchActions(rows)).toEqual([
      'batch.created',
      'batch.started',
      ...step(),
      ...step(...signed(2)),
      ...step(),
      ...step(...signed(2), 'batch.exception-raised'),
      ...step(
        ...signed(2),
        'batch.exception-raised',
        'signature.applied:batch-exception',
        'batch.exception-raised',
      ),
      ...step('batch.exception-raised'),
      ...step(),
      ...step(...signed(1)),
      'batch.value-corrected',
      ...signed(2),
      'batch.exception-raised',
      'batch.value-recomputed',
      'batch.execution-completed',
      'signature.applied:batch',
    ]);
    // Every row names who, where and when (A11-12.4).
    for (const row of rows.filter((candidate) => candidate.entity_id === batchId)) {
      expect(row.terminal_id).toBe(floor.fresh.terminalId);
      expect([olga.user.id, sven.user.id]).toContain(row.user_id);
      expect(row.at_utc).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    }
    const corrected = rows.find((row) => row.action === 'batch.value-corrected')!;
    expect(corrected.reason).toBe('Transcription error: the balance showed 8.010');
    expect(json(corrected.old_value)).toMatchObject({ stepId: 'w_lactose', value: { net: 8.1 } });
    expect(json(corrected.new_value)).toMatchObject({ stepId: 'w_lactose', value: { net: 8.01 } });

    // The supervisor's list of open exceptions at this terminal.
    const open = value<BatchExceptionView[]>(await sven.connection.invoke('batches.openExceptions', {}));
    const ours = open.filter((exception) => exception.batchId === batchId);
    expect(
      ours
        .map((exception) => [exception.stepId, exception.type, exception.handling, exception.severity])
        .reverse(),
    ).toEqual([
      ['w_api', 'manual-entry', 'record', 'minor'],
      ['w_lactose', 'out-of-limit', 'override', 'critical'],
      ['w_lactose', 'manual-entry', 'record', 'minor'],
      ['blend_speed', 'out-of-limit', 'deviation', 'minor'],
      ['w_lactose', 'manual-entry', 'record', 'minor'],
    ]);
    const override = ours.find((exception) => exception.handling === 'override')!;
    expect(override).toMatchObject({
      batchNumber: 'FULL-0001',
      stepTitle: 'Weigh lactose monohydrate',
      status: 'open',
      training: false,
      comment: 'Assay of the lot adjusts the quantity',
      description: 'Weigh lactose monohydrate: 8.100 kg is outside 7.950 – 8.050 kg (target 8.000).',
    });
    expect(
      override.signatures.map((signature) => [
        signature.meaning,
        signature.signerUserId,
        signature.verification.valid,
      ]),
    ).toEqual([['overridden', sven.user.id, true]]);
    expect(batch.openExceptions).toBe(5);

    const report = value<AuditVerificationReport>(await sven.connection.invoke('audit.verify', {}));
    expect(report).toMatchObject({ intact: true, firstBreak: null });
    expect(direct.signatures.verifyAll().invalid).toEqual([]);
  }, 60_000);

  it('refuses order, ownership and status before any password is checked (no lockout count for a refused action)', async () => {
    const { olga, oscar, sven } = floor;
    const failures = () =>
      sqlite().prepare('SELECT failed_attempts FROM users WHERE id = ?').pluck().get(sven.user.id) as number;
    const batch = await startedBatch('PRE-0001');
    const batchId = batch.id;
    await runDemo(batch, 'line_clearance');
    value(await olga.connection.invoke('batches.startStep', { batchId, stepId: 'line_clearance' }));
    const wrongCosign = { kind: 'cosigner' as const, username: 'sven', password: 'Wrong-Password-99' };
    const lineClearance = (who: SignedInUser) => ({
      batchId,
      stepId: 'line_clearance',
      input: { type: 'check', checked: [true, true, true] },
      signatures: [
        { meaning: 'performed', credentials: self(who) },
        { meaning: 'verified', credentials: wrongCosign },
      ],
    });
    const before = failures();
    const seq = lastAuditSeq(floor.fresh.app);
    refusedWith(await oscar.connection.invoke('batches.completeStep', lineClearance(oscar)), 'not-owner');
    refusedWith(
      await olga.connection.invoke('batches.completeStep', { ...lineClearance(olga), stepId: 'w_api' }),
      'out-of-order',
    );
    refusedWith(
      await olga.connection.invoke('batches.correctStep', {
        ...lineClearance(olga),
        reason: 'Wrong',
        stepId: 'w_api',
      }),
      'not-completed',
    );
    refusedWith(
      await olga.connection.invoke('batches.completeExecution', {
        batchId,
        credentials: { kind: 'self', password: 'Wrong-1' },
      }),
      'steps-incomplete',
    );
    value(await olga.connection.invoke('batches.hold', { batchId, reason: 'Break' }));
    refusedWith(
      await olga.connection.invoke('batches.completeStep', lineClearance(olga)),
      'batch-not-active',
    );
    expect(failures()).toBe(before);
    expect(auditRowsAfter(floor.fresh.app, seq).map((row) => row.action)).toEqual(['batch.held']);
    // The owner, on an active batch, reaches the password check.
    value(await olga.connection.invoke('batches.resume', { batchId }));
    expectError(
      await olga.connection.invoke('batches.completeStep', lineClearance(olga)),
      'INVALID_CREDENTIALS',
    );
    expect(failures()).toBe(before + 1);
    value(
      await olga.connection.invoke('batches.completeStep', {
        ...lineClearance(olga),
        signatures: [
          { meaning: 'performed', credentials: self(olga) },
          { meaning: 'verified', credentials: cosign(sven) },
        ],
      }),
    );
  });

  it('counts wrong passwords at a step signature toward lockout', async () => {
    await updateSettings(floor.admin, (settings) => ({ ...settings, lockoutThreshold: 3 }));
    const otto = await activeUser(floor.fresh.app, floor.admin, 'otto', ['operator']);
    const batch = await createBatch(floor.sven.connection, demo, 'LOCK-0001');
    const batchId = batch.id;
    value(await otto.connection.invoke('batches.start', { batchId }));
    value(await otto.connection.invoke('batches.startStep', { batchId, stepId: 'start' }));
    value(
      await otto.connection.invoke('batches.completeStep', {
        batchId,
        stepId: 'start',
        ...demoCompletion('start', otto, batch),
      }),
    );
    value(await otto.connection.invoke('batches.startStep', { batchId, stepId: 'line_clearance' }));
    const seq = lastAuditSeq(floor.fresh.app);
    const attempt = () =>
      otto.connection.invoke('batches.completeStep', {
        batchId,
        stepId: 'line_clearance',
        input: { type: 'check', checked: [true, true, true] },
        signatures: [
          { meaning: 'performed', credentials: { kind: 'self', password: 'Not-My-Password-1' } },
          { meaning: 'verified', credentials: cosign(floor.sven) },
        ],
      });
    expectError(await attempt(), 'INVALID_CREDENTIALS');
    expectError(await attempt(), 'INVALID_CREDENTIALS');
    expectError(await attempt(), 'ACCOUNT_LOCKED');
    const rows = auditRowsAfter(floor.fresh.app, seq);
    expect(rows.map((row) => row.action)).toEqual([
      'auth.login-failed',
      'auth.login-failed',
      'auth.login-failed',
      'user.locked',
      'alert.raised',
    ]);
    expect(rows[0]).toMatchObject({
      entity_id: otto.user.id,
      reason: 'wrong password at signature (performed)',
    });
    // Nothing was recorded for the step; it is still otto's, in progress.
    const view = value<BatchView>(await floor.sven.connection.invoke('batches.get', { batchId }));
    expect(stepIn(view, 'line_clearance')).toMatchObject({
      status: 'in-progress',
      ownerUserId: otto.user.id,
      entries: [],
    });
    expectError(await attempt(), 'UNAUTHENTICATED');
  });
});

describe('records that cannot be changed, or not unnoticed (P11-10a, P11-70)', () => {
  function fullBatch() {
    return sqlite()
      .prepare("SELECT id FROM batches WHERE batch_number = 'FULL-0001'")
      .pluck()
      .get() as string;
  }

  it('refuses UPDATE and DELETE of entries, exception facts, comments, steps and batches (triggers)', () => {
    const batchId = fullBatch();
    const db = sqlite();
    const refused: [string, RegExp][] = [
      [`UPDATE batch_entries SET value = '{}' WHERE batch_id = '${batchId}'`, /append-only/],
      [`DELETE FROM batch_entries WHERE batch_id = '${batchId}'`, /append-only/],
      [
        `UPDATE batch_exceptions SET description = 'Nothing' WHERE batch_id = '${batchId}'`,
        /facts are immutable/,
      ],
      [`UPDATE batch_exceptions SET severity = 'minor' WHERE batch_id = '${batchId}'`, /facts are immutable/],
      [`DELETE FROM batch_exceptions WHERE batch_id = '${batchId}'`, /never deleted/],
      [`UPDATE batch_comments SET text = 'x'`, /append-only/],
      [`DELETE FROM batch_comments`, /append-only/],
      [`DELETE FROM batch_steps WHERE batch_id = '${batchId}'`, /never deleted/],
      [`UPDATE batches SET planned_quantity = 11 WHERE id = '${batchId}'`, /identity is immutable/],
      [`UPDATE batches SET training = 1 WHERE id = '${batchId}'`, /identity is immutable/],
      [`DELETE FROM batches WHERE id = '${batchId}'`, /never deleted/],
    ];
    const entriesBefore = db.prepare('SELECT COUNT(*) FROM batch_entries').pluck().get();
    for (const [statement, message] of refused)
      expect(() => db.prepare(statement).run(), statement).toThrow(message);
    expect(db.prepare('SELECT COUNT(*) FROM batch_entries').pluck().get()).toBe(entriesBefore);
  });

  it("a value changed behind the application's back breaks its entry's signatures and the batch's \"performed\" signature", async () => {
    const batchId = fullBatch();
    const entryOf = (view: BatchView) => stepIn(view, 'w_api').current!;
    const before = value<BatchView>(await floor.quinn.connection.invoke('batches.get', { batchId }));
    expect(entryOf(before).signatures.map((signature) => signature.verification.valid)).toEqual([true, true]);
    const signaturesBefore = direct.signatures.verifyAll();
    expect(signaturesBefore.invalid).toEqual([]);

    // Someone with the key drops the trigger and changes the weighed quantity.
    const raw = openRaw(floor.fresh.dataDir, floor.fresh.recoveryKey);
    try {
      raw.exec('DROP TRIGGER batch_entries_no_update');
      const changed = raw
        .prepare(
          `UPDATE batch_entries SET value = replace(replace(value, '"net":2', '"net":2.009'), '"text":"2.000"', '"text":"2.009"') WHERE id = ?`,
        )
        .run(entryOf(before).id);
      expect(changed.changes).toBe(1);
    } finally {
      raw.close();
    }

    const after = value<BatchView>(await floor.quinn.connection.invoke('batches.get', { batchId }));
    expect(entryOf(after).display).toBe('2.009 kg net');
    const broken = { valid: false, problem: 'The record changed after it was signed.' };
    expect(entryOf(after).signatures.map((signature) => [signature.meaning, signature.verification])).toEqual(
      [
        ['performed', broken],
        ['verified', broken],
      ],
    );
    expect(after.signatures.map((signature) => [signature.meaning, signature.verification])).toEqual([
      ['performed', broken],
    ]);
    // The other entries of the batch and its override still verify.
    for (const other of after.steps.filter((candidate) => candidate.id !== 'w_api')) {
      for (const entry of other.entries) {
        for (const signature of entry.signatures) expect(signature.verification.valid, other.id).toBe(true);
      }
    }
    expect(
      after.exceptions.flatMap((exception) => exception.signatures).every((s) => s.verification.valid),
    ).toBe(true);
    const report = direct.signatures.verifyAll();
    expect(
      report.invalid.map((invalid) => [invalid.record.type, invalid.record.id, invalid.problem]),
    ).toEqual(
      expect.arrayContaining([
        ['batch-entry', entryOf(before).id, broken.problem],
        ['batch-entry', entryOf(before).id, broken.problem],
        ['batch', batchId, broken.problem],
      ]),
    );
    expect(report.invalid).toHaveLength(3);
    expect(report.valid).toBe(signaturesBefore.valid - 3);
  });
});
