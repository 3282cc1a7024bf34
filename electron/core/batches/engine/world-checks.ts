import type { RecordedValue } from '../../../../shared/batches/recorded-value';
import { checkEquipmentUse } from '../../../../shared/materials/equipment-rules';
import { checkDispense, lotCondition } from '../../../../shared/materials/lot-rules';
import { convert, sameDimension, type Unit } from '../../../../shared/recipes/units';
import type { BatchWorld, Effect, EngineState, EngineStep, ResolvedSource } from './engine-types';
import { refuse } from './refusal';

/**
 * The engine's checks against the registers (R211-84/87, R211-67, R211-105): pure, on the facts the
 * service resolved. A material or item the registers do not know is not checked (see BatchWorld).
 */

/** The registered equipment a step names: a scan of equipment, or a step's own `equipment`. */
function equipmentOf(
  world: BatchWorld,
  step: EngineStep,
): { id: string; code: string; world: BatchWorld['equipment'][string] }[] {
  const definition = step.definition;
  const codes = new Set<string>();
  if ('equipment' in definition && definition.equipment) codes.add(definition.equipment);
  return [...codes]
    .filter((code) => Object.hasOwn(world.equipment, code))
    .map((code) => ({ id: world.equipment[code]!.id, code, world: world.equipment[code]! }));
}

/** Refuses a step on equipment or in a room that is not usable by this batch now. */
export function checkStepEquipment(state: EngineState, step: EngineStep, nowMs: number): Effect[] {
  const world = state.world;
  if (!world) return [];
  const effects: Effect[] = [];
  for (const item of equipmentOf(world, step)) {
    const check = checkEquipmentUse(item.world.state, world.batchId, world.productCode, nowMs);
    if (!check.ok) refuse(check.reason!, check.message, { stepId: step.id, equipment: item.code });
    if (item.world.state.status !== 'in-use' || item.world.state.batchId !== world.batchId) {
      effects.push({
        kind: 'equipment-use',
        stepId: step.id,
        equipmentId: item.id,
        code: item.code,
        statusAtUse: check.statusAtUse,
      });
    }
  }
  return effects;
}

function materialOf(step: EngineStep): string | null {
  const definition = step.definition;
  if (definition.type === 'weighing') return definition.material;
  if (definition.type === 'scan' && definition.subject === 'material-lot') return definition.material ?? null;
  return null;
}

/** Whether this step draws on a registered material (and so must name a usable lot). */
export function isEnforcedMaterialStep(state: EngineState, step: EngineStep): boolean {
  const material = materialOf(step);
  return material !== null && !!state.world?.registeredMaterials.includes(material);
}

function checkSource(step: EngineStep, material: string, source: ResolvedSource, nowMs: number): void {
  if (!source.lot || source.problem) {
    refuse(
      'lot-unknown',
      `${step.definition.title}: ${source.problem ?? `no lot is registered for "${source.code}"`} — scan the container label again or ask the material handler.`,
      {
        stepId: step.id,
        code: source.code,
      },
    );
  }
  const check = checkDispense(source.lot, material, source.container, nowMs);
  if (!check.ok) refuse(check.reason!, check.message, { stepId: step.id, lotNumber: source.lot.lotNumber });
}

/**
 * A scan of a material lot, or a weighing of a registered material: every lot named must be
 * usable; a weighing consumes from each portion's lot.
 */
export function checkStepMaterial(
  state: EngineState,
  step: EngineStep,
  value: RecordedValue,
  nowMs: number,
): Effect[] {
  const world = state.world;
  const material = materialOf(step);
  if (!world || material === null || !isEnforcedMaterialStep(state, step)) return [];
  if (world.sources.length === 0) {
    refuse('lot-not-scanned', `${step.definition.title}: scan the source container of ${material} first.`, {
      stepId: step.id,
    });
  }
  for (const source of world.sources) checkSource(step, material, source, nowMs);
  if (value.type !== 'weighing') return [];
  const effects: Effect[] = [];
  const taken = new Map<string, number>();
  for (const source of world.sources) {
    const lot = source.lot!;
    const net = source.net ?? value.net;
    if (!sameDimension(value.unit as Unit, lot.unit as Unit)) {
      refuse(
        'lot-wrong-material',
        `Lot ${lot.lotNumber} is kept in ${lot.unit}; this step weighs in ${value.unit}.`,
        { stepId: step.id },
      );
    }
    const quantity = convert(net, value.unit as Unit, lot.unit as Unit);
    const total = (taken.get(source.lotId!) ?? 0) + quantity;
    taken.set(source.lotId!, total);
    if (total > lot.remainingQuantity + 1e-9) {
      refuse(
        'lot-insufficient',
        `Lot ${lot.lotNumber} has only ${lot.remainingQuantity} ${lot.unit} left; ${Number(total.toFixed(6))} ${lot.unit} cannot be taken from it — add a portion from another lot.`,
        { stepId: step.id, lotNumber: lot.lotNumber },
      );
    }
    effects.push({
      kind: 'lot-consumption',
      stepId: step.id,
      lotId: source.lotId!,
      lotNumber: lot.lotNumber,
      container: source.container,
      quantity,
      unit: lot.unit,
      statusAtUse: lotCondition(lot, nowMs),
      potencyAtUse: lot.potencyPercent,
      emptied: source.containerEmptied,
    });
  }
  return effects;
}

/** At execution complete or abort: every item in use by this batch is left dirty. */
export function releaseEquipment(state: EngineState, reason: string): Effect[] {
  const world = state.world;
  if (!world) return [];
  return Object.entries(world.equipment)
    .filter(([, item]) => item.state.status === 'in-use' && item.state.batchId === world.batchId)
    .map(([code, item]) => ({ kind: 'equipment-released', equipmentId: item.id, code, reason }));
}
