import type { Connection } from '../app';
import { EbrError } from '../../../shared/errors';

/**
 * Sample materials, lots and equipment for both sample recipes, registered through the channels
 * as people would (for `ebr demo` and tests): every lot status, equipment in every status. The ERP
 * file is `resources/lots/sample-lots.csv`; its text is passed in (the caller knows where the
 * resources are). Purified water (RM-9001) is not lot-controlled here and stays unregistered.
 */
export interface SamplePeople {
  /** Material handler: registers materials and imports the lots. */
  materialHandler: Connection;
  qa: { connection: Connection; password: string };
  technician: { connection: Connection; password: string };
  /** Cleans (signs "performed") … */
  cleaner: { connection: Connection; password: string };
  /** … and a second person verifies (signs "verified"). */
  verifier: { username: string; password: string };
}

export const sampleMaterials = [
  { code: 'RM-0100', name: 'Demotabin (active substance)', kind: 'active' },
  { code: 'RM-0200', name: 'Lactose monohydrate', kind: 'excipient' },
  { code: 'RM-1001', name: 'Paracetamol (acetaminophen), dense powder, Ph. Eur.', kind: 'active' },
  { code: 'RM-2010', name: 'Povidone K30', kind: 'excipient' },
  { code: 'RM-2020', name: 'Microcrystalline cellulose (PH-101)', kind: 'excipient' },
  { code: 'RM-2030', name: 'Croscarmellose sodium', kind: 'excipient' },
  { code: 'RM-2040', name: 'Magnesium stearate (vegetable origin)', kind: 'excipient' },
  { code: 'DEMO-TAB-100', name: 'Demotabin 100 mg blend', kind: 'intermediate' },
  { code: 'BLK-PCM500', name: 'Paracetamol 500 mg granules (bulk)', kind: 'intermediate' },
] as const;

/** Sample lots QA releases; L2026-118 stays in quarantine; one is rejected. */
const released = [
  'L2026-101',
  'L2026-201',
  'L2026-202',
  'L2026-301',
  'L2026-311',
  'L2026-321',
  'L2026-331',
  'L2026-341',
];

export const sampleEquipment = [
  { code: 'EQ-BLD-010', description: 'Bin blender, 30 L', room: 'Blending 1', clean: true },
  { code: 'EQ-GRN-001', description: 'High-shear granulator, 600 L', room: 'Granulation 2', clean: false },
  { code: 'EQ-FBD-001', description: 'Fluid-bed dryer, 200 kg bowl', room: 'Granulation 2', clean: true },
  { code: 'EQ-MIL-001', description: 'Conical mill, 1.0 mm screen', room: 'Granulation 2', clean: true },
  { code: 'EQ-BLD-001', description: 'Bin blender, 300 L', room: 'Blending 2', clean: true },
] as const;

async function call<T>(connection: Connection, channel: string, input: unknown): Promise<T> {
  const result = await connection.invoke(channel, input);
  if (!result.ok)
    throw new EbrError(result.error.code, `Sample data: ${channel} refused: ${result.error.message}`);
  return result.value as T;
}

export async function registerSampleWorld(
  people: SamplePeople,
  lotFileText: string,
  nowMs: number,
): Promise<void> {
  for (const material of sampleMaterials) {
    await call(people.materialHandler, 'materials.register', {
      fields: {
        ...material,
        baseUnit: 'kg',
        storageConditions: 'Store below 25 °C, protected from moisture',
      },
    });
  }
  await call(people.materialHandler, 'lots.import', { fileName: 'sample-lots.csv', text: lotFileText });
  await call(people.materialHandler, 'lots.register', {
    fields: {
      lotNumber: 'L2026-119',
      materialCode: 'RM-0100',
      supplier: 'Pharmachem GmbH',
      supplierLot: 'PC-24-7811',
      receivedDate: '2026-10-01',
      receivedQuantity: 5,
      containerCount: 2,
      expiryDate: '2028-09-30',
      potencyPercent: 96.1,
    },
  });
  const qa = { kind: 'self', password: people.qa.password };
  for (const lotNumber of released) {
    await call(people.qa.connection, 'lots.changeStatus', {
      lotNumber,
      status: 'released',
      reason: 'Certificate of analysis and identity test conform',
      credentials: qa,
    });
  }
  await call(people.qa.connection, 'lots.changeStatus', {
    lotNumber: 'L2026-119',
    status: 'rejected',
    reason: 'Assay 96.1 % is below the specification (98.0–102.0 %)',
    credentials: qa,
  });
  for (const item of sampleEquipment) {
    await call(people.technician.connection, 'equipment.register', {
      fields: {
        code: item.code,
        kind: 'equipment',
        description: item.description,
        room: item.room,
        cleanHoldHours: 72,
        dirtyHoldHours: 48,
        campaignBatches: 1,
      },
      reason: 'Qualified (IQ/OQ) and taken into use',
    });
    if (!item.clean) continue;
    await call(people.cleaner.connection, 'equipment.recordCleaning', {
      equipmentCode: item.code,
      procedure: 'SOP-CLN-014 v3',
      startedAtUtc: new Date(nowMs - 90 * 60_000).toISOString(),
      endedAtUtc: new Date(nowMs - 30 * 60_000).toISOString(),
      performer: { kind: 'self', password: people.cleaner.password },
      verifier: { kind: 'cosigner', ...people.verifier },
    });
  }
  await call(people.technician.connection, 'equipment.changeStatus', {
    equipmentCode: 'EQ-MIL-001',
    change: 'maintenance-started',
    reason: 'Screen replacement (work order WO-7781)',
    credentials: { kind: 'self', password: people.technician.password },
  });
}
