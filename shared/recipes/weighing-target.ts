import type { Recipe, RecipeStep } from './recipe-schema';
import { convert, sameDimension, type Unit } from './units';

export type WeighingStep = Extract<RecipeStep, { type: 'weighing' }>;

/**
 * What a weighing step asks for, in the step's own unit. A weighing dispenses the whole quantity
 * of a bill-of-materials entry, scaled by batch size; a weighing whose material is the recipe's
 * product code weighs the output (for the yield), with the nominal batch size as its target.
 */
export interface WeighingTarget {
  kind: 'material' | 'product';
  quantity: number;
  unit: Unit;
  /** ± around the quantity, in the step's unit; undefined when no tolerance applies. */
  tolerance: number | undefined;
  /** Where the tolerance comes from: the step's own, or its material's. */
  toleranceSource: 'step' | 'material' | 'none';
}

export function weighingTarget(
  recipe: Recipe,
  step: WeighingStep,
  batchSize: { quantity: number; unit: Unit } = recipe.header.nominalBatchSize as {
    quantity: number;
    unit: Unit;
  },
): WeighingTarget | undefined {
  const nominal = recipe.header.nominalBatchSize as { quantity: number; unit: Unit };
  const stepUnit = step.unit as Unit;
  if (!sameDimension(batchSize.unit, nominal.unit)) return undefined;
  const scale = convert(batchSize.quantity, batchSize.unit, nominal.unit) / nominal.quantity;
  const material = recipe.materials.find((entry) => entry.code === step.material);
  let kind: WeighingTarget['kind'];
  let quantity: number;
  let fallbackTolerance: { kind: 'absolute' | 'percent'; value: number; unit: Unit } | undefined;
  if (material) {
    const materialUnit = material.unit as Unit;
    if (!sameDimension(materialUnit, stepUnit)) return undefined;
    kind = 'material';
    quantity = convert(material.quantity * scale, materialUnit, stepUnit);
    fallbackTolerance = { ...material.tolerance, unit: materialUnit };
  } else if (step.material === recipe.header.product.code) {
    if (!sameDimension(nominal.unit, stepUnit)) return undefined;
    kind = 'product';
    quantity = convert(nominal.quantity * scale, nominal.unit, stepUnit);
  } else return undefined;
  const tolerance = step.tolerance ? { ...step.tolerance, unit: stepUnit } : fallbackTolerance;
  let absolute: number | undefined;
  if (tolerance?.kind === 'absolute') absolute = convert(tolerance.value, tolerance.unit, stepUnit);
  else if (tolerance?.kind === 'percent') absolute = (quantity * tolerance.value) / 100;
  return {
    kind,
    quantity,
    unit: stepUnit,
    tolerance: absolute,
    toleranceSource: step.tolerance ? 'step' : fallbackTolerance ? 'material' : 'none',
  };
}
