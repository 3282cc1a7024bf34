/**
 * What a person enters at a step when nothing special happens: the middle of the limits, the
 * target weight, every check ticked, a plausible lot code. The demo builder and the tests that
 * drive whole batches through the channels use it, so both enter what an operator would.
 */
import type { BatchStepView } from '../../../shared/contract/batches';
import type { StepInput } from '../../../shared/batches/step-input';
import type { RecipeStep } from '../../../shared/recipes/recipe-schema';

/** What the scenario enters at a step instead of the in-limits default. */
export interface StepPlan {
  /** The typed value (numeric, measurement, weighing net) or the scanned code. */
  entry?: string;
  deviationComment?: string;
  overrideReason?: string;
  /** A weighing of a registered material: the source container scanned (lot number or GS1 label). */
  source?: string;
  /** A weighing drawn from several lots: each portion's source and net (their sum is `entry`). */
  portions?: { source: string; net: string; containerEmptied?: boolean }[];
}

function midOf(
  limits: { min?: number; target?: number; max?: number } | null | undefined,
): number | undefined {
  if (!limits) return undefined;
  if (limits.target !== undefined) return limits.target;
  if (limits.min !== undefined && limits.max !== undefined) return (limits.min + limits.max) / 2;
  return limits.min ?? limits.max;
}

/** A code matching "RM-2010/[0-9]{2}[A-Z][0-9]{4}"-style patterns, or the expected code. */
export function lotFor(definition: Extract<RecipeStep, { type: 'scan' }>, position: number): string {
  if (definition.expected.code !== undefined) return definition.expected.code;
  return `${definition.material ?? 'LOT'}/26B${String(4100 + position).padStart(4, '0')}`;
}

/** The step's input as the step panel sends it: manual entries, the plan's value where it has one. */
export function stepInputFor(step: BatchStepView, plan: StepPlan | undefined): StepInput {
  const definition = step.definition;
  const fixed = (number: number | undefined, decimals: number) => (number ?? 1).toFixed(decimals);
  switch (definition.type) {
    case 'instruction':
      return { type: 'instruction', acknowledged: true };
    case 'check':
      return { type: 'check', checked: definition.items.map(() => true) };
    case 'numeric':
      return { type: 'numeric', value: plan?.entry ?? fixed(midOf(definition.limits), definition.decimals) };
    case 'measurement':
      return {
        type: 'measurement',
        origin: 'manual',
        value: plan?.entry ?? fixed(midOf(definition.limits), definition.decimals),
      };
    case 'weighing':
      return {
        type: 'weighing',
        origin: 'manual',
        net: plan?.entry ?? fixed(step.weighing?.target, definition.decimals),
        ...(plan?.source === undefined ? {} : { source: plan.source }),
        ...(plan?.portions === undefined ? {} : { portions: plan.portions }),
      };
    case 'scan':
      return { type: 'scan', code: plan?.entry ?? lotFor(definition, step.position) };
    case 'timer':
      return { type: 'timer' };
    case 'calculation':
      return { type: 'calculation' };
  }
}
