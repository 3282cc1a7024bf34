import type { Recipe, RecipeStep } from '../../../shared/recipes/recipe-schema';
import { convert, sameDimension, type Unit } from '../../../shared/recipes/units';

export type WeighingStep = Extract<RecipeStep, { type: 'weighing' }>;

/**
 * What a weighing asks for in a batch of the nominal size, in the step's unit: the whole
 * quantity of its bill-of-materials entry (or, for the product code, the nominal batch: the
 * output weighing of the yield), ± the step's tolerance or else the material's.
 *
 * The same rule as electron/core/recipes/weighing-target.ts, which the renderer cannot import;
 * kept to the nominal batch here, which is what a reviewer approves.
 */
export interface NominalWeighingTarget {
  kind: 'material' | 'product';
  quantity: number;
  unit: Unit;
  /** ± around the quantity in the step's unit; undefined when no tolerance applies. */
  tolerance: number | undefined;
  /** Where the tolerance comes from. */
  toleranceSource: 'step' | 'material' | 'none';
}

export function nominalWeighingTarget(recipe: Recipe, step: WeighingStep): NominalWeighingTarget | undefined {
  const nominal = recipe.header.nominalBatchSize as { quantity: number; unit: Unit };
  const stepUnit = step.unit as Unit;
  const material = recipe.materials.find((entry) => entry.code === step.material);
  let kind: NominalWeighingTarget['kind'];
  let quantity: number;
  let materialTolerance: { kind: 'absolute' | 'percent'; value: number; unit: Unit } | undefined;
  if (material) {
    const materialUnit = material.unit as Unit;
    if (!sameDimension(materialUnit, stepUnit)) return undefined;
    kind = 'material';
    quantity = convert(material.quantity, materialUnit, stepUnit);
    materialTolerance = { ...material.tolerance, unit: materialUnit };
  } else if (step.material === recipe.header.product.code) {
    if (!sameDimension(nominal.unit, stepUnit)) return undefined;
    kind = 'product';
    quantity = convert(nominal.quantity, nominal.unit, stepUnit);
  } else return undefined;
  const tolerance = step.tolerance ? { ...step.tolerance, unit: stepUnit } : materialTolerance;
  let absolute: number | undefined;
  if (tolerance?.kind === 'absolute') absolute = convert(tolerance.value, tolerance.unit, stepUnit);
  else if (tolerance?.kind === 'percent') absolute = (quantity * tolerance.value) / 100;
  return {
    kind,
    quantity,
    unit: stepUnit,
    tolerance: absolute,
    toleranceSource: step.tolerance ? 'step' : materialTolerance ? 'material' : 'none',
  };
}
