/**
 * The one number formatter of the workstation: every value and limit shown on a screen, in a
 * dialog, a list, the CLI or a PDF goes through here, with the recipe's precision and unit.
 */

/** A number with the step's decimals (`2.000`), or as written in the file when none apply (0.1 + 0.2 → 0.3). */
export function formatNumber(value: number, decimals?: number): string {
  return decimals === undefined ? String(Number(value.toPrecision(12))) : value.toFixed(decimals);
}

/** A quantity with its unit: `12.50 kg`. */
export function formatQuantity(value: number, unit: string, decimals?: number): string {
  return `${formatNumber(value, decimals)} ${unit}`;
}

/** The decimals a number was written with: `2.006` → 3, `12` → 0. */
export function decimalsOf(text: string): number {
  const point = text.indexOf('.');
  return point === -1 ? 0 : text.length - point - 1;
}

/** The decimals a step records its value with, where it has any (weighing, numeric, measurement, calculation). */
export function stepDecimals(step: object): number | undefined {
  return 'decimals' in step && typeof step.decimals === 'number' ? step.decimals : undefined;
}

export interface LimitsToShow {
  min?: number;
  max?: number;
  target?: number;
}

/** Limits in words, each number with the same decimals: `1.990 – 2.010 kg (target 2.000)`, `≥ 10 min`. */
export function formatLimits(limits: LimitsToShow, unit: string, decimals?: number): string {
  const { min, max, target } = limits;
  const n = (value: number) => formatNumber(value, decimals);
  if (min !== undefined && max !== undefined)
    return `${n(min)} – ${n(max)} ${unit}${target === undefined ? '' : ` (target ${n(target)})`}`;
  if (min !== undefined) return `≥ ${n(min)} ${unit}`;
  if (max !== undefined) return `≤ ${n(max)} ${unit}`;
  return target === undefined ? '' : `target ${n(target)} ${unit}`;
}
