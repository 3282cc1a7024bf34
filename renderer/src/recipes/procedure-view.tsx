import { useMemo } from 'react';
import type { Recipe } from '../../../shared/recipes/recipe-schema';
import { StepCard } from './step-card';
import { stepIndex, stepPlaces } from './step-places';

/** The procedure: an index of the operations to jump to, then every operation with its steps. */
export function ProcedureView({ recipe }: { recipe: Recipe }) {
  const places = useMemo(() => stepPlaces(recipe), [recipe]);
  const index = useMemo(() => stepIndex(recipe), [recipe]);
  const operations = recipe.procedure.operations.map((operation) => {
    const steps = places.filter((place) => place.operationId === operation.id);
    return { operation, steps };
  });
  const jump = (operationId: string) =>
    document.getElementById(`operation-${operationId}`)?.scrollIntoView({ block: 'start' });
  return (
    <div className="procedure" data-testid="procedure">
      <p className="recipe-section__note">
        Steps follow one another in this order, unless a step names the steps it waits for (“After”).
      </p>
      <nav className="procedure__index" aria-label="Operations">
        {operations.map(({ operation, steps }) => (
          <button
            type="button"
            className="procedure__jump"
            key={operation.id}
            onClick={() => jump(operation.id)}
            data-testid="operation-jump"
          >
            <span className="procedure__jump-title">{operation.title}</span>
            <span className="procedure__jump-steps">
              {steps.length === 1
                ? `step ${steps[0]!.number}`
                : `steps ${steps[0]!.number}–${steps[steps.length - 1]!.number}`}
            </span>
          </button>
        ))}
      </nav>
      {operations.map(({ operation, steps }, position) => (
        <section
          className="operation"
          key={operation.id}
          id={`operation-${operation.id}`}
          aria-label={`Operation ${operation.title}`}
          data-testid="operation"
          data-operation-id={operation.id}
        >
          <h3 className="operation__title">
            <span className="operation__number">Operation {position + 1}</span> {operation.title}{' '}
            <code className="operation__id">{operation.id}</code>
          </h3>
          <ol className="steps">
            {steps.map((place) => (
              <StepCard key={place.step.id} recipe={recipe} place={place} index={index} />
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}
