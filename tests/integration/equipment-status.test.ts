/**
 * Equipment status the engine enforces (R211-67, R211-105, R211-182) through the channels: a step
 * on the blender is refused when it is dirty, in use by another batch, under maintenance or its
 * clean hold has expired; batches and signed cleaning records move its status; the logbook follows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchView } from '../../shared/contract/batches';
import type { EquipmentDetailView, EquipmentView, GenealogyBatchView } from '../../shared/contract/materials';
import type { AuditVerificationReport } from '../../shared/contract/audit';
import { createBatch } from '../helpers/batch-setup';
import { waitMinutes } from '../helpers/executed-batch';
import { auditRowsAfter, expectError, lastAuditSeq, value } from '../helpers/identity';
import {
  DEMO,
  doStep,
  materialFloor,
  recordCleaning,
  registerBlender,
  startStep,
  type MaterialFloor,
} from '../helpers/material-floor';

let floor: MaterialFloor;
let first: BatchView;
let second: BatchView;

async function blender(): Promise<EquipmentDetailView> {
  return value<EquipmentDetailView>(
    await floor.olga.connection.invoke('equipment.get', { equipmentCode: 'EQ-BLD-010' }),
  );
}

async function refusedAtBlender(batch: BatchView, reason: string): Promise<string> {
  const before = lastAuditSeq(floor.fresh.app);
  const error = expectError(await startStep(floor, batch.id, 'scan_blender'), 'EXECUTION_REFUSED');
  expect(error.details).toMatchObject({ reason, equipment: 'EQ-BLD-010', stepId: 'scan_blender' });
  expect(auditRowsAfter(floor.fresh.app, before).map((row) => [row.action, row.reason])).toEqual([
    ['batch.use-refused', error.message],
  ]);
  const step = value<BatchView>(
    await floor.olga.connection.invoke('batches.get', { batchId: batch.id }),
  ).steps.find((candidate) => candidate.id === 'scan_blender')!;
  expect(step.status).toBe('pending');
  return error.message;
}

async function throughLineClearance(batch: BatchView): Promise<void> {
  value(await floor.olga.connection.invoke('batches.start', { batchId: batch.id }));
  await doStep(floor, batch.id, 'start', { type: 'instruction', acknowledged: true });
  await doStep(floor, batch.id, 'line_clearance', { type: 'check', checked: [true, true, true] });
}

beforeAll(async () => {
  floor = await materialFloor();
  await registerBlender(floor, 1);
  first = await createBatch(floor.sven.connection, floor.recipes[DEMO]!, 'B2026-0600');
  second = await createBatch(floor.sven.connection, floor.recipes[DEMO]!, 'B2026-0601');
  await throughLineClearance(first);
  await throughLineClearance(second);
}, 240_000);

afterAll(async () => {
  await floor.fresh.cleanup();
});

describe('equipment status through batches and cleaning records', () => {
  it('refuses a step on a blender never cleaned since registration', async () => {
    expect((await blender()).condition).toBe('dirty');
    expect(await refusedAtBlender(first, 'equipment-dirty')).toBe(
      'EQ-BLD-010 is DIRTY: record its cleaning before use.',
    );
  });

  it('a cleaning record needs a second person to verify it, then makes the blender clean', async () => {
    const now = floor.fresh.clock.now();
    const record = {
      equipmentCode: 'EQ-BLD-010',
      procedure: 'SOP-CLN-014 v3',
      startedAtUtc: new Date(now - 45 * 60_000).toISOString(),
      endedAtUtc: new Date(now - 5 * 60_000).toISOString(),
      performer: { kind: 'self', password: floor.olga.password },
    };
    const byOperator = await floor.olga.connection.invoke('equipment.recordCleaning', {
      ...record,
      verifier: { kind: 'cosigner', username: 'oscar', password: floor.oscar.password },
    });
    expectError(byOperator, 'FORBIDDEN');
    const backwards = await floor.olga.connection.invoke('equipment.recordCleaning', {
      ...record,
      endedAtUtc: record.startedAtUtc,
      verifier: { kind: 'cosigner', username: 'sven', password: floor.sven.password },
    });
    expect(expectError(backwards, 'VALIDATION_FAILED').message).toMatch(/Cleaning ends after it starts/);
    expect((await blender()).logbook.map((entry) => entry.kind)).toEqual(['registered']);
    const cleaned = await recordCleaning(floor);
    expect(cleaned).toMatchObject({ condition: 'clean', abnormal: false });
    const entry = (await blender()).logbook.at(-1)!;
    expect(entry).toMatchObject({
      kind: 'cleaned',
      procedure: 'SOP-CLN-014 v3',
      performedByName: 'Olga Ölander',
      verifiedByName: 'Sven Sjöström',
    });
  });

  it('a batch that identifies the blender puts it in use; another batch is refused', async () => {
    await doStep(floor, first.id, 'scan_blender', { type: 'scan', code: 'EQ-BLD-010' });
    expect(await blender()).toMatchObject({ condition: 'in-use', inUseByBatchNumber: 'B2026-0600' });
    expect(await refusedAtBlender(second, 'equipment-in-use')).toBe(
      'EQ-BLD-010 is IN USE by batch B2026-0600: it cannot be used by this batch until that batch releases it and it is cleaned.',
    );
    const cleaning = await recordCleaningResult();
    expect(expectError(cleaning, 'CONFLICT').message).toMatch(/in use by batch B2026-0600/);
  });

  it('execution complete leaves it dirty; the next batch is refused until it is cleaned', async () => {
    await doStep(floor, first.id, 'w_api', { type: 'weighing', origin: 'manual', net: '2.000' });
    await doStep(floor, first.id, 'w_lactose', { type: 'weighing', origin: 'manual', net: '8.000' });
    await doStep(floor, first.id, 'blend_speed', { type: 'numeric', value: '12' });
    await waitMinutes(floor, 10.5);
    await doStep(floor, first.id, 'blend_time', { type: 'timer' });
    await doStep(floor, first.id, 'api_fraction', { type: 'calculation' });
    value(
      await floor.olga.connection.invoke('batches.completeExecution', {
        batchId: first.id,
        credentials: { kind: 'self', password: floor.olga.password },
      }),
    );
    expect(await blender()).toMatchObject({
      condition: 'dirty',
      lastProductCode: 'DEMO-TAB-100',
      inUseByBatchNumber: null,
    });
    expect(await refusedAtBlender(second, 'equipment-dirty')).toBe(
      'EQ-BLD-010 is DIRTY (last product DEMO-TAB-100): record its cleaning before use.',
    );
  });

  it('refuses it under maintenance, and after maintenance until cleaned', async () => {
    const change = (kind: string) =>
      floor.tina.connection.invoke('equipment.changeStatus', {
        equipmentCode: 'EQ-BLD-010',
        change: kind,
        reason: 'Preventive maintenance of the drive (WO-7781)',
        credentials: { kind: 'self', password: floor.tina.password },
      });
    expectError(
      await floor.olga.connection.invoke('equipment.changeStatus', {
        equipmentCode: 'EQ-BLD-010',
        change: 'maintenance-started',
        reason: 'An operator may not',
        credentials: { kind: 'self', password: floor.olga.password },
      }),
      'FORBIDDEN',
    );
    value(await change('maintenance-started'));
    expect(await blender()).toMatchObject({ condition: 'maintenance', abnormal: true });
    expect(await refusedAtBlender(second, 'equipment-maintenance')).toBe(
      'EQ-BLD-010 is UNDER MAINTENANCE: it cannot be used — ask a technician.',
    );
    expect(expectError(await recordCleaningResult(), 'CONFLICT').message).toMatch(/under maintenance/);
    value(await change('maintenance-ended'));
    expect(expectError(await change('maintenance-ended'), 'CONFLICT').message).toMatch(/is dirty/);
    await refusedAtBlender(second, 'equipment-dirty');
  });

  it('a clean status expires after its hold time by itself', async () => {
    await recordCleaning(floor);
    await waitMinutes(floor, 56);
    const expired = await blender();
    expect(expired).toMatchObject({ condition: 'clean-hold-expired', abnormal: true });
    expect(await refusedAtBlender(second, 'equipment-clean-hold-expired')).toMatch(
      /^EQ-BLD-010: the CLEAN HOLD EXPIRED on 2026-11-02 \d\d:\d\d UTC — clean it again before use\.$/,
    );
    await recordCleaning(floor);
    await doStep(floor, second.id, 'scan_blender', { type: 'scan', code: 'EQ-BLD-010' });
    expect(await blender()).toMatchObject({ condition: 'in-use', inUseByBatchNumber: 'B2026-0601' });
  });

  it('the logbook is derived from the records, in order, with batch and product; its signatures verify', async () => {
    const logbook = (await blender()).logbook;
    expect(logbook.map((entry) => [entry.kind, entry.batchNumber])).toEqual([
      ['registered', null],
      ['cleaned', null],
      ['in-use', 'B2026-0600'],
      ['released-dirty', 'B2026-0600'],
      ['maintenance-started', null],
      ['maintenance-ended', null],
      ['cleaned', null],
      ['cleaned', null],
      ['in-use', 'B2026-0601'],
    ]);
    expect(logbook[2]).toMatchObject({
      productCode: 'DEMO-TAB-100',
      text: 'In use — batch B2026-0600 (DEMO-TAB-100)',
    });
    const cleaning = logbook[1]!;
    const signatures = floor.fresh.app
      .runtime!.store.sqlite.prepare(
        "SELECT meaning, signer_username AS signer FROM signatures WHERE record_type = 'equipment-event' AND record_id = ?",
      )
      .all(cleaning.id);
    expect(signatures).toEqual([
      { meaning: 'performed', signer: 'olga' },
      { meaning: 'verified', signer: 'sven' },
    ]);
    const verification = value<AuditVerificationReport>(
      await floor.quinn.connection.invoke('audit.verify', {}),
    );
    expect(verification.intact).toBe(true);
    const list = value<EquipmentView[]>(await floor.olga.connection.invoke('equipment.list', {}));
    expect(list.map((item) => [item.code, item.condition])).toEqual([['EQ-BLD-010', 'in-use']]);
    const genealogy = value<GenealogyBatchView>(
      await floor.quinn.connection.invoke('genealogy.batch', { batchId: first.id }),
    );
    expect(genealogy.equipment).toEqual([
      expect.objectContaining({
        code: 'EQ-BLD-010',
        cleanStatusAtUse: expect.stringMatching(/clean until 2026-11-02/),
      }),
    ]);
  });
});

async function recordCleaningResult() {
  const now = floor.fresh.clock.now();
  return floor.olga.connection.invoke('equipment.recordCleaning', {
    equipmentCode: 'EQ-BLD-010',
    procedure: 'SOP-CLN-014 v3',
    startedAtUtc: new Date(now - 45 * 60_000).toISOString(),
    endedAtUtc: new Date(now - 5 * 60_000).toISOString(),
    performer: { kind: 'self', password: floor.olga.password },
    verifier: { kind: 'cosigner', username: floor.sven.username, password: floor.sven.password },
  });
}
