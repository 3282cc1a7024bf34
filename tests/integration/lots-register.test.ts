/**
 * The material master and lots (R211-84, R211-87) through the channels: registration by the
 * material handler, the ERP import (every problem with line and column, nothing imported on any),
 * QA's signed status changes, expiry and retest acting by themselves, and who may do what.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LotImportProblem, LotImportResult, LotSummary, LotView } from '../../shared/contract/materials';
import { auditRowsAfter, expectError, lastAuditSeq, value } from '../helpers/identity';
import { waitMinutes } from '../helpers/executed-batch';
import {
  materialFloor,
  registerLot,
  registerMaterial,
  setLotStatus,
  type MaterialFloor,
} from '../helpers/material-floor';

let floor: MaterialFloor;
const SAMPLE = join(import.meta.dirname, '..', '..', 'resources', 'lots', 'sample-lots.csv');

beforeAll(async () => {
  floor = await materialFloor();
  await registerMaterial(floor, 'RM-0100', 'Demotabin (active substance)', 'active');
  await registerMaterial(floor, 'RM-0200', 'Lactose monohydrate');
}, 240_000);

afterAll(async () => {
  await floor.fresh.cleanup();
});

const importLots = (text: string, fileName = 'erp-export.csv') =>
  floor.mia.connection.invoke('lots.import', { fileName, text });

describe('lots', () => {
  it('a lot registered by hand starts in quarantine; its number is never reused', async () => {
    const lot = await registerLot(floor, {
      lotNumber: 'l2026-900',
      materialCode: 'RM-0100',
      potencyPercent: 99.1,
    });
    expect(lot).toMatchObject({
      lotNumber: 'L2026-900',
      status: 'quarantine',
      condition: 'quarantine',
      unit: 'kg',
      remainingQuantity: 10,
    });
    expect(lot.history).toEqual([
      expect.objectContaining({
        status: 'quarantine',
        changedByName: 'Mia Materialhandler',
        signature: null,
      }),
    ]);
    const again = await floor.mia.connection.invoke('lots.register', {
      fields: {
        lotNumber: 'L2026-900',
        materialCode: 'RM-0100',
        supplier: 'X',
        supplierLot: 'Y',
        receivedDate: '2026-09-01',
        receivedQuantity: 1,
        containerCount: 1,
        expiryDate: '2027-01-01',
      },
    });
    expect(expectError(again, 'CONFLICT').message).toBe(
      'Lot number L2026-900 is already used; lot numbers are never reused.',
    );
    const unknown = await floor.mia.connection.invoke('lots.register', {
      fields: {
        lotNumber: 'L2026-901',
        materialCode: 'RM-7777',
        supplier: 'X',
        supplierLot: 'Y',
        receivedDate: '2026-09-01',
        receivedQuantity: 1,
        containerCount: 1,
        expiryDate: '2026-08-01',
      },
    });
    const invalid = expectError(unknown, 'VALIDATION_FAILED');
    expect(JSON.stringify(invalid.details)).toMatch(/The expiry date must be after the received date/);
  });

  it('only a material handler registers, only QA changes status', async () => {
    expectError(
      await floor.olga.connection.invoke('materials.register', {
        fields: { code: 'RM-9', name: 'X', kind: 'active', baseUnit: 'kg' },
      }),
      'FORBIDDEN',
    );
    expectError(
      await floor.olga.connection.invoke('lots.import', { fileName: 'x.csv', text: '' }),
      'FORBIDDEN',
    );
    const byHandler = await floor.mia.connection.invoke('lots.changeStatus', {
      lotNumber: 'L2026-900',
      status: 'released',
      reason: 'I think it is fine',
      credentials: { kind: 'self', password: floor.mia.password },
    });
    expect(expectError(byHandler, 'FORBIDDEN').details).toEqual({ permission: 'materials.release' });
  });

  it('QA releases with a signature and a reason; moves a released lot back to quarantine; a rejected lot stays rejected', async () => {
    const wrongPassword = await floor.quinn.connection.invoke('lots.changeStatus', {
      lotNumber: 'L2026-900',
      status: 'released',
      reason: 'CoA conforms',
      credentials: { kind: 'self', password: 'not-the-password' },
    });
    expectError(wrongPassword, 'INVALID_CREDENTIALS');
    const before = lastAuditSeq(floor.fresh.app);
    const released = await setLotStatus(floor, 'L2026-900', 'released', 'CoA and identity test (IR) conform');
    expect(released.status).toBe('released');
    expect(auditRowsAfter(floor.fresh.app, before).map((row) => row.action)).toEqual([
      'signature.applied',
      'lot.status-changed',
    ]);
    const signature = released.history.at(-1)!.signature!;
    expect(signature).toMatchObject({
      meaning: 'released',
      signerUsername: 'quinn',
      verification: { valid: true },
    });
    const back = await setLotStatus(
      floor,
      'L2026-900',
      'quarantine',
      'Customer complaint: investigation INV-2026-031',
    );
    expect(back.history.map((event) => event.status)).toEqual(['quarantine', 'released', 'quarantine']);
    expect(back.history.at(-1)!.signature).toMatchObject({ meaning: 'quarantined' });
    const rejected = await setLotStatus(
      floor,
      'L2026-900',
      'rejected',
      'Investigation confirmed contamination',
    );
    expect(rejected.condition).toBe('rejected');
    const again = await floor.quinn.connection.invoke('lots.changeStatus', {
      lotNumber: 'L2026-900',
      status: 'released',
      reason: 'Try again',
      credentials: { kind: 'self', password: floor.quinn.password },
    });
    expect(expectError(again, 'CONFLICT').message).toBe(
      'Lot L2026-900 is REJECTED: it cannot be moved to RELEASED (a rejected lot stays rejected).',
    );
  });

  it('lists every problem of an ERP file with line and column, and imports nothing', async () => {
    const text = [
      'lot_number,material_code,supplier,supplier_lot,received_date,received_quantity,container_count,expiry_date,potency_percent,colour',
      'L2026-910,RM-0100,Pharmachem,PC-1,2026-09-01,5,2,2028-08-31,99.5,blue',
    ].join('\n');
    const header = expectError(await importLots(text), 'VALIDATION_FAILED');
    expect(header.details!.problems).toEqual([
      { line: 1, column: 'colour', message: expect.stringMatching(/^Unknown column "colour"/) },
    ]);
    const rows = [
      'lot_number,material_code,supplier,supplier_lot,received_date,received_quantity,container_count,expiry_date,retest_date,potency_percent',
      'L2026-910,RM-0100,Pharmachem,PC-1,2026-09-01,5,2,2028-08-31,,99.5',
      'L2026-911,RM-0100,Pharmachem,PC-2,2026-09-01,five,2,2028-08-31,,',
      'L2026-912,RM-7777,Pharmachem,PC-3,2026-09-01,5,2,2028-08-31,,',
      'L2026-913,RM-0200,"Lactalis, Pharma",LI-1,2026-09-31,5,2,2028-08-31,,',
      'L2026-910,RM-0200,Lactalis,LI-2,2026-09-01,5,2,2028-08-31,,',
      'L2026-900,RM-0200,Lactalis,LI-3,2026-09-01,5,2,2028-08-31,2029-01-01,120',
      'L2026-914,RM-0200,Lactalis,LI-4,2026-09-01,5,2',
    ].join('\r\n');
    const before = lastAuditSeq(floor.fresh.app);
    const error = expectError(await importLots(rows), 'VALIDATION_FAILED');
    const problems = error.details!.problems as LotImportProblem[];
    expect(problems).toEqual([
      { line: 3, column: 'received_quantity', message: '"five" is not a number (use a dot for decimals).' },
      { line: 4, column: 'material_code', message: 'Material RM-7777 is not registered.' },
      { line: 5, column: 'received_date', message: 'Not a calendar date.' },
      { line: 6, column: 'lot_number', message: 'Lot L2026-910 is already on line 2 of this file.' },
      { line: 7, column: 'potency_percent', message: 'Potency is at most 100 %.' },
      { line: 7, column: 'retest_date', message: 'The retest date cannot be after the expiry date.' },
      { line: 8, column: '', message: 'This line has 7 fields; the header has 10.' },
    ]);
    expect(error.message).toMatch(
      /^erp-export\.csv: 7 problems, nothing imported\. First: line 3, column received_quantity/,
    );
    expect(auditRowsAfter(floor.fresh.app, before)).toEqual([]);
    const lots = value<LotSummary[]>(await floor.mia.connection.invoke('lots.list', { search: 'L2026-91' }));
    expect(lots).toEqual([]);
    expect(
      (
        expectError(await importLots('lot_number,material_code\n"L1,RM-0100\n'), 'VALIDATION_FAILED').details!
          .problems as LotImportProblem[]
      )[0],
    ).toEqual({ line: 2, column: '', message: 'A quoted field is not closed.' });
  });

  it('imports the sample ERP file (lots of registered materials) in one transaction, all in quarantine', async () => {
    for (const [code, name] of [
      ['RM-1001', 'Paracetamol'],
      ['RM-2010', 'Povidone K30'],
      ['RM-2020', 'Microcrystalline cellulose'],
      ['RM-2030', 'Croscarmellose sodium'],
      ['RM-2040', 'Magnesium stearate'],
    ] as const) {
      await registerMaterial(floor, code, name);
    }
    const before = lastAuditSeq(floor.fresh.app);
    const result = value<LotImportResult>(await importLots(readFileSync(SAMPLE, 'utf8'), 'sample-lots.csv'));
    expect(result.imported.map((lot) => lot.lotNumber)).toEqual([
      'L2026-101',
      'L2026-118',
      'L2026-201',
      'L2026-202',
      'L2026-301',
      'L2026-311',
      'L2026-321',
      'L2026-331',
      'L2026-341',
    ]);
    expect(new Set(result.imported.map((lot) => lot.status))).toEqual(new Set(['quarantine']));
    expect(result.imported[2]).toMatchObject({
      supplier: 'Lactalis Ingredients, Pharma',
      gtin: null,
      retestDate: null,
      potencyPercent: null,
    });
    const actions = auditRowsAfter(floor.fresh.app, before).map((row) => row.action);
    expect(actions.filter((action) => action === 'lot.registered')).toHaveLength(9);
    expect(actions.at(-1)).toBe('lot.imported');
    expect(
      expectError(await importLots(readFileSync(SAMPLE, 'utf8'), 'sample-lots.csv'), 'VALIDATION_FAILED')
        .message,
    ).toMatch(
      /9 problems, nothing imported\. First: line 2, column lot_number: Lot number L2026-101 is already used/,
    );
  });

  it('expiry and retest make a released lot unusable by themselves; lists filter by status and expiring soon', async () => {
    await registerLot(floor, { lotNumber: 'L2026-950', materialCode: 'RM-0200', expiryDate: '2026-11-02' });
    await registerLot(floor, { lotNumber: 'L2026-951', materialCode: 'RM-0200', retestDate: '2026-11-20' });
    await setLotStatus(floor, 'L2026-950', 'released');
    await setLotStatus(floor, 'L2026-951', 'released');
    const soon = value<LotSummary[]>(
      await floor.quinn.connection.invoke('lots.list', { expiringWithinDays: 30 }),
    );
    expect(soon.map((lot) => lot.lotNumber)).toEqual(['L2026-950', 'L2026-951']);
    // The next day (the clock only: nobody acts on the lot).
    await waitMinutes(floor, 17 * 60);
    const lot = value<LotView>(await floor.quinn.connection.invoke('lots.get', { lotNumber: 'L2026-950' }));
    expect([lot.status, lot.condition]).toEqual(['released', 'expired']);
    const expired = value<LotSummary[]>(
      await floor.quinn.connection.invoke('lots.list', { status: 'expired' }),
    );
    expect(expired.map((candidate) => candidate.lotNumber)).toEqual(['L2026-950']);
    const quarantined = value<LotSummary[]>(
      await floor.quinn.connection.invoke('lots.list', { status: 'quarantine', materialCode: 'RM-0100' }),
    );
    expect(quarantined.map((candidate) => candidate.lotNumber)).toEqual(['L2026-101', 'L2026-118']);
  });
});
