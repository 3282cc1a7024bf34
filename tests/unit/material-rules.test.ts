import { describe, expect, it } from 'vitest';
import {
  checkEquipmentUse,
  equipmentCondition,
  foldEquipment,
  type EquipmentEventFacts,
} from '../../shared/materials/equipment-rules';
import {
  checkDispense,
  lotCondition,
  potencyAdjusted,
  type LotFacts,
} from '../../shared/materials/lot-rules';

const DAY = Date.UTC(2026, 10, 2, 8);
const HOUR = 3_600_000;
const lot: LotFacts = {
  lotNumber: 'L1',
  materialCode: 'RM-1',
  status: 'released',
  expiryDate: '2026-11-02',
  retestDate: '2026-11-04',
  potencyPercent: 99.5,
  remainingQuantity: 5,
  unit: 'kg',
  containerCount: 2,
  emptiedContainers: [2],
};

describe('lot rules', () => {
  it.each([
    [{}, DAY, 'released'],
    [{}, DAY + 24 * HOUR, 'expired'],
    [{ expiryDate: '2027-01-01' }, DAY + 2 * 24 * HOUR, 'retest-due'],
    [{ status: 'quarantine' as const }, DAY, 'quarantine'],
    [{ status: 'rejected' as const, expiryDate: '2020-01-01' }, DAY, 'rejected'],
  ])('condition of %o at %d is %s', (change, at, condition) => {
    expect(lotCondition({ ...lot, ...change }, at)).toBe(condition);
  });

  it.each([
    [{}, 'RM-1', 1, null],
    [{}, 'RM-2', 1, 'lot-wrong-material'],
    [{}, 'RM-1', 2, 'container-emptied'],
    [{}, 'RM-1', 3, 'container-unknown'],
    [{ remainingQuantity: 0 }, 'RM-1', 1, 'lot-empty'],
    [{ status: 'quarantine' as const }, 'RM-1', null, 'lot-quarantined'],
  ])('dispensing %o as %s from container %s → %s', (change, material, container, reason) => {
    expect(checkDispense({ ...lot, ...change }, material, container, DAY).reason).toBe(reason);
  });

  it('adjusts a target for potency and shows the arithmetic', () => {
    expect(potencyAdjusted(80, 100, 98, 'kg', 2)).toEqual({
      quantity: 80 * (100 / 98),
      arithmetic: '80.00 kg × 100 % / 98 % = 81.63 kg',
    });
  });
});

const rules = { code: 'EQ-1', cleanHoldHours: 72, dirtyHoldHours: 48, campaignBatches: 2 };
const event = (kind: EquipmentEventFacts['kind'], at: number, batch?: string): EquipmentEventFacts => ({
  kind,
  atMs: at,
  batchId: batch ?? null,
  batchNumber: batch ?? null,
  productCode: batch ? 'P1' : null,
});

describe('equipment rules', () => {
  it('is dirty until first cleaned, clean for its hold time, then expired', () => {
    const registered = foldEquipment(rules, [event('registered', DAY)]);
    expect(checkEquipmentUse(registered, 'b1', 'P1', DAY).reason).toBe('equipment-dirty');
    const clean = foldEquipment(rules, [event('registered', DAY), event('cleaned', DAY + HOUR)]);
    expect(checkEquipmentUse(clean, 'b1', 'P1', DAY + 2 * HOUR).ok).toBe(true);
    expect(equipmentCondition(clean, DAY + 74 * HOUR)).toBe('clean-hold-expired');
    expect(checkEquipmentUse(clean, 'b1', 'P1', DAY + 74 * HOUR).reason).toBe('equipment-clean-hold-expired');
  });

  it('allows a campaign of the same product up to its count, never another product, never after maintenance', () => {
    const base = [
      event('registered', DAY),
      event('cleaned', DAY),
      event('in-use', DAY, 'b1'),
      event('released-dirty', DAY + HOUR, 'b1'),
    ];
    const afterFirst = foldEquipment(rules, base);
    expect(checkEquipmentUse(afterFirst, 'b2', 'P1', DAY + 2 * HOUR).ok).toBe(true);
    expect(checkEquipmentUse(afterFirst, 'b2', 'P2', DAY + 2 * HOUR).reason).toBe('equipment-dirty');
    const afterSecond = foldEquipment(rules, [
      ...base,
      event('in-use', DAY + 2 * HOUR, 'b2'),
      event('released-dirty', DAY + 3 * HOUR, 'b2'),
    ]);
    expect(afterSecond.campaignCount).toBe(2);
    expect(checkEquipmentUse(afterSecond, 'b3', 'P1', DAY + 4 * HOUR).reason).toBe('equipment-dirty');
    const maintained = foldEquipment(rules, [
      ...base,
      event('maintenance-started', DAY + 2 * HOUR),
      event('maintenance-ended', DAY + 3 * HOUR),
    ]);
    expect(checkEquipmentUse(maintained, 'b2', 'P1', DAY + 4 * HOUR).reason).toBe('equipment-dirty');
    expect(equipmentCondition(afterFirst, DAY + 50 * HOUR)).toBe('dirty-hold-exceeded');
  });

  it('in use: fine for its own batch, refused for another', () => {
    const inUse = foldEquipment(rules, [event('cleaned', DAY), event('in-use', DAY, 'b1')]);
    expect(checkEquipmentUse(inUse, 'b1', 'P1', DAY).ok).toBe(true);
    expect(checkEquipmentUse(inUse, 'b2', 'P1', DAY).message).toBe(
      'EQ-1 is IN USE by batch b1: it cannot be used by this batch until that batch releases it and it is cleaned.',
    );
  });
});
