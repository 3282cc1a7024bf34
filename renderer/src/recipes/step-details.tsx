import type { Recipe, RecipeStep } from '../../../shared/recipes/recipe-schema';
import { formulaReferences } from './formula-references';
import { formatMinutes } from './recipe-numbers';
import { StepFacts } from './step-facts';
import { StepLimits } from './step-limits';
import type { StepIndex } from './step-places';
import { StepRef } from './step-ref';
import { WeighingDetails } from './weighing-details';

const scanSubjects = {
  'material-lot': 'Material lot',
  container: 'Container',
  equipment: 'Equipment',
} as const;
const sources = {
  instrument: 'From the instrument',
  manual: 'Typed in',
  either: 'Instrument or typed in',
} as const;

/** What a step of each type asks for: items, limits, target, expected code, time window, formula. */
export function StepDetails({ recipe, step, index }: { recipe: Recipe; step: RecipeStep; index: StepIndex }) {
  switch (step.type) {
    case 'instruction':
      return <p className="step-details__note">Acknowledged when done.</p>;
    case 'check':
      return (
        <div className="step-details">
          <p className="step-details__note">Every item must be ticked:</p>
          <ol className="step-checklist" data-testid="step-checklist">
            {step.items.map((item, position) => (
              <li key={position}>{item}</li>
            ))}
          </ol>
        </div>
      );
    case 'numeric':
      return <StepLimits limits={step.limits} unit={step.unit} decimals={step.decimals} />;
    case 'weighing':
      return <WeighingDetails recipe={recipe} step={step} />;
    case 'measurement':
      return (
        <div className="step-details">
          <StepFacts
            facts={[
              { label: 'Measures', value: step.quantity },
              {
                label: 'Source',
                value: step.equipment ? `${sources[step.source]} · ${step.equipment}` : sources[step.source],
              },
            ]}
          />
          <StepLimits limits={step.limits} unit={step.unit} decimals={step.decimals} />
        </div>
      );
    case 'scan':
      return (
        <StepFacts
          facts={[
            {
              label: 'Scan',
              value: [scanSubjects[step.subject], step.material, step.equipment].filter(Boolean).join(' · '),
            },
            {
              label: 'Expected',
              testId: 'scan-expected',
              value: (
                <>
                  {step.expected.code !== undefined ? (
                    <span>
                      exactly <code className="step-code">{step.expected.code}</code>
                    </span>
                  ) : null}
                  {step.expected.code !== undefined && step.expected.pattern !== undefined ? ' or ' : null}
                  {step.expected.pattern !== undefined ? (
                    <span>
                      matching <code className="step-code">{step.expected.pattern}</code>
                    </span>
                  ) : null}
                </>
              ),
            },
          ]}
        />
      );
    case 'timer':
      return (
        <StepFacts
          facts={[
            { label: 'Time', value: formatMinutes(step.minMinutes, step.maxMinutes), testId: 'timer-window' },
            { label: 'Measured from', value: <StepRef id={step.from} index={index} />, testId: 'timer-from' },
          ]}
        />
      );
    case 'calculation': {
      const references = formulaReferences(step.formula, new Set(index.keys()));
      return (
        <div className="step-details">
          <StepFacts
            facts={[
              {
                label: 'Formula',
                value: <code className="step-formula">{step.formula}</code>,
                testId: 'calculation-formula',
              },
              {
                label: 'Uses',
                testId: 'calculation-references',
                value:
                  references.length > 0 ? (
                    <ul className="step-refs">
                      {references.map((id) => (
                        <li key={id}>
                          <StepRef id={id} index={index} />
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <span className="muted">no other step</span>
                  ),
              },
            ]}
          />
          <StepLimits limits={step.limits} unit={step.unit} decimals={step.decimals} />
        </div>
      );
    }
  }
}
