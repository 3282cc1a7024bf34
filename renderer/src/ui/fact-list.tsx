import type { ReactNode } from 'react';

export interface Fact {
  label: string;
  value: ReactNode;
  testId?: string;
  /** Identifiers and hashes are set in a monospaced face so they can be read aloud and compared. */
  code?: boolean;
}

export function FactList({ facts }: { facts: readonly Fact[] }) {
  return (
    <dl className="facts">
      {facts.map((fact) => (
        <div className="facts__row" key={fact.label}>
          <dt className="facts__label">{fact.label}</dt>
          <dd
            className={fact.code ? 'facts__value facts__value--code' : 'facts__value'}
            data-testid={fact.testId}
          >
            {fact.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
