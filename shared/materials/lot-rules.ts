/**
 * What makes a lot usable for dispensing (R211-84, R211-87): pure rules shared by the engine, the
 * screens and the CLI. Expiry and retest act by themselves, against the clock; no one has to act.
 */
export const lotStatuses = ['quarantine', 'released', 'rejected'] as const;
export type LotStatus = (typeof lotStatuses)[number];

export const materialKinds = ['active', 'excipient', 'packaging', 'intermediate'] as const;
export type MaterialKind = (typeof materialKinds)[number];

/** The status a lot shows: its recorded status, or what the dates make of a released lot. */
export type LotCondition = LotStatus | 'expired' | 'retest-due';

/** The facts of a lot the rules read (as stored, plus what has been dispensed). */
export interface LotFacts {
  lotNumber: string;
  materialCode: string;
  status: LotStatus;
  /** YYYY-MM-DD: usable through this day. */
  expiryDate: string;
  /** YYYY-MM-DD: usable until the day before; null when the material is not retested. */
  retestDate: string | null;
  potencyPercent: number | null;
  remainingQuantity: number;
  unit: string;
  containerCount: number;
  /** Containers declared empty (1-based numbers). */
  emptiedContainers: number[];
}

export type DispenseRefusal =
  | 'lot-quarantined'
  | 'lot-rejected'
  | 'lot-expired'
  | 'lot-retest-due'
  | 'lot-wrong-material'
  | 'lot-unknown'
  | 'lot-empty'
  | 'container-emptied'
  | 'container-unknown';

export interface DispenseCheck {
  ok: boolean;
  reason: DispenseRefusal | null;
  message: string;
}

/** The UTC calendar day of an instant, as YYYY-MM-DD. */
export function utcDay(nowMs: number): string {
  return new Date(nowMs).toISOString().slice(0, 10);
}

export function lotCondition(
  lot: Pick<LotFacts, 'status' | 'expiryDate' | 'retestDate'>,
  nowMs: number,
): LotCondition {
  if (lot.status !== 'released') return lot.status;
  const today = utcDay(nowMs);
  if (today > lot.expiryDate) return 'expired';
  if (lot.retestDate !== null && today >= lot.retestDate) return 'retest-due';
  return 'released';
}

const refused = (reason: DispenseRefusal, message: string): DispenseCheck => ({ ok: false, reason, message });

/**
 * Whether `container` of `lot` may be dispensed for `materialCode` now. Each refusal says what is
 * wrong and who can help, in the words of the shop floor.
 */
export function checkDispense(
  lot: LotFacts,
  materialCode: string,
  container: number | null,
  nowMs: number,
): DispenseCheck {
  const name = `Lot ${lot.lotNumber}`;
  if (lot.materialCode !== materialCode) {
    return refused(
      'lot-wrong-material',
      `${name} is ${lot.materialCode}, not ${materialCode}: it cannot be dispensed for this step — take the right material.`,
    );
  }
  const condition = lotCondition(lot, nowMs);
  switch (condition) {
    case 'quarantine':
      return refused('lot-quarantined', `${name} is in QUARANTINE: it cannot be dispensed — ask QA.`);
    case 'rejected':
      return refused(
        'lot-rejected',
        `${name} is REJECTED: it cannot be dispensed — set it apart and tell QA.`,
      );
    case 'expired':
      return refused(
        'lot-expired',
        `${name} EXPIRED on ${lot.expiryDate}: it cannot be dispensed — tell QA.`,
      );
    case 'retest-due':
      return refused(
        'lot-retest-due',
        `${name} was due for RETEST on ${lot.retestDate}: it cannot be dispensed until QA releases it again.`,
      );
    case 'released':
      break;
  }
  if (lot.remainingQuantity <= 0) {
    return refused('lot-empty', `${name} has nothing left (all ${lot.unit} dispensed): take another lot.`);
  }
  if (container !== null) {
    if (container < 1 || container > lot.containerCount) {
      return refused(
        'container-unknown',
        `${name} has ${lot.containerCount} container${lot.containerCount === 1 ? '' : 's'}; there is no container ${container}.`,
      );
    }
    if (lot.emptiedContainers.includes(container)) {
      return refused(
        'container-emptied',
        `Container ${container} of ${name} was emptied already: scan a container that still holds material.`,
      );
    }
  }
  return { ok: true, reason: null, message: `${name} is released and within its dates.` };
}

/**
 * The potency-adjusted quantity: more of a weaker lot (target × declared potency / lot potency),
 * with the arithmetic spelled out for the operator and the record.
 */
export function potencyAdjusted(
  target: number,
  declaredPercent: number,
  lotPercent: number,
  unit: string,
  decimals: number,
): { quantity: number; arithmetic: string } {
  const quantity = (target * declaredPercent) / lotPercent;
  return {
    quantity,
    arithmetic: `${target.toFixed(decimals)} ${unit} × ${declaredPercent} % / ${lotPercent} % = ${quantity.toFixed(decimals)} ${unit}`,
  };
}
