import { formatNumber } from '../../../shared/format/numbers';
import type { Limits, Tolerance } from '../../../shared/recipes/recipe-schema';

/** A quantity with the decimals the step asks for (`12.50 kg`): the shared formatter. */
export { formatQuantity } from '../../../shared/format/numbers';

/** A number as written in the file, without float noise (0.1 + 0.2 → 0.3). */
export function formatPlain(value: number): string {
  return formatNumber(value);
}

/** `± 0.5 %` or `± 0.05 kg`. */
export function formatTolerance(tolerance: Tolerance, unit: string): string {
  return tolerance.kind === 'percent'
    ? `± ${formatPlain(tolerance.value)} %`
    : `± ${formatPlain(tolerance.value)} ${unit}`;
}

export interface LimitCell {
  label: 'Min' | 'Target' | 'Max';
  value: string | null;
}

/** Min, target and max, each with the step's decimals, or null where the recipe sets none. */
export function limitCells(limits: Limits, decimals: number): LimitCell[] {
  const cell = (label: LimitCell['label'], value: number | undefined): LimitCell => ({
    label,
    value: value === undefined ? null : formatNumber(value, decimals),
  });
  return [cell('Min', limits.min), cell('Target', limits.target), cell('Max', limits.max)];
}

/** `10–12 min`, `at least 30 min`, `at most 24 h`: how long a timer may run. */
export function formatMinutes(min: number | undefined, max: number | undefined): string {
  const minutes = (value: number) =>
    value >= 120 && value % 60 === 0
      ? `${formatPlain(value)} min (${value / 60} h)`
      : `${formatPlain(value)} min`;
  if (min !== undefined && max !== undefined) return `${formatPlain(min)}–${minutes(max)}`;
  if (min !== undefined) return `at least ${minutes(min)}`;
  if (max !== undefined) return `at most ${minutes(max)}`;
  return 'no limit';
}
