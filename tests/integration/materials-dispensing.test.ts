/**
 * Dispensing that enforces lot status (R211-84, R211-87, R211-184) through the channels, on a real
 * encrypted store: every refusal of the "Done when", audited; a released lot accepted from
 * its GS1 label; the potency-adjusted target; a multi-lot weighing; the remaining quantity.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordFile } from '../../shared/contract/records';
import type { BatchView, StepPreview } from '../../shared/contract/batches';
import type { LotView } from '../../shared/contract/materials';
import type { GenealogyBatchView, GenealogyLotView } from '../../shared/contract/materials';
import { createBatch } from '../helpers/batch-setup';
import { waitMinutes } from '../helpers/executed-batch';
import { reviewAndRelease } from '../helpers/reviewed-batch';
import { auditRowsAfter, expectError, json, lastAuditSeq, value } from '../helpers/identity';
import {
  completeWith,
  DEMO,
  doStep,
  GS,
  GTIN_DEMOTABIN,
  materialFloor,
  recordCleaning,
  registerBlender,
  registerLot,
  registerMaterial,
  setLotStatus,
  startStep,
  type MaterialFloor,
} from '../helpers/material-floor';

const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'screenshots', 'pdf');

let floor: MaterialFloor;
let batch: BatchView;

const label = (lot: string, container: number) =>
  `]d201${GTIN_DEMOTABIN}17280831` + `10${lot}${GS}21${container}`;
const weighing = (source: string, net = '2.010') => ({ type: 'weighing', origin: 'manual', net, source });

beforeAll(async () => {
  floor = await materialFloor();
  await registerMaterial(floor, 'RM-0100', 'Demotabin (active substance)', 'active');
  await registerMaterial(floor, 'RM-0200', 'Lactose monohydrate');
  await registerMaterial(floor, 'DEMO-TAB-100', 'Demotabin 100 mg blend', 'intermediate');
  await registerLot(floor, {
    lotNumber: 'L2026-101',
    materialCode: 'RM-0100',
    potencyPercent: 99.5,
    gtin: GTIN_DEMOTABIN,
    receivedQuantity: 5,
  });
  await registerLot(floor, { lotNumber: 'L2026-118', materialCode: 'RM-0100', potencyPercent: 99.5 });
  await registerLot(floor, { lotNumber: 'L2026-119', materialCode: 'RM-0100' });
  await registerLot(floor, {
    lotNumber: 'L2026-130',
    materialCode: 'RM-0100',
    receivedDate: '2024-09-01',
    expiryDate: '2026-10-31',
  });
  await registerLot(floor, { lotNumber: 'L2026-140', materialCode: 'RM-0100', retestDate: '2026-11-01' });
  await registerLot(floor, {
    lotNumber: 'L2026-201',
    materialCode: 'RM-0200',
    receivedQuantity: 5,
    containerCount: 1,
  });
  await registerLot(floor, {
    lotNumber: 'L2026-202',
    materialCode: 'RM-0200',
    receivedQuantity: 20,
    containerCount: 4,
  });
  for (const lot of ['L2026-101', 'L2026-130', 'L2026-140', 'L2026-201', 'L2026-202'])
    await setLotStatus(floor, lot, 'released');
  await setLotStatus(floor, 'L2026-119', 'rejected', 'Assay out of specification (96.1 %)');
  await registerBlender(floor);
  await recordCleaning(floor);
  batch = await createBatch(floor.sven.connection, floor.recipes[DEMO]!, 'B2026-0500');
  value(await floor.olga.connection.invoke('batches.start', { batchId: batch.id }));
  await doStep(floor, batch.id, 'start', { type: 'instruction', acknowledged: true });
  await doStep(floor, batch.id, 'line_clearance', { type: 'check', checked: [true, true, true] });
  await doStep(floor, batch.id, 'scan_blender', { type: 'scan', code: 'EQ-BLD-010' });
  value(await startStep(floor, batch.id, 'w_api'));
}, 240_000);

afterAll(async () => {
  await floor.fresh.cleanup();
});

describe('dispensing against the lot register', () => {
  it.each([
    [
      'a quarantined lot',
      'L2026-118',
      'lot-quarantined',
      'Lot L2026-118 is in QUARANTINE: it cannot be dispensed — ask QA.',
    ],
    [
      'a rejected lot',
      'L2026-119',
      'lot-rejected',
      'Lot L2026-119 is REJECTED: it cannot be dispensed — set it apart and tell QA.',
    ],
    [
      'an expired lot',
      'L2026-130',
      'lot-expired',
      'Lot L2026-130 EXPIRED on 2026-10-31: it cannot be dispensed — tell QA.',
    ],
    [
      'a lot past retest',
      'L2026-140',
      'lot-retest-due',
      'Lot L2026-140 was due for RETEST on 2026-11-01: it cannot be dispensed until QA releases it again.',
    ],
    [
      'a lot of another material',
      'L2026-201',
      'lot-wrong-material',
      'Lot L2026-201 is RM-0200, not RM-0100: it cannot be dispensed for this step — take the right material.',
    ],
  ])('refuses %s with its own message, audited, nothing recorded', async (_title, lot, reason, message) => {
    const before = lastAuditSeq(floor.fresh.app);
    const error = expectError(
      await completeWith(floor, batch.id, 'w_api', weighing(lot)),
      'EXECUTION_REFUSED',
    );
    expect(error.message).toBe(message);
    expect(error.details).toMatchObject({ reason, stepId: 'w_api' });
    const rows = auditRowsAfter(floor.fresh.app, before);
    expect(rows.map((row) => row.action)).toEqual(['batch.use-refused']);
    expect(rows[0]!.reason).toBe(message);
    expect(json(rows[0]!.new_value)).toMatchObject({ attempted: 'complete-step', reason, lotNumber: lot });
    const view = value<LotView>(await floor.mia.connection.invoke('lots.get', { lotNumber: lot }));
    expect(view.uses).toEqual([]);
  });

  it('refuses a label with a wrong check digit, an unknown AI and a lot that does not exist', async () => {
    const badCheck = `]d201${GTIN_DEMOTABIN.slice(0, 13)}5` + `10L2026-101`;
    const cases: [string, RegExp][] = [
      [
        badCheck,
        /the label cannot be read: AI \(01\) GTIN at position 5: check digit 5 is wrong \(expected 2\)/,
      ],
      [`]d201${GTIN_DEMOTABIN}95X${GS}10L2026-101`, /Unknown GS1 application identifier at position 19/],
      [`]d201${GTIN_DEMOTABIN}10L2099-999`, /lot L2099-999 is not registered/],
      ['L2099-998', /no lot is registered for "L2099-998"/],
    ];
    for (const [code, message] of cases) {
      const error = expectError(
        await completeWith(floor, batch.id, 'w_api', weighing(code)),
        'EXECUTION_REFUSED',
      );
      expect(error.details).toMatchObject({ reason: 'lot-unknown' });
      expect(error.message).toMatch(message);
    }
  });

  it('refuses a weighing of a registered material with no source scanned', async () => {
    const error = expectError(
      await completeWith(floor, batch.id, 'w_api', { type: 'weighing', origin: 'manual', net: '2.010' }),
      'EXECUTION_REFUSED',
    );
    expect(error.details).toMatchObject({ reason: 'lot-not-scanned' });
    expect(error.message).toBe('Weigh Demotabin: scan the source container of RM-0100 first.');
  });

  it('computes the potency-adjusted target and shows its arithmetic', async () => {
    const preview = value<StepPreview>(
      await floor.olga.connection.invoke('batches.previewStep', {
        batchId: batch.id,
        stepId: 'w_api',
        mode: 'complete',
        input: weighing(label('L2026-101', 1)),
      }),
    );
    expect(preview.value).toMatchObject({
      type: 'weighing',
      limits: { target: 2.01005, min: 2, max: 2.020101 },
      potency: {
        declaredPercent: 100,
        lotPercent: 99.5,
        lotNumber: 'L2026-101',
        arithmetic: '2.000 kg × 100 % / 99.5 % = 2.010 kg',
      },
      portions: [{ lotNumber: 'L2026-101', container: 1, net: 2.01 }],
    });
    expect(preview.withinLimits).toBe(true);
  });

  it('accepts a released lot from its GS1 label: the portion is consumed and the container can be emptied', async () => {
    const before = lastAuditSeq(floor.fresh.app);
    value(
      await completeWith(floor, batch.id, 'w_api', {
        ...weighing(label('L2026-101', 1)),
        containerEmptied: true,
      }),
    );
    expect(auditRowsAfter(floor.fresh.app, before).map((row) => row.action)).toContain('lot.dispensed');
    const lot = value<LotView>(await floor.mia.connection.invoke('lots.get', { lotNumber: 'L2026-101' }));
    expect(lot.remainingQuantity).toBeCloseTo(2.99, 9);
    expect(lot.emptiedContainers).toEqual([1]);
    expect(lot.uses).toEqual([
      expect.objectContaining({
        batchNumber: 'B2026-0500',
        stepId: 'w_api',
        container: 1,
        quantity: 2.01,
        statusAtUse: 'released',
        potencyAtUse: 99.5,
        dispensedByName: 'Olga Ölander',
      }),
    ]);
  });

  it('weighs from several lots, each portion its own consumption with its lot', async () => {
    value(await startStep(floor, batch.id, 'w_lactose'));
    const portions = [
      { source: 'L2026-201', net: '5.000', containerEmptied: true },
      { source: 'L2026-202', net: '3.000' },
    ];
    const wrongSum = expectError(
      await completeWith(floor, batch.id, 'w_lactose', {
        type: 'weighing',
        origin: 'manual',
        net: '7.000',
        portions,
      }),
      'EXECUTION_REFUSED',
    );
    expect(wrongSum.message).toMatch(/the net 7.000 kg is not the sum of its portions \(8.000 kg\)/);
    const tooMuch = expectError(
      await completeWith(floor, batch.id, 'w_lactose', {
        type: 'weighing',
        origin: 'manual',
        net: '8.000',
        portions: [
          { source: 'L2026-201', net: '6.000' },
          { source: 'L2026-202', net: '2.000' },
        ],
      }),
      'EXECUTION_REFUSED',
    );
    expect(tooMuch.details).toMatchObject({ reason: 'lot-insufficient' });
    const done = value<BatchView>(
      await completeWith(floor, batch.id, 'w_lactose', {
        type: 'weighing',
        origin: 'manual',
        net: '8.000',
        portions,
      }),
    );
    const step = done.steps.find((candidate) => candidate.id === 'w_lactose')!;
    expect(step.status).toBe('completed');
    const first = value<LotView>(await floor.mia.connection.invoke('lots.get', { lotNumber: 'L2026-201' }));
    const second = value<LotView>(await floor.mia.connection.invoke('lots.get', { lotNumber: 'L2026-202' }));
    expect([first.remainingQuantity, second.remainingQuantity]).toEqual([0, 17]);
    expect(first.uses.map((use) => use.quantity)).toEqual([5]);
    expect(second.uses.map((use) => use.quantity)).toEqual([3]);
  });

  it('refuses an emptied container and a lot with nothing left', async () => {
    const second = await createBatch(floor.sven.connection, floor.recipes[DEMO]!, 'B2026-0501');
    // A preview answers for a step not started yet: the register's refusal comes first.
    const error = expectError(
      await floor.olga.connection.invoke('batches.previewStep', {
        batchId: second.id,
        stepId: 'w_api',
        mode: 'complete',
        input: weighing(label('L2026-101', 1)),
      }),
      'EXECUTION_REFUSED',
    );
    expect(error.details).toMatchObject({ reason: 'container-emptied' });
    expect(error.message).toBe(
      'Container 1 of Lot L2026-101 was emptied already: scan a container that still holds material.',
    );
    const empty = expectError(
      await floor.olga.connection.invoke('batches.previewStep', {
        batchId: second.id,
        stepId: 'w_lactose',
        mode: 'complete',
        input: { type: 'weighing', origin: 'manual', net: '8.000', source: 'L2026-201' },
      }),
      'EXECUTION_REFUSED',
    );
    expect(empty.details).toMatchObject({ reason: 'lot-empty' });
  });

  it('follows genealogy both ways; the output lot waits in quarantine and is released with the batch', async () => {
    await doStep(floor, batch.id, 'blend_speed', { type: 'numeric', value: '12' });
    await waitMinutes(floor, 10.5);
    await doStep(floor, batch.id, 'blend_time', { type: 'timer' });
    await doStep(floor, batch.id, 'api_fraction', { type: 'calculation' });
    value(
      await floor.olga.connection.invoke('batches.completeExecution', {
        batchId: batch.id,
        credentials: { kind: 'self', password: floor.olga.password },
      }),
    );
    const forward = value<GenealogyLotView>(
      await floor.quinn.connection.invoke('genealogy.lot', { lotNumber: 'L2026-202' }),
    );
    expect(forward.batches).toEqual([
      expect.objectContaining({
        batchNumber: 'B2026-0500',
        productCode: 'DEMO-TAB-100',
        quantity: 3,
        unit: 'kg',
        portions: 1,
      }),
    ]);
    const backward = value<GenealogyBatchView>(
      await floor.quinn.connection.invoke('genealogy.batch', { batchId: batch.id }),
    );
    expect(
      backward.lots.map((lot) => [
        lot.lotNumber,
        lot.materialCode,
        lot.quantity,
        lot.containers,
        lot.statusAtUse,
      ]),
    ).toEqual([
      ['L2026-101', 'RM-0100', 2.01, [1], 'released'],
      ['L2026-201', 'RM-0200', 5, [], 'released'],
      ['L2026-202', 'RM-0200', 3, [], 'released'],
    ]);
    expect(backward.equipment.map((item) => item.code)).toEqual(['EQ-BLD-010']);
    expect(backward.outputLot).toMatchObject({
      lotNumber: 'B2026-0500',
      materialCode: 'DEMO-TAB-100',
      status: 'quarantine',
      receivedQuantity: 10,
      origin: 'batch-output',
    });
    const refused = expectError(
      await floor.olga.connection.invoke('batches.previewStep', {
        batchId: (await createBatch(floor.sven.connection, floor.recipes[DEMO]!, 'B2026-0502')).id,
        stepId: 'w_api',
        mode: 'complete',
        input: weighing('B2026-0500'),
      }),
      'EXECUTION_REFUSED',
    );
    expect(refused.details).toMatchObject({ reason: 'lot-wrong-material' });

    await reviewAndRelease(floor, batch.id);
    const output = value<LotView>(
      await floor.quinn.connection.invoke('lots.get', { lotNumber: 'B2026-0500' }),
    );
    expect(output.status).toBe('released');
    const release = output.history.at(-1)!;
    expect(release).toMatchObject({ status: 'released', changedByName: 'Quinn Quérard' });
    expect(release.reason).toMatch(/^Batch B2026-0500 released by QA: /);
    expect(release.signature).toMatchObject({
      meaning: 'released',
      signerUsername: 'quinn',
      record: { type: 'batch-decision' },
    });
    expect(release.signature!.verification.valid).toBe(true);
  });
});

describe('the batch record holds the register at the time of use', () => {
  it('prints each lot portion with its status, potency, amount and container, and each item with its clean status at use; the electronic copy holds the same', async () => {
    // L2026-202 goes back to quarantine after the batch: the record keeps "released", its status at use.
    await setLotStatus(floor, 'L2026-202', 'quarantine', 'Investigation of a supplier complaint');
    const copy = value<RecordFile>(
      await floor.quinn.connection.invoke('records.electronicCopy', { batchId: batch.id }),
    );
    const document = JSON.parse(Buffer.from(copy.base64, 'base64').toString('utf8')) as {
      materials: { portions: Record<string, unknown>[]; outputLotNumber: string | null };
      equipment: Record<string, unknown>[];
    };
    expect(
      document.materials.portions.map((portion) => [
        portion.lotNumber,
        portion.materialCode,
        portion.quantity,
        portion.container,
        portion.containerEmptied,
        portion.statusAtUse,
        portion.potencyAtUse,
        portion.stepId,
      ]),
    ).toEqual([
      ['L2026-101', 'RM-0100', 2.01, 1, true, 'released', 99.5, 'w_api'],
      ['L2026-201', 'RM-0200', 5, null, true, 'released', null, 'w_lactose'],
      ['L2026-202', 'RM-0200', 3, null, false, 'released', null, 'w_lactose'],
    ]);
    expect(document.materials.outputLotNumber).toBe('B2026-0500');
    expect(document.equipment).toEqual([
      expect.objectContaining({
        code: 'EQ-BLD-010',
        stepId: 'scan_blender',
        cleanStatusAtUse: expect.stringMatching(/^clean until /),
        lastCleaning: expect.objectContaining({
          procedure: 'SOP-CLN-014 v3',
          performedByName: 'Olga Ölander',
          verifiedByName: floor.sven.fullName,
        }),
        leftDirtyAtUtc: expect.stringMatching(/^20\d\d-/),
      }),
    ]);

    const pdf = value<RecordFile>(
      await floor.quinn.connection.invoke('records.batchPdf', { batchId: batch.id }),
    );
    const folder = mkdtempSync(join(tmpdir(), 'ebr-world-record-'));
    const file = join(folder, 'batch-record.pdf');
    writeFileSync(file, Buffer.from(pdf.base64, 'base64'));
    const text = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Lots dispensed (register at the time of use)');
    expect(text).toMatch(/L2026-101 .*RM-0100 .*Released 99\.5 % 2\.010 kg 1 emptied/);
    expect(text).toMatch(/L2026-202 .*Released — 3\.000 kg not named/);
    expect(text).toMatch(/L2026-201 .*Released — 5\.000 kg not named emptied/);
    expect(text).toContain('L2026-201 5.000 kg in 1 portion (containers not named)');
    expect(text).toContain("This batch's output is lot B2026-0500");
    expect(text).toContain('Equipment and rooms (register at the time of use)');
    expect(text).toMatch(/EQ-BLD-010 .*Blending 1 clean until .*SOP-CLN-014 v3 .*performed by Olga Ölander/);
    mkdirSync(SCREENSHOTS, { recursive: true });
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '2',
      '-l',
      '2',
      file,
      join(SCREENSHOTS, 'record-world'),
    ]);
    rmSync(folder, { recursive: true, force: true });
  });
});
