import { roleLabels } from '../../../shared/permissions';
import type { RecipeStep, StepType } from '../../../shared/recipes/recipe-schema';
import { meaningLabels } from '../../../shared/signatures';
import type { StepIndex } from './step-places';
import { StepRef } from './step-ref';

/** Types whose entry can fall outside what the recipe allows. */
const hasLimits: ReadonlySet<StepType> = new Set([
  'numeric',
  'weighing',
  'measurement',
  'scan',
  'timer',
  'calculation',
]);

const onViolation = {
  block: 'Block: supervisor override by signature',
  deviation: 'Deviation: recorded, work continues',
} as const;

/**
 * Who does the step, who signs it, what a limit violation does, and — only when the recipe says
 * so — which steps must come first (otherwise the previous one: the procedure is sequential).
 */
export function StepRules({ step, index }: { step: RecipeStep; index: StepIndex }) {
  return (
    <dl className="step-rules">
      <div className="step-rules__item">
        <dt>Performed by</dt>
        <dd data-testid="step-role">{roleLabels[step.requiredRole]}</dd>
      </div>
      <div className="step-rules__item">
        <dt>Signatures</dt>
        <dd>
          {step.signatures.length === 0 ? (
            <span className="muted">none</span>
          ) : (
            <ul className="step-signatures" data-testid="step-signatures">
              {step.signatures.map((signature, position) => (
                <li
                  key={position}
                  className="step-signature"
                  data-testid="step-signature"
                  data-meaning={signature.meaning}
                >
                  <span className="step-signature__who">
                    <strong>{meaningLabels[signature.meaning]}</strong> by {roleLabels[signature.role]}
                  </span>{' '}
                  {signature.distinctFromPerformer ? (
                    <span className="step-signature__second" data-testid="second-person">
                      second person
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </dd>
      </div>
      {hasLimits.has(step.type) ? (
        <div className="step-rules__item">
          <dt>On violation</dt>
          <dd
            className={`step-violation step-violation--${step.onLimitViolation}`}
            data-testid="step-on-violation"
            data-on-violation={step.onLimitViolation}
          >
            {onViolation[step.onLimitViolation]}
          </dd>
        </div>
      ) : null}
      {step.dependsOn ? (
        <div className="step-rules__item step-rules__item--wide">
          <dt>After</dt>
          <dd data-testid="step-depends-on">
            {step.dependsOn.length === 0 ? (
              'no other step: may start any time'
            ) : (
              <ul className="step-refs">
                {step.dependsOn.map((id) => (
                  <li key={id}>
                    <StepRef id={id} index={index} />
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      ) : null}
    </dl>
  );
}
