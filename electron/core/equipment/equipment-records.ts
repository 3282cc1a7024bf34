import type Database from 'better-sqlite3-multiple-ciphers';
import type { EquipmentLogEntry, EquipmentView } from '../../../shared/contract/materials';
import {
  cleanUntilMs,
  equipmentCondition,
  foldEquipment,
  type EquipmentEventKind,
  type EquipmentState,
} from '../../../shared/materials/equipment-rules';

export interface EquipmentRow {
  id: string;
  code: string;
  kind: 'equipment' | 'room';
  description: string;
  room: string;
  cleanHoldHours: number;
  dirtyHoldHours: number;
  campaignBatches: number;
}

export interface EquipmentEventRow {
  id: string;
  kind: EquipmentEventKind;
  batchId: string | null;
  batchNumber: string | null;
  productCode: string | null;
  productName: string | null;
  procedure: string | null;
  startedAtUtc: string | null;
  endedAtUtc: string | null;
  reason: string;
  performedByName: string;
  verifiedByName: string | null;
  recordedAtUtc: string;
}

const itemColumns = `id, code, kind, description, room, clean_hold_hours AS cleanHoldHours,
  dirty_hold_hours AS dirtyHoldHours, campaign_batches AS campaignBatches`;

const eventColumns = `id, kind, batch_id AS batchId, batch_number AS batchNumber, product_code AS productCode,
  product_name AS productName, procedure, started_at_utc AS startedAtUtc, ended_at_utc AS endedAtUtc, reason,
  performed_by_name AS performedByName, verified_by_name AS verifiedByName, recorded_at_utc AS recordedAtUtc`;

export function readEquipmentItem(sqlite: Database.Database, code: string): EquipmentRow | null {
  return (
    (sqlite.prepare(`SELECT ${itemColumns} FROM equipment WHERE code = ?`).get(code) as
      EquipmentRow | undefined) ?? null
  );
}

export function readEquipmentItems(sqlite: Database.Database): EquipmentRow[] {
  return sqlite
    .prepare(`SELECT ${itemColumns} FROM equipment ORDER BY kind, room, code`)
    .all() as EquipmentRow[];
}

export function readEquipmentEvents(sqlite: Database.Database, equipmentId: string): EquipmentEventRow[] {
  return sqlite
    .prepare(
      `SELECT ${eventColumns} FROM equipment_events WHERE equipment_id = ? ORDER BY recorded_at_utc, rowid`,
    )
    .all(equipmentId) as EquipmentEventRow[];
}

/** When an event takes effect: a cleaning when it ended, everything else when recorded. */
function effectiveMs(event: EquipmentEventRow): number {
  return Date.parse(event.kind === 'cleaned' && event.endedAtUtc ? event.endedAtUtc : event.recordedAtUtc);
}

export function equipmentStateOf(item: EquipmentRow, events: readonly EquipmentEventRow[]): EquipmentState {
  return foldEquipment(
    {
      code: item.code,
      cleanHoldHours: item.cleanHoldHours,
      dirtyHoldHours: item.dirtyHoldHours,
      campaignBatches: item.campaignBatches,
    },
    events.map((event) => ({
      kind: event.kind,
      atMs: effectiveMs(event),
      batchId: event.batchId,
      batchNumber: event.batchNumber,
      productCode: event.productCode,
    })),
  );
}

const utcText = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

export function equipmentViewOf(item: EquipmentRow, state: EquipmentState, nowMs: number): EquipmentView {
  const condition = equipmentCondition(state, nowMs);
  const until = cleanUntilMs(state);
  const statusText: Record<typeof condition, string> = {
    clean: `Clean and free until ${until === null ? '' : utcText(until)}`,
    'clean-hold-expired': `Clean hold expired ${until === null ? '' : utcText(until)}: clean again`,
    'in-use': `In use by batch ${state.batchNumber ?? ''}`,
    dirty: `Dirty${state.lastProductCode ? ` after ${state.lastProductCode}` : ''}: to be cleaned`,
    'dirty-hold-exceeded': 'Dirty hold time exceeded: clean now',
    maintenance: 'Under maintenance',
    'out-of-service': 'Out of service',
  };
  return {
    ...item,
    condition,
    statusText: statusText[condition],
    abnormal: !['clean', 'in-use', 'dirty'].includes(condition),
    inUseByBatchNumber: state.status === 'in-use' ? state.batchNumber : null,
    lastProductCode: state.lastProductCode,
    cleanUntilUtc: until === null ? null : new Date(until).toISOString(),
  };
}

const kindText: Record<EquipmentEventKind, string> = {
  registered: 'Registered',
  'in-use': 'In use',
  'released-dirty': 'Released, dirty',
  cleaned: 'Cleaned',
  'maintenance-started': 'Maintenance started',
  'maintenance-ended': 'Maintenance ended',
  'out-of-service': 'Out of service',
  'returned-to-service': 'Returned to service',
};

export function logEntryOf(event: EquipmentEventRow): EquipmentLogEntry {
  const batch = event.batchNumber ? ` — batch ${event.batchNumber} (${event.productCode ?? ''})` : '';
  const procedure = event.procedure ? ` — ${event.procedure}` : '';
  return { ...event, text: `${kindText[event.kind]}${batch}${procedure}` };
}
