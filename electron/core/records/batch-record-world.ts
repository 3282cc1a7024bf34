import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * The batch's world as the record shows it (R211-184, R211-182, R211-67): every portion drawn
 * from a registered lot with the lot's status and potency at the time of use, and every
 * registered equipment item or room the batch used with its clean status at use and the cleaning
 * that made it clean. Read from `lot_consumptions` and `equipment_events` only — what was
 * recorded when it happened, never the lot's or the item's status now.
 */

export interface RecordedPortion {
  lotNumber: string;
  materialCode: string;
  materialName: string;
  supplier: string;
  supplierLot: string;
  expiryDate: string;
  stepId: string;
  container: number | null;
  quantity: number;
  unit: string;
  statusAtUse: string;
  potencyAtUse: number | null;
  containerEmptied: boolean;
  dispensedByName: string;
  dispensedAtUtc: string;
}

export interface CleaningBeforeUse {
  procedure: string | null;
  startedAtUtc: string | null;
  endedAtUtc: string | null;
  performedByName: string;
  verifiedByName: string | null;
}

export interface RecordedEquipmentUse {
  code: string;
  kind: string;
  description: string;
  room: string;
  stepId: string | null;
  /** As the engine recorded it when the step put the item in use (e.g. "clean until …"). */
  cleanStatusAtUse: string;
  usedByName: string;
  usedAtUtc: string;
  /** The last cleaning recorded before the use; null when none was (a campaign continues). */
  lastCleaning: CleaningBeforeUse | null;
  /** When the batch left it dirty (execution complete or abort); null while still in use. */
  leftDirtyAtUtc: string | null;
}

export interface BatchWorld {
  portions: RecordedPortion[];
  equipment: RecordedEquipmentUse[];
  /** The batch's own output lot, when its product is a registered material. */
  outputLotNumber: string | null;
}

/** "Identified at step scan_blender (clean until 2026-11-02 09:00 UTC)" → step and status. */
function useReason(reason: string): { stepId: string | null; status: string } {
  const match = /^Identified at step (\S+) \((.*)\)$/.exec(reason);
  return match ? { stepId: match[1]!, status: match[2]! } : { stepId: null, status: reason };
}

export function readBatchWorld(sqlite: Database.Database, batchId: string): BatchWorld {
  const portions = (
    sqlite
      .prepare(
        `SELECT l.lot_number AS lotNumber, m.code AS materialCode, m.name AS materialName, l.supplier,
           l.supplier_lot AS supplierLot, l.expiry_date AS expiryDate, c.step_id AS stepId, c.container,
           c.quantity, c.unit, c.status_at_use AS statusAtUse, c.potency_at_use AS potencyAtUse,
           c.emptied, c.dispensed_by_name AS dispensedByName, c.dispensed_at_utc AS dispensedAtUtc
         FROM lot_consumptions c JOIN lots l ON l.id = c.lot_id JOIN materials m ON m.id = l.material_id
         WHERE c.batch_id = ? ORDER BY c.dispensed_at_utc, c.rowid`,
      )
      .all(batchId) as (Omit<RecordedPortion, 'containerEmptied'> & { emptied: number })[]
  ).map(({ emptied, ...portion }) => ({ ...portion, containerEmptied: emptied === 1 }));

  const uses = sqlite
    .prepare(
      `SELECT e.equipment_id AS equipmentId, q.code, q.kind, q.description, q.room, e.reason,
         e.performed_by_name AS usedByName, e.recorded_at_utc AS usedAtUtc
       FROM equipment_events e JOIN equipment q ON q.id = e.equipment_id
       WHERE e.batch_id = ? AND e.kind = 'in-use' ORDER BY e.recorded_at_utc, e.rowid`,
    )
    .all(batchId) as {
    equipmentId: string;
    code: string;
    kind: string;
    description: string;
    room: string;
    reason: string;
    usedByName: string;
    usedAtUtc: string;
  }[];
  const lastCleaning = sqlite.prepare(
    `SELECT procedure, started_at_utc AS startedAtUtc, ended_at_utc AS endedAtUtc,
       performed_by_name AS performedByName, verified_by_name AS verifiedByName
     FROM equipment_events WHERE equipment_id = ? AND kind = 'cleaned' AND recorded_at_utc <= ?
     ORDER BY recorded_at_utc DESC, rowid DESC LIMIT 1`,
  );
  const leftDirty = sqlite
    .prepare(
      `SELECT recorded_at_utc FROM equipment_events
       WHERE equipment_id = ? AND batch_id = ? AND kind = 'released-dirty' ORDER BY recorded_at_utc LIMIT 1`,
    )
    .pluck();
  const equipment = uses.map((use): RecordedEquipmentUse => {
    const { stepId, status } = useReason(use.reason);
    return {
      code: use.code,
      kind: use.kind,
      description: use.description,
      room: use.room,
      stepId,
      cleanStatusAtUse: status,
      usedByName: use.usedByName,
      usedAtUtc: use.usedAtUtc,
      lastCleaning:
        (lastCleaning.get(use.equipmentId, use.usedAtUtc) as CleaningBeforeUse | undefined) ?? null,
      leftDirtyAtUtc: (leftDirty.get(use.equipmentId, batchId) as string | undefined) ?? null,
    };
  });
  const outputLotNumber =
    (sqlite.prepare('SELECT lot_number FROM lots WHERE produced_by_batch_id = ?').pluck().get(batchId) as
      string | undefined) ?? null;
  return { portions, equipment, outputLotNumber };
}
