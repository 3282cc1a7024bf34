import type { Recipe } from '../../../shared/recipes/recipe-schema';
import { StepDetails } from './step-details';
import type { StepIndex, StepPlace } from './step-places';
import { StepRules } from './step-rules';
import { StepTypeTag } from './step-type-tag';

/** One step as a reviewer reads it: number, type, title, instruction, what it asks for, and its rules. */
export function StepCard({ recipe, place, index }: { recipe: Recipe; place: StepPlace; index: StepIndex }) {
  const { step } = place;
  return (
    <li
      className={step.critical ? 'step step--critical' : 'step'}
      data-testid="recipe-step"
      data-step-id={step.id}
      data-type={step.type}
      id={`step-${step.id}`}
    >
      <div className="step__number" aria-label={`Step ${place.number}`}>
        {place.number}
      </div>
      <div className="step__main">
        <header className="step__header">
          <StepTypeTag type={step.type} />
          <h4 className="step__title" data-testid="step-title">
            {step.title}
          </h4>
          <span className="step__marks">
            {step.critical ? (
              <span className="step__critical" data-testid="step-critical">
                <span aria-hidden="true">◆</span> Critical
              </span>
            ) : null}
            <code className="step__id">{step.id}</code>
          </span>
        </header>
        {step.instruction ? <p className="step__instruction">{step.instruction}</p> : null}
        <StepDetails recipe={recipe} step={step} index={index} />
        <StepRules step={step} index={index} />
      </div>
    </li>
  );
}
