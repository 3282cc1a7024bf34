import type { Recipe } from '../../../shared/recipes/recipe-schema';
import { formatPlain, formatQuantity, formatTolerance } from './recipe-numbers';
import { StepFacts } from './step-facts';
import { weighingTarget, type WeighingStep } from '../../../shared/recipes/weighing-target';

/** A weighing: the material, its target for the nominal batch ± tolerance with the range, the balance. */
export function WeighingDetails({ recipe, step }: { recipe: Recipe; step: WeighingStep }) {
  const material = recipe.materials.find((entry) => entry.code === step.material);
  // For the nominal batch: what a reviewer approves.
  const target = weighingTarget(recipe, step);
  const batch = recipe.header.nominalBatchSize;
  const amount = (value: number) => formatQuantity(value, step.unit, step.decimals);
  const toleranceSource =
    target?.toleranceSource === 'step' && step.tolerance
      ? `${formatTolerance(step.tolerance, step.unit)}, set for this weighing`
      : target?.toleranceSource === 'material' && material
        ? `${formatTolerance(material.tolerance, material.unit)} of the material`
        : null;
  const { capacity, readability, minimumWeight } = step.balance;
  const balance = [
    step.equipment ? step.equipment : null,
    capacity !== undefined ? `capacity ${formatPlain(capacity)} ${step.unit}` : null,
    readability !== undefined ? `readability ${formatPlain(readability)} ${step.unit}` : null,
    minimumWeight !== undefined ? `minimum weight ${formatPlain(minimumWeight)} ${step.unit}` : null,
  ].filter((part): part is string => part !== null);
  return (
    <StepFacts
      facts={[
        {
          label: 'Material',
          value: material ? (
            <>
              <code className="step-code">{material.code}</code> {material.name}
            </>
          ) : step.material === recipe.header.product.code ? (
            <>
              <code className="step-code">{step.material}</code> {recipe.header.product.name} (the output, for
              the yield)
            </>
          ) : (
            <code className="step-code">{step.material}</code>
          ),
          testId: 'weighing-material',
        },
        {
          label: 'Target',
          testId: 'weighing-target',
          value: target ? (
            <span className="weighing-target">
              <strong className="weighing-target__value">
                {amount(target.quantity)}
                {target.tolerance !== undefined ? ` ± ${amount(target.tolerance)}` : ''}
              </strong>
              <span className="weighing-target__detail">
                {target.tolerance !== undefined
                  ? `range ${amount(target.quantity - target.tolerance)} – ${amount(target.quantity + target.tolerance)}`
                  : 'no tolerance: the weight is recorded'}
                {toleranceSource ? ` · ${toleranceSource}` : ''} · for the nominal{' '}
                {formatQuantity(batch.quantity, batch.unit)}, scaled with the batch size
              </span>
            </span>
          ) : (
            <span className="muted">Cannot be worked out from the bill of materials.</span>
          ),
        },
        {
          label: 'Balance',
          value: balance.length > 0 ? balance.join(' · ') : <span className="muted">any</span>,
          testId: 'weighing-balance',
        },
        { label: 'Recorded to', value: `${step.decimals} decimals` },
      ]}
    />
  );
}
