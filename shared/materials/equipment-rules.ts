/**
 * Equipment and room status (R211-67): folded from the logbook's events, then judged against the
 * clock — a clean status expires after its hold time without anyone acting. Pure.
 */
export const equipmentEventKinds = [
  'registered',
  'in-use',
  'released-dirty',
  'cleaned',
  'maintenance-started',
  'maintenance-ended',
  'out-of-service',
  'returned-to-service',
] as const;
export type EquipmentEventKind = (typeof equipmentEventKinds)[number];

export type EquipmentCondition =
  | 'clean'
  | 'clean-hold-expired'
  | 'in-use'
  | 'dirty'
  | 'dirty-hold-exceeded'
  | 'maintenance'
  | 'out-of-service';

export interface EquipmentRules {
  code: string;
  cleanHoldHours: number;
  dirtyHoldHours: number;
  campaignBatches: number;
}

export interface EquipmentEventFacts {
  kind: EquipmentEventKind;
  atMs: number;
  batchId: string | null;
  batchNumber: string | null;
  productCode: string | null;
}

/** Where the logbook leaves an item. */
export interface EquipmentState {
  rules: EquipmentRules;
  status: 'clean' | 'in-use' | 'dirty' | 'maintenance' | 'out-of-service';
  sinceMs: number;
  batchId: string | null;
  batchNumber: string | null;
  lastProductCode: string | null;
  /** Batches of the same product since the last cleaning (campaign). */
  campaignCount: number;
  /** Maintenance or a return to service ends any campaign: only a cleaning makes it usable. */
  cleaningRequired: boolean;
}

const HOUR_MS = 3_600_000;

export function foldEquipment(rules: EquipmentRules, events: readonly EquipmentEventFacts[]): EquipmentState {
  let state: EquipmentState = {
    rules,
    status: 'dirty',
    sinceMs: events[0]?.atMs ?? 0,
    batchId: null,
    batchNumber: null,
    lastProductCode: null,
    campaignCount: 0,
    cleaningRequired: true,
  };
  for (const event of events) {
    switch (event.kind) {
      case 'registered':
        // Never cleaned here yet: the first use needs a cleaning record.
        state = { ...state, status: 'dirty', sinceMs: event.atMs, cleaningRequired: true };
        break;
      case 'in-use': {
        const sameCampaign = state.status === 'dirty' && state.lastProductCode === event.productCode;
        state = {
          ...state,
          status: 'in-use',
          sinceMs: event.atMs,
          batchId: event.batchId,
          batchNumber: event.batchNumber,
          lastProductCode: event.productCode,
          campaignCount: sameCampaign ? state.campaignCount + 1 : 1,
        };
        break;
      }
      case 'released-dirty':
        state = { ...state, status: 'dirty', sinceMs: event.atMs, batchId: null, batchNumber: null };
        break;
      case 'cleaned':
        state = { ...state, status: 'clean', sinceMs: event.atMs, campaignCount: 0, cleaningRequired: false };
        break;
      case 'maintenance-started':
        state = { ...state, status: 'maintenance', sinceMs: event.atMs };
        break;
      case 'out-of-service':
        state = { ...state, status: 'out-of-service', sinceMs: event.atMs };
        break;
      case 'maintenance-ended':
      case 'returned-to-service':
        // Hands and tools were inside: cleaned before the next product.
        state = { ...state, status: 'dirty', sinceMs: event.atMs, cleaningRequired: true };
        break;
    }
  }
  return state;
}

export function equipmentCondition(state: EquipmentState, nowMs: number): EquipmentCondition {
  if (state.status === 'clean' && nowMs > state.sinceMs + state.rules.cleanHoldHours * HOUR_MS) {
    return 'clean-hold-expired';
  }
  if (state.status === 'dirty' && nowMs > state.sinceMs + state.rules.dirtyHoldHours * HOUR_MS) {
    return 'dirty-hold-exceeded';
  }
  return state.status;
}

export function cleanUntilMs(state: EquipmentState): number | null {
  return state.status === 'clean' ? state.sinceMs + state.rules.cleanHoldHours * HOUR_MS : null;
}

export type EquipmentRefusal =
  | 'equipment-dirty'
  | 'equipment-in-use'
  | 'equipment-clean-hold-expired'
  | 'equipment-maintenance'
  | 'equipment-out-of-service';

export interface EquipmentCheck {
  ok: boolean;
  reason: EquipmentRefusal | null;
  message: string;
  /** The clean status the batch record keeps for this use. */
  statusAtUse: string;
}

const at = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** Whether a batch of `productCode` may use the item now (R211-67). */
export function checkEquipmentUse(
  state: EquipmentState,
  batchId: string,
  productCode: string,
  nowMs: number,
): EquipmentCheck {
  const { code } = state.rules;
  const condition = equipmentCondition(state, nowMs);
  const refused = (reason: EquipmentRefusal, message: string): EquipmentCheck => ({
    ok: false,
    reason,
    message,
    statusAtUse: condition,
  });
  switch (condition) {
    case 'in-use':
      if (state.batchId === batchId)
        return {
          ok: true,
          reason: null,
          message: `${code} is in use by this batch.`,
          statusAtUse: 'in use by this batch',
        };
      return refused(
        'equipment-in-use',
        `${code} is IN USE by batch ${state.batchNumber}: it cannot be used by this batch until that batch releases it and it is cleaned.`,
      );
    case 'clean':
      return {
        ok: true,
        reason: null,
        message: `${code} is clean and free.`,
        statusAtUse: `clean until ${at(cleanUntilMs(state)!)}`,
      };
    case 'clean-hold-expired':
      return refused(
        'equipment-clean-hold-expired',
        `${code}: the CLEAN HOLD EXPIRED on ${at(cleanUntilMs(state)!)} — clean it again before use.`,
      );
    case 'dirty': {
      const campaign =
        !state.cleaningRequired &&
        state.lastProductCode === productCode &&
        state.campaignCount < state.rules.campaignBatches;
      if (campaign) {
        return {
          ok: true,
          reason: null,
          message: `${code} is in a campaign of ${productCode} (batch ${state.campaignCount + 1} of ${state.rules.campaignBatches}).`,
          statusAtUse: `campaign of ${productCode}, batch ${state.campaignCount + 1} of ${state.rules.campaignBatches}`,
        };
      }
      return refused(
        'equipment-dirty',
        `${code} is DIRTY${state.lastProductCode ? ` (last product ${state.lastProductCode})` : ''}: record its cleaning before use.`,
      );
    }
    case 'dirty-hold-exceeded':
      return refused(
        'equipment-dirty',
        `${code} is DIRTY and its dirty hold time is exceeded: clean it before use.`,
      );
    case 'maintenance':
      return refused(
        'equipment-maintenance',
        `${code} is UNDER MAINTENANCE: it cannot be used — ask a technician.`,
      );
    case 'out-of-service':
      return refused('equipment-out-of-service', `${code} is OUT OF SERVICE: it cannot be used.`);
  }
}
