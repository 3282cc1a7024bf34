import type Database from 'better-sqlite3-multiple-ciphers';
import type { LotSummary, MaterialView } from '../../../shared/contract/materials';
import { lotCondition, type LotFacts, type LotStatus } from '../../../shared/materials/lot-rules';

/** A lot as stored, with what its events and consumptions make of it. */
export interface LotRow {
  id: string;
  lotNumber: string;
  materialId: string;
  materialCode: string;
  materialName: string;
  supplier: string;
  supplierLot: string;
  gtin: string | null;
  receivedDate: string;
  receivedQuantity: number;
  unit: string;
  containerCount: number;
  expiryDate: string;
  retestDate: string | null;
  potencyPercent: number | null;
  origin: LotSummary['origin'];
  producedByBatchNumber: string | null;
  status: LotStatus;
  dispensed: number;
  emptied: string | null;
}

const lotColumns = `l.id, l.lot_number AS lotNumber, l.material_id AS materialId, m.code AS materialCode,
  m.name AS materialName, l.supplier, l.supplier_lot AS supplierLot, l.gtin, l.received_date AS receivedDate,
  l.received_quantity AS receivedQuantity, l.unit, l.container_count AS containerCount, l.expiry_date AS expiryDate,
  l.retest_date AS retestDate, l.potency_percent AS potencyPercent, l.origin,
  (SELECT b.batch_number FROM batches b WHERE b.id = l.produced_by_batch_id) AS producedByBatchNumber,
  (SELECT e.status FROM lot_status_events e WHERE e.lot_id = l.id ORDER BY e.changed_at_utc DESC, e.rowid DESC LIMIT 1) AS status,
  coalesce((SELECT sum(c.quantity) FROM lot_consumptions c WHERE c.lot_id = l.id), 0) AS dispensed,
  (SELECT group_concat(c.container) FROM lot_consumptions c WHERE c.lot_id = l.id AND c.emptied = 1) AS emptied`;

export const LOTS_FROM = `SELECT ${lotColumns} FROM lots l JOIN materials m ON m.id = l.material_id`;

/** Dispensed amounts are stored in the lot's unit; float sums are rounded to what a balance shows. */
const round = (value: number) => Math.round(value * 1e9) / 1e9;

export function lotFactsOf(row: LotRow): LotFacts {
  return {
    lotNumber: row.lotNumber,
    materialCode: row.materialCode,
    status: row.status,
    expiryDate: row.expiryDate,
    retestDate: row.retestDate,
    potencyPercent: row.potencyPercent,
    remainingQuantity: round(row.receivedQuantity - row.dispensed),
    unit: row.unit,
    containerCount: row.containerCount,
    emptiedContainers: row.emptied ? row.emptied.split(',').map(Number) : [],
  };
}

export function lotSummaryOf(row: LotRow, nowMs: number): LotSummary {
  const facts = lotFactsOf(row);
  return {
    id: row.id,
    lotNumber: row.lotNumber,
    materialCode: row.materialCode,
    materialName: row.materialName,
    supplier: row.supplier,
    supplierLot: row.supplierLot,
    gtin: row.gtin,
    receivedDate: row.receivedDate,
    receivedQuantity: row.receivedQuantity,
    remainingQuantity: facts.remainingQuantity,
    unit: row.unit,
    containerCount: row.containerCount,
    emptiedContainers: facts.emptiedContainers,
    expiryDate: row.expiryDate,
    retestDate: row.retestDate,
    potencyPercent: row.potencyPercent,
    status: row.status,
    condition: lotCondition(row, nowMs),
    origin: row.origin,
    producedByBatchNumber: row.producedByBatchNumber,
  };
}

export function readLot(sqlite: Database.Database, lotNumber: string): LotRow | null {
  return (sqlite.prepare(`${LOTS_FROM} WHERE l.lot_number = ?`).get(lotNumber) as LotRow | undefined) ?? null;
}

export function readLotById(sqlite: Database.Database, lotId: string): LotRow | null {
  return (sqlite.prepare(`${LOTS_FROM} WHERE l.id = ?`).get(lotId) as LotRow | undefined) ?? null;
}

/** Lots of a supplier's GTIN with this supplier lot or internal lot number (a GS1 scan names them so). */
export function readLotByGs1(sqlite: Database.Database, gtin: string | null, lot: string): LotRow | null {
  const rows = sqlite
    .prepare(
      `${LOTS_FROM} WHERE (l.lot_number = ? OR l.supplier_lot = ?) AND (? IS NULL OR l.gtin IS NULL OR l.gtin = ?)`,
    )
    .all(lot.toUpperCase(), lot, gtin, gtin) as LotRow[];
  // The internal lot number wins; a supplier lot alone must be unambiguous.
  return rows.find((row) => row.lotNumber === lot.toUpperCase()) ?? (rows.length === 1 ? rows[0]! : null);
}

const materialColumns = `id, code, name, kind, base_unit AS baseUnit, storage_conditions AS storageConditions,
  registered_by_name AS registeredByName, registered_at_utc AS registeredAtUtc`;

export function readMaterials(sqlite: Database.Database): MaterialView[] {
  return sqlite.prepare(`SELECT ${materialColumns} FROM materials ORDER BY code`).all() as MaterialView[];
}

export function readMaterial(sqlite: Database.Database, code: string): MaterialView | null {
  return (
    (sqlite.prepare(`SELECT ${materialColumns} FROM materials WHERE code = ?`).get(code) as
      MaterialView | undefined) ?? null
  );
}
