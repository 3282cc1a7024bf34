import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { RecordedValue } from '../../../shared/batches/recorded-value';
import type { StepInput } from '../../../shared/batches/step-input';
import { looksLikeGs1, parseGs1 } from '../../../shared/materials/gs1';
import type { AuditRecorder } from '../audit/audit-trail';
import { toUtcIso } from '../clock';
import type { LoadedBatch } from '../batches/batch-state';
import type { Actor, BatchWorld, Effect, ResolvedSource } from '../batches/engine/engine-types';
import type { EquipmentRegister } from '../equipment/equipment-register';
import { readEquipmentItem } from '../equipment/equipment-records';
import { lotFactsOf, readLot, readLotByGs1, readMaterial, type LotRow } from './lot-records';
import type { MaterialRegister } from './material-register';

export interface BatchWorldDeps {
  sqlite: Database.Database;
  materials: MaterialRegister;
  equipment: EquipmentRegister;
}

/** What a submitted input names, for the world the engine checks. */
export interface WorldRequest {
  stepId?: string;
  input?: StepInput;
}

/**
 * Between the batch engine and the registers: reads the facts an event needs (registered materials
 * and equipment, the lots a scan names) and writes what the engine decided (consumptions, equipment
 * use and release, the batch's output lot), inside the batch's transaction.
 */
export class BatchWorldProvider {
  constructor(private readonly deps: BatchWorldDeps) {}

  /** undefined when nothing the recipe names is registered: the batch runs as it always has. */
  resolve(loaded: LoadedBatch, request: WorldRequest = {}): BatchWorld | undefined {
    const { recipe } = loaded;
    const materialCodes = new Set(recipe.materials.map((material) => material.code));
    const equipmentCodes = new Set(recipe.equipment.map((item) => item.id));
    for (const step of loaded.state.steps) {
      const definition = step.definition;
      if ('material' in definition && definition.material) materialCodes.add(definition.material);
      if ('equipment' in definition && definition.equipment) equipmentCodes.add(definition.equipment);
    }
    const registeredMaterials = [...materialCodes].filter(
      (code) => readMaterial(this.deps.sqlite, code) !== null,
    );
    const equipment: Record<string, BatchWorld['equipment'][string]> = {};
    for (const code of equipmentCodes) {
      const item = readEquipmentItem(this.deps.sqlite, code);
      if (item) equipment[code] = { id: item.id, state: this.deps.equipment.stateOf(item) };
    }
    if (registeredMaterials.length === 0 && Object.keys(equipment).length === 0) return undefined;
    return {
      batchId: loaded.row.id,
      productCode: loaded.row.productCode,
      registeredMaterials,
      equipment,
      sources: this.sources(loaded, request),
    };
  }

  private sources(loaded: LoadedBatch, { stepId, input }: WorldRequest): ResolvedSource[] {
    const step = loaded.state.steps.find((candidate) => candidate.id === stepId);
    if (!step || !input) return [];
    const definition = step.definition;
    if (definition.type === 'scan' && input.type === 'scan' && definition.subject === 'material-lot') {
      return [this.resolveCode(input.code, false)];
    }
    if (definition.type !== 'weighing' || input.type !== 'weighing') return [];
    if (input.origin === 'manual' && input.portions) {
      return input.portions.map((portion) => ({
        ...this.resolveCode(portion.source, portion.containerEmptied ?? false),
        net: Number(portion.net),
      }));
    }
    if (input.source) return [this.resolveCode(input.source, input.containerEmptied ?? false)];
    // The lot scanned for this material earlier in the batch (a recipe's "scan the lot" step).
    const scanned = [...loaded.state.steps]
      .reverse()
      .find(
        (candidate) =>
          candidate.definition.type === 'scan' &&
          candidate.definition.subject === 'material-lot' &&
          candidate.definition.material === definition.material &&
          candidate.value?.type === 'scan',
      );
    const value = scanned?.value as Extract<RecordedValue, { type: 'scan' }> | undefined;
    return value ? [this.resolveCode(value.code, input.containerEmptied ?? false)] : [];
  }

