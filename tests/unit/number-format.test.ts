import { describe, expect, it } from 'vitest';
import { describeLimits, describeValue } from '../../shared/batches/recorded-value';
import {
  decimalsOf,
  formatLimits,
  formatNumber,
  formatQuantity,
  stepDecimals,
} from '../../shared/format/numbers';

describe('the one number formatter', () => {
  it('shows values and limits with the recipe precision and unit', () => {
    expect(formatNumber(2, 3)).toBe('2.000');
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatQuantity(80, 'kg', 2)).toBe('80.00 kg');
    // The signature dialog's line for a 2.000 kg weighing with ± 0.010 kg.
    expect(formatLimits({ min: 1.99, max: 2.01, target: 2 }, 'kg', 3)).toBe(
      '1.990 – 2.010 kg (target 2.000)',
    );
    expect(describeLimits({ min: 10, max: 14, target: 12 }, 'rpm', 0)).toBe('10 – 14 rpm (target 12)');
    expect(formatLimits({ min: 10 }, 'min')).toBe('≥ 10 min');
    expect(formatLimits({ max: 12.5 }, '%', 1)).toBe('≤ 12.5 %');
    expect(formatLimits({ target: 7 }, 'pH', 2)).toBe('target 7.00 pH');
    expect(formatLimits({}, 'kg', 3)).toBe('');
  });

  it('reads the precision of a recorded text and of a step', () => {
    expect(decimalsOf('2.006')).toBe(3);
    expect(decimalsOf('12')).toBe(0);
    expect(stepDecimals({ type: 'weighing', decimals: 3 })).toBe(3);
    expect(stepDecimals({ type: 'timer' })).toBeUndefined();
  });

  it('shows a recorded tare with the precision of the net', () => {
    expect(
      describeValue({
        type: 'weighing',
        material: 'RM-0200',
        net: 8.01,
        text: '8.010',
        tare: 1.5,
        unit: 'kg',
        limits: { min: 7.95, max: 8.05, target: 8 },
      }),
    ).toBe('8.010 kg net (tare 1.500 kg)');
  });
});
