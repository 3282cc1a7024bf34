import type { ReactNode } from 'react';

export interface StepFact {
  label: string;
  value: ReactNode;
  testId?: string;
}

/** A step's particulars as label/value rows, compact enough for a 30-step recipe. */
export function StepFacts({ facts }: { facts: readonly StepFact[] }) {
  if (facts.length === 0) return null;
  return (
    <dl className="step-facts">
      {facts.map((fact) => (
        <div className="step-facts__row" key={fact.label}>
          <dt className="step-facts__label">{fact.label}</dt>
          <dd className="step-facts__value" data-testid={fact.testId}>
            {fact.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