  /** A GS1 label, an internal lot number, or "MATERIAL/LOT" → the lot and container it names. */
  resolveCode(code: string, containerEmptied: boolean): ResolvedSource {
    const found = (row: LotRow | null, container: number | null, problem: string | null): ResolvedSource => ({
      code,
      lotId: row?.id ?? null,
      lot: row ? lotFactsOf(row) : null,
      container,
      problem: row ? problem : (problem ?? `no lot is registered for "${code.replaceAll('\u001d', '<GS>')}"`),
      containerEmptied,
    });
    if (looksLikeGs1(code)) {
      const parsed = parseGs1(code);
      if (!parsed.ok) return found(null, null, `the label cannot be read: ${parsed.message}`);
      if (parsed.data.lot === null) return found(null, null, 'the label carries no lot number (AI 10)');
      const serial = parsed.data.serial;
      const row = readLotByGs1(this.deps.sqlite, parsed.data.gtin, parsed.data.lot);
      if (row === null) return found(null, null, `lot ${parsed.data.lot} is not registered`);
      const container = serial !== null && /^\d{1,3}$/.test(serial) ? Number(serial) : null;
      if (serial !== null && container === null) {
        return found(
          row,
          null,
          `container serial ${serial} is not a container number of lot ${row.lotNumber}`,
        );
      }
      return found(row, container, null);
    }
    const upper = code.trim().toUpperCase();
    const row =
      readLot(this.deps.sqlite, upper) ??
      (upper.includes('/') ? readLot(this.deps.sqlite, upper.slice(upper.lastIndexOf('/') + 1)) : null);
    return found(row, null, null);
  }

  /** Inside the batch's transaction, after the batch's own effects. */
  write(
    loaded: LoadedBatch,
    effects: readonly Effect[],
    actor: Actor,
    nowMs: number,
    record: AuditRecorder['record'],
  ): void {
    const batch = {
      id: loaded.row.id,
      number: loaded.row.batchNumber,
      productCode: loaded.row.productCode,
      productName: loaded.row.productName,
    };
    const nowUtc = toUtcIso(nowMs);
    for (const effect of effects) {
      switch (effect.kind) {
        case 'lot-consumption': {
          const id = randomUUID();
          this.deps.sqlite
            .prepare(
              `INSERT INTO lot_consumptions (id, lot_id, batch_id, step_id, container, quantity, unit, status_at_use, potency_at_use, emptied, dispensed_by_user_id, dispensed_by_name, dispensed_at_utc)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            )
            .run(
              id,
              effect.lotId,
              batch.id,
              effect.stepId,
              effect.container,
              effect.quantity,
              effect.unit,
              effect.statusAtUse,
              effect.potencyAtUse,
              effect.emptied ? 1 : 0,
              actor.userId,
              actor.name,
              nowUtc,
            );
          record({
            action: 'lot.dispensed',
            entityType: 'lot',
            entityId: effect.lotId,
            newValue: {
              consumptionId: id,
              lotNumber: effect.lotNumber,
              batchNumber: batch.number,
              stepId: effect.stepId,
              container: effect.container,
              quantity: effect.quantity,
              unit: effect.unit,
              emptied: effect.emptied,
            },
          });
          break;
        }
        case 'equipment-use':
          this.deps.equipment.eventWithin(record, effect.equipmentId, {
            kind: 'in-use',
            batch,
            reason: `Identified at step ${effect.stepId} (${effect.statusAtUse})`,
            performedByUserId: actor.userId,
            performedByName: actor.name,
          });
          break;
        case 'equipment-released':
          this.deps.equipment.eventWithin(record, effect.equipmentId, {
            kind: 'released-dirty',
            batch,
            reason: effect.reason,
            performedByUserId: actor.userId,
            performedByName: actor.name,
          });
          break;
        case 'batch-status':
          if (effect.to === 'execution-complete') this.makeOutputLot(loaded, actor, nowMs, record);
          break;
        default:
          break;
      }
    }
  }

  /**
   * The batch's own output, when its product is a registered material: a lot numbered like the
   * batch, in quarantine until QA releases the batch (R211-84); the yield weighing gives its quantity.
   */
  private makeOutputLot(
    loaded: LoadedBatch,
    actor: Actor,
    nowMs: number,
    record: AuditRecorder['record'],
  ): void {
    const product = readMaterial(this.deps.sqlite, loaded.row.productCode);
    // A lot number is never reused: a batch number already taken by a lot makes no output lot.
    if (!product || loaded.row.training === 1 || readLot(this.deps.sqlite, loaded.row.batchNumber)) return;
    const yieldValue = loaded.state.steps
      .map((step) => step.value)
      .find((value) => value?.type === 'weighing' && value.material === loaded.row.productCode);
    const quantity = yieldValue?.type === 'weighing' ? yieldValue.net : loaded.row.plannedQuantity;
    const today = toUtcIso(nowMs).slice(0, 10);
    // Until QA assigns the product's shelf life on release: two years from manufacture.
    const expiry = `${Number(today.slice(0, 4)) + 2}${today.slice(4)}`;
    this.deps.materials.insertLotWithin(
      record,
      { userId: actor.userId, userName: actor.name },
      {
        lotNumber: loaded.row.batchNumber,
        materialCode: product.code,
        supplier: 'Own manufacture',
        supplierLot: loaded.row.batchNumber,
        receivedDate: today,
        receivedQuantity: quantity,
        containerCount: 1,
        expiryDate: expiry,
      },
      'batch-output',
      loaded.row.id,
    );
  }
}
