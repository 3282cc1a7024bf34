/**
 * A store with the material and equipment registers in use, reached through connections: the
 * records floor (operators, supervisor, QA, technician) plus Mia, the material handler; the demo
 * recipe effective; materials, lots in every status and the blender registered.
 */
import type { BatchView, StepPreview } from '../../shared/contract/batches';
import type { LotView } from '../../shared/contract/materials';
import { signIn } from './fresh-app';
import { recordFloor, type Person, type RecordFloor } from './executed-batch';
import { createUser, TEMPORARY_PASSWORD, USER_PASSWORD, value } from './identity';

export const DEMO = 'demo-tablet-blend.json';
export const GTIN_DEMOTABIN = '09506000134352';
export const GS = '\u001d';

export interface MaterialFloor extends RecordFloor {
  mia: Person;
}

export async function materialFloor(): Promise<MaterialFloor> {
  const floor = await recordFloor([DEMO]);
  await createUser(floor.admin, 'mia', ['material-handler'], { fullName: 'Mia Materialhandler' });
  const { connection } = await signIn(floor.fresh.app, 'mia', TEMPORARY_PASSWORD, USER_PASSWORD);
  const mia: Person = {
    username: 'mia',
    fullName: 'Mia Materialhandler',
    password: USER_PASSWORD,
    connection,
  };
  floor.people.push(mia);
  return { ...floor, mia };
}

export async function registerMaterial(floor: MaterialFloor, code: string, name: string, kind = 'excipient') {
  return value(
    await floor.mia.connection.invoke('materials.register', {
      fields: { code, name, kind, baseUnit: 'kg', storageConditions: 'Store below 25 °C, dry' },
    }),
  );
}

export interface LotPlan {
  lotNumber: string;
  materialCode: string;
  receivedQuantity?: number;
  containerCount?: number;
  receivedDate?: string;
  expiryDate?: string;
  retestDate?: string;
  potencyPercent?: number;
  gtin?: string;
}

export async function registerLot(floor: MaterialFloor, plan: LotPlan): Promise<LotView> {
  return value<LotView>(
    await floor.mia.connection.invoke('lots.register', {
      fields: {
        supplier: 'Pharmachem GmbH',
        supplierLot: `S-${plan.lotNumber}`,
        receivedDate: '2026-09-01',
        receivedQuantity: 10,
        containerCount: 2,
        expiryDate: '2028-08-31',
        ...plan,
      },
    }),
  );
}

export async function setLotStatus(
  floor: MaterialFloor,
  lotNumber: string,
  status: 'released' | 'rejected' | 'quarantine',
  reason = 'Certificate of analysis and identity test conform',
): Promise<LotView> {
  return value<LotView>(
    await floor.quinn.connection.invoke('lots.changeStatus', {
      lotNumber,
      status,
      reason,
      credentials: { kind: 'self', password: floor.quinn.password },
    }),
  );
}

export async function registerBlender(floor: MaterialFloor, cleanHoldHours = 1) {
  return value(
    await floor.tina.connection.invoke('equipment.register', {
      fields: {
        code: 'EQ-BLD-010',
        kind: 'equipment',
        description: 'Bin blender, 30 L',
        room: 'Blending 1',
        cleanHoldHours,
        dirtyHoldHours: 48,
        campaignBatches: 1,
      },
      reason: 'Qualified and taken into use',
    }),
  );
}

/** Olga cleaned it (signed "performed"), Sven verified (co-signed "verified"). */
export async function recordCleaning(floor: MaterialFloor, code = 'EQ-BLD-010') {
  const now = floor.fresh.clock.now();
  return value(
    await floor.olga.connection.invoke('equipment.recordCleaning', {
      equipmentCode: code,
      procedure: 'SOP-CLN-014 v3',
      startedAtUtc: new Date(now - 45 * 60_000).toISOString(),
      endedAtUtc: new Date(now - 5 * 60_000).toISOString(),
      performer: { kind: 'self', password: floor.olga.password },
      verifier: { kind: 'cosigner', username: floor.sven.username, password: floor.sven.password },
    }),
  );
}

function credentialsFor(floor: RecordFloor, actor: Person, need: StepPreview['requiredSignatures'][number]) {
  if (need.byActor || (need.role === 'operator' && !need.distinctFromPerformer)) {
    return { kind: 'self' as const, password: actor.password };
  }
  const signer = need.role === 'supervisor' ? floor.sven : need.role === 'qa' ? floor.quinn : floor.oscar;
  return { kind: 'cosigner' as const, username: signer.username, password: signer.password };
}

/** Previews, then completes a started step with this input and the signatures it asks for. */
export async function completeWith(
  floor: RecordFloor,
  batchId: string,
  stepId: string,
  input: Record<string, unknown>,
  actor: Person = floor.olga,
) {
  const preview = await actor.connection.invoke('batches.previewStep', {
    batchId,
    stepId,
    mode: 'complete',
    input,
  });
  if (!preview.ok) return preview;
  return actor.connection.invoke('batches.completeStep', {
    batchId,
    stepId,
    input,
    signatures: (preview.value as StepPreview).requiredSignatures.map((need) => ({
      meaning: need.meaning,
      credentials: credentialsFor(floor, actor, need),
    })),
  });
}

export async function startStep(
  floor: RecordFloor,
  batchId: string,
  stepId: string,
  actor: Person = floor.olga,
) {
  return actor.connection.invoke('batches.startStep', { batchId, stepId });
}

/** Starts and completes a step, failing the test on any refusal. */
export async function doStep(
  floor: RecordFloor,
  batchId: string,
  stepId: string,
  input: Record<string, unknown>,
  actor: Person = floor.olga,
): Promise<BatchView> {
  value(await startStep(floor, batchId, stepId, actor));
  return value<BatchView>(await completeWith(floor, batchId, stepId, input, actor));
}
