/**
 * The demo recipe executed end to end through connections: every step type, a co-signed manual
 * weighing, a deviation, a blocked value overridden by a supervisor, a timer, a calculation and
 * a correction that recomputes it; then the audit chain and every signature verify.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchView } from '../../shared/contract/batches';
import type { AuditVerificationReport } from '../../shared/contract/audit';
import { batchFloor, createBatch, type BatchFloor } from '../helpers/batch-setup';
import { expectError, value } from '../helpers/identity';

let floor: BatchFloor;
beforeAll(async () => {
  floor = await batchFloor();
}, 120_000);
afterAll(async () => floor?.fresh.cleanup());

describe('demo batch, end to end', () => {
  it('executes from Created to Execution complete', async () => {
    const { olga, sven, fresh } = floor;
    const recipe = floor.recipes['demo-tablet-blend.json']!;
    const op = olga.connection;
    const self = { kind: 'self' as const, password: olga.password };
    const svenCosign = { kind: 'cosigner' as const, username: 'sven', password: sven.password };
    let batch = await createBatch(sven.connection, recipe, 'B2026-0001');
    expect(batch.status).toBe('created');
    batch = value<BatchView>(await op.invoke('batches.start', { batchId: batch.id }));
    expect(batch.status).toBe('in-progress');
    const id = batch.id;
    const step = async (stepId: string, payload: Record<string, unknown>) => {
      value(await op.invoke('batches.startStep', { batchId: id, stepId }));
      return op.invoke('batches.completeStep', { batchId: id, stepId, signatures: [], ...payload });
    };
    // Out of order: the weighing before line clearance.
    expectError(await op.invoke('batches.startStep', { batchId: id, stepId: 'w_api' }), 'EXECUTION_REFUSED');
    value(await step('start', { input: { type: 'instruction', acknowledged: true } }));
    const lc = batch.steps.find((s) => s.id === 'line_clearance')!;
    const lcSignatures = lc.definition.signatures.map((sig) => ({
      meaning: sig.meaning,
      credentials: sig.distinctFromPerformer ? svenCosign : self,
    }));
    value(
      await step('line_clearance', {
        input: { type: 'check', checked: [true, true, true] },
        signatures: lcSignatures,
      }),
    );
    value(await step('scan_blender', { input: { type: 'scan', code: 'EQ-BLD-010' } }));
    // Manual weighing: performed by olga, verified by sven (second person).
    value(await op.invoke('batches.startStep', { batchId: id, stepId: 'w_api' }));
    const preview = value<{ requiredSignatures: { meaning: string }[]; withinLimits: boolean }>(
      await op.invoke('batches.previewStep', {
        batchId: id,
        stepId: 'w_api',
        mode: 'complete',
        input: { type: 'weighing', origin: 'manual', net: '2.004' },
      }),
    );
    expect(preview.withinLimits).toBe(true);
    expect(preview.requiredSignatures.map((s) => s.meaning)).toEqual(['performed', 'verified']);
    const sameVerifier = await op.invoke('batches.completeStep', {
      batchId: id,
      stepId: 'w_api',
      input: { type: 'weighing', origin: 'manual', net: '2.004' },
      signatures: [
        { meaning: 'performed', credentials: self },
        { meaning: 'verified', credentials: self },
      ],
    });
    expect(sameVerifier.ok).toBe(false);
    batch = value<BatchView>(
      await op.invoke('batches.completeStep', {
        batchId: id,
        stepId: 'w_api',
        input: { type: 'weighing', origin: 'manual', net: '2.004' },
        signatures: [
          { meaning: 'performed', credentials: self },
          { meaning: 'verified', credentials: svenCosign },
        ],
      }),
    );
    const weighed = batch.steps.find((s) => s.id === 'w_api')!;
    expect(weighed.status).toBe('completed');
    expect(weighed.current!.signatures.map((s) => s.meaning)).toEqual(['performed', 'verified']);
    expect(batch.exceptions.map((e) => e.type)).toEqual(['manual-entry']);
    // Lactose out of tolerance (8.000 ± 0.05): blocked, then overridden by sven.
    value(await op.invoke('batches.startStep', { batchId: id, stepId: 'w_lactose' }));
    const lactose = {
      batchId: id,
      stepId: 'w_lactose',
      input: { type: 'weighing', origin: 'manual', net: '8.100' },
      signatures: [
        { meaning: 'performed', credentials: self },
        { meaning: 'verified', credentials: svenCosign },
      ],
    };
    const blocked = expectError(await op.invoke('batches.completeStep', lactose), 'EXECUTION_REFUSED');
    expect(blocked.details?.reason).toBe('limit-violation');
    batch = value<BatchView>(
      await op.invoke('batches.completeStep', {
        ...lactose,
        override: { reason: 'Supplier lot assay adjusts the quantity', credentials: svenCosign },
      }),
    );
    expect(batch.exceptions.find((e) => e.handling === 'override')!.signatures[0]!.meaning).toBe(
      'overridden',
    );
    // Blender speed 15 rpm: a deviation with a comment.
    value(await op.invoke('batches.startStep', { batchId: id, stepId: 'blend_speed' }));
    const speed = {
      batchId: id,
      stepId: 'blend_speed',
      input: { type: 'numeric', value: '15' },
      signatures: [],
    };
    expect(
      expectError(await op.invoke('batches.completeStep', speed), 'EXECUTION_REFUSED').details?.reason,
    ).toBe('deviation-comment-required');
    value(
      await op.invoke('batches.completeStep', {
        ...speed,
        deviationComment: 'Speed dial stuck; adjusted after 1 min',
      }),
    );
    // Timer: too early, then after 11 minutes.
    value(await op.invoke('batches.startStep', { batchId: id, stepId: 'blend_time' }));
    expect(
      expectError(
        await op.invoke('batches.completeStep', {
          batchId: id,
          stepId: 'blend_time',
          input: { type: 'timer' },
          signatures: [],
        }),
        'EXECUTION_REFUSED',
      ).details?.reason,
    ).toBe('timer-not-elapsed');
    // The operator stays at the terminal while the blender runs (any call is activity).
    for (let minute = 0; minute < 11; minute++) {
      fresh.clock.advance(60_000);
      value(await op.invoke('auth.activity', {}));
      value(await sven.connection.invoke('auth.activity', {}));
      value(await floor.admin.invoke('auth.activity', {}));
    }
    value(
      await op.invoke('batches.completeStep', {
        batchId: id,
        stepId: 'blend_time',
        input: { type: 'timer' },
        signatures: [],
      }),
    );
    // Calculation: computed (2.004 / 10.104 * 100 = 19.83 %) and reviewed by sven.
    value(await op.invoke('batches.startStep', { batchId: id, stepId: 'api_fraction' }));
    batch = value<BatchView>(
      await op.invoke('batches.completeStep', {
        batchId: id,
        stepId: 'api_fraction',
        input: { type: 'calculation' },
        signatures: [{ meaning: 'reviewed', credentials: svenCosign }],
      }),
    );
    const fraction = batch.steps.find((s) => s.id === 'api_fraction')!;
    expect(fraction.current!.value).toMatchObject({ type: 'calculation', value: 19.83 });
    // Correction of the lactose weighing: the original stays, the calculation recomputes.
    batch = value<BatchView>(
      await op.invoke('batches.correctStep', {
        batchId: id,
        stepId: 'w_lactose',
        input: { type: 'weighing', origin: 'manual', net: '8.010' },
        reason: 'Transcription error: the balance showed 8.010',
        signatures: [
          { meaning: 'corrected', credentials: self },
          { meaning: 'verified', credentials: svenCosign },
        ],
      }),
    );
    const corrected = batch.steps.find((s) => s.id === 'w_lactose')!;
    expect(corrected.entries.map((e) => [e.kind, e.superseded])).toEqual([
      ['original', true],
      ['correction', false],
    ]);
    const recomputed = batch.steps.find((s) => s.id === 'api_fraction')!;
    expect(recomputed.changed).toBe(true);
    expect(recomputed.current!.kind).toBe('recomputed');
    expect(recomputed.current!.value).toMatchObject({ value: 20.01 });
    batch = value<BatchView>(
      await op.invoke('batches.completeExecution', { batchId: id, credentials: self }),
    );
    expect(batch.status).toBe('execution-complete');
    const report = value<AuditVerificationReport>(await floor.admin.invoke('audit.verify', {}));
    expect(report.intact).toBe(true);
    const signatures = fresh.app
      .runtime!.store.sqlite.prepare('SELECT COUNT(*) FROM signatures')
      .pluck()
      .get() as number;
    expect(signatures).toBeGreaterThan(8);
  }, 120_000);
});
