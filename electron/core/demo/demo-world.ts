/**
 * The demo's materials, lots and equipment (issue 17 item 8): the sample world of both recipes
 * (`registerSampleWorld`: lots released, in quarantine and rejected; equipment clean, dirty and
 * under maintenance) plus what a plant floor also shows — a second Demotabin lot for the multi-lot
 * weighing, a tablet press clean and free, a sieve whose clean hold has run out, a blender never
 * cleaned, a coater under maintenance and a granulator out of service — all through the channels.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { registerSampleWorld } from '../materials/sample-data';
import { call, type DemoFloor } from './demo-floor';
import { DEMO_STAFF } from './demo-cast';

const SAMPLE_LOTS = fileURLToPath(new URL('../../../resources/lots/sample-lots.csv', import.meta.url));
const MINUTE = 60_000;

/** Equipment only the demo registers: one item per status the sample world does not show. */
const FLOOR_ITEMS = [
  { code: 'EQ-TAB-001', description: 'Rotary tablet press, 36 stations', room: 'Compression 1', hold: 72 },
  { code: 'EQ-SIE-001', description: 'Vibratory sieve, 1.0 mm', room: 'Blending 1', hold: 1 },
  { code: 'EQ-BLD-020', description: 'Bin blender, 60 L', room: 'Blending 1', hold: 72 },
  { code: 'EQ-COA-001', description: 'Pan coater, 150 kg', room: 'Coating 1', hold: 72 },
  { code: 'EQ-GRN-002', description: 'High-shear granulator, 300 L', room: 'Granulation 1', hold: 72 },
] as const;

/** Olga cleans (signs "performed"), Sven verifies (signs "verified"); the cleaning just ended. */
export async function cleanItem(floor: DemoFloor, code: string, procedure = 'SOP-CLN-014 v3'): Promise<void> {
  await floor.pass(20);
  const now = floor.clock.now();
  await call(floor.window('olga').connection, 'equipment.recordCleaning', {
    equipmentCode: code,
    procedure,
    startedAtUtc: new Date(now - 18 * MINUTE).toISOString(),
    endedAtUtc: new Date(now - 2 * MINUTE).toISOString(),
    performer: floor.self('olga'),
    verifier: { kind: 'cosigner', username: DEMO_STAFF.sven.username, password: DEMO_STAFF.sven.password },
  });
}

async function serviceChange(floor: DemoFloor, code: string, change: string, reason: string): Promise<void> {
  await call(floor.window('tina').connection, 'equipment.changeStatus', {
    equipmentCode: code,
    change,
    reason,
    credentials: floor.self('tina'),
  });
}

export async function registerDemoWorld(floor: DemoFloor): Promise<void> {
  const person = (name: 'quinn' | 'tina' | 'olga') => ({
    connection: floor.window(name).connection,
    password: DEMO_STAFF[name].password,
  });
  await registerSampleWorld(
    {
      materialHandler: floor.window('mia').connection,
      qa: person('quinn'),
      technician: person('tina'),
      cleaner: person('olga'),
      verifier: { username: DEMO_STAFF.sven.username, password: DEMO_STAFF.sven.password },
    },
    readFileSync(SAMPLE_LOTS, 'utf8'),
    floor.clock.now(),
  );
  // A second Demotabin lot: DEMO-0003 empties L2026-101 and takes the rest from it.
  await call(floor.window('mia').connection, 'lots.register', {
    fields: {
      lotNumber: 'L2026-102',
      materialCode: 'RM-0100',
      supplier: 'Pharmachem GmbH',
      supplierLot: 'PC-24-7790',
      gtin: '09506000134352',
      receivedDate: '2026-09-20',
      receivedQuantity: 5,
      containerCount: 2,
      expiryDate: '2028-09-19',
      potencyPercent: 99.5,
    },
  });
  await call(floor.window('quinn').connection, 'lots.changeStatus', {
    lotNumber: 'L2026-102',
    status: 'released',
    reason: 'Certificate of analysis and identity test conform',
    credentials: floor.self('quinn'),
  });
  // The wet granulation needs its mill back and its granulator clean (a cleaning record makes it usable).
  await serviceChange(floor, 'EQ-MIL-001', 'maintenance-ended', 'Screen replaced (work order WO-7781)');
  await cleanItem(floor, 'EQ-MIL-001');
  await cleanItem(floor, 'EQ-GRN-001', 'SOP-CLN-021 v2 (product change)');

  for (const item of FLOOR_ITEMS) {
    await call(floor.window('tina').connection, 'equipment.register', {
      fields: {
        code: item.code,
        kind: 'equipment',
        description: item.description,
        room: item.room,
        cleanHoldHours: item.hold,
        dirtyHoldHours: 48,
        campaignBatches: 1,
      },
      reason: 'Qualified (IQ/OQ) and taken into use',
    });
  }
  // Clean and free; clean hold (1 h) runs out while the story goes on; EQ-BLD-020 stays dirty.
  await cleanItem(floor, 'EQ-TAB-001');
  await cleanItem(floor, 'EQ-SIE-001');
  await serviceChange(floor, 'EQ-COA-001', 'maintenance-started', 'Spray gun overhaul (work order WO-7802)');
  await serviceChange(floor, 'EQ-GRN-002', 'out-of-service', 'Impeller seal failed; awaiting spare part');
}
