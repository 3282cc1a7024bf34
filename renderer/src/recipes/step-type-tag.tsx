import type { StepType } from '../../../shared/recipes/recipe-schema';
import { stepTypeLabels, stepTypeSymbols } from './step-types';

/** A step's type: symbol in a coloured square, and the word. */
export function StepTypeTag({ type }: { type: StepType }) {
  return (
    <span className={`step-type step-type--${type}`} data-testid="step-type" data-type={type}>
      <span className="step-type__symbol" aria-hidden="true">
        {stepTypeSymbols[type]}
      </span>
      <span className="step-type__label">{stepTypeLabels[type]}</span>
    </span>
  );
}
