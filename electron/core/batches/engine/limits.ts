import type { AppliedLimits } from '../../../../shared/batches/recorded-value';
import type { Recipe } from '../../../../shared/recipes/recipe-schema';
import type { Unit } from '../../../../shared/recipes/units';
import { weighingTarget, type WeighingStep } from '../../../../shared/recipes/weighing-target';

/** Rounding noise of binary floating point must not turn 2.010 into "above 2.01". */
function slack(bound: number): number {
  return 1e-9 * Math.max(1, Math.abs(bound));
}

export function withinLimits(value: number, limits: AppliedLimits): boolean | null {
  if (limits.min === undefined && limits.max === undefined) return null;
  if (limits.min !== undefined && value < limits.min - slack(limits.min)) return false;
  if (limits.max !== undefined && value > limits.max + slack(limits.max)) return false;
  return true;
}

/** A weighing's window: target ± tolerance, scaled to the planned batch quantity. */
export function weighingLimits(
  recipe: Recipe,
  step: WeighingStep,
  planned: { quantity: number; unit: string },
  decimals: number,
  /** Declared / lot potency, when the step is potency-adjusted and the lot has an assay. */
  potencyFactor = 1,
): AppliedLimits {
  const base = weighingTarget(recipe, step, { quantity: planned.quantity, unit: planned.unit as Unit });
  if (!base) return {};
  const percentTolerance =
    (step.tolerance ?? recipe.materials.find((entry) => entry.code === step.material)?.tolerance)?.kind ===
    'percent';
  const target = {
    quantity: base.quantity * potencyFactor,
    tolerance:
      base.tolerance === undefined ? undefined : base.tolerance * (percentTolerance ? potencyFactor : 1),
  };
  const round = (value: number) => Number(value.toFixed(decimals + 3));
  if (target.tolerance === undefined) return { target: round(target.quantity) };
  return {
    min: round(target.quantity - target.tolerance),
    target: round(target.quantity),
    max: round(target.quantity + target.tolerance),
  };
}
