import { useEffect, useRef } from 'react';
import type { BatchView } from '../../../shared/contract/batches';
import { stepTypeSymbols } from '../recipes/step-types';
import { progressSymbols, progressText, stepProgress } from './step-progress';

/**
 * Every step of the batch at the side, grouped by operation, each with its status; choosing one
 * shows it large. The step shown stays scrolled into view.
 */
export function StepList({
  batch,
  userId,
  selectedId,
  onSelect,
}: {
  batch: BatchView;
  userId: string;
  selectedId: string | null;
  onSelect: (stepId: string) => void;
}) {
  const list = useRef<HTMLElement>(null);
  // Only the list scrolls to the step shown: the page stays where the person left it.
  useEffect(() => {
    const container = list.current;
    const selected = container?.querySelector<HTMLElement>('[aria-current="step"]');
    if (!container || !selected) return;
    const frame = container.getBoundingClientRect();
    const place = selected.getBoundingClientRect();
    if (place.top < frame.top) container.scrollTop -= frame.top - place.top + 48;
    else if (place.bottom > frame.bottom) container.scrollTop += place.bottom - frame.bottom + 48;
  }, [selectedId]);
  const openExceptions = new Set(
    batch.exceptions.filter((exception) => exception.status === 'open').map((exception) => exception.stepId),
  );
  return (
    <nav className="step-list" aria-label="Steps of the batch" ref={list} data-testid="step-list">
      {batch.operations.map((operation) => {
        const steps = batch.steps.filter((step) => step.operationId === operation.id);
        const done = steps.filter((step) => step.status === 'completed').length;
        return (
          <section key={operation.id} className="step-list__operation" aria-label={operation.title}>
            <h3 className="step-list__operation-title">
              {operation.title}
              <span className="step-list__count">
                {done}/{steps.length}
              </span>
            </h3>
            <ol className="step-list__steps">
              {steps.map((step) => {
                const progress = stepProgress(step, userId);
                return (
                  <li key={step.id}>
                    <button
                      type="button"
                      className={`step-list__step step-list__step--${progress}`}
                      aria-current={step.id === selectedId ? 'step' : undefined}
                      onClick={() => onSelect(step.id)}
                      data-testid="step-list-item"
                      data-step-id={step.id}
                      data-progress={progress}
                    >
                      <span className="step-list__symbol" aria-hidden="true">
                        {progressSymbols[progress]}
                      </span>
                      <span className="step-list__text">
                        <span className="step-list__title">
                          <span className="step-list__number">{step.position + 1}</span>{' '}
                          <span aria-hidden="true" className="step-list__type">
                            {stepTypeSymbols[step.definition.type]}
                          </span>{' '}
                          {step.definition.title}
                        </span>
                        <span className="step-list__status">
                          {progressText(step, progress)}
                          {openExceptions.has(step.id) ? (
                            <span className="step-list__exception" data-testid="step-list-exception">
                              {' '}
                              · ! exception
                            </span>
                          ) : null}
                        </span>
                      </span>
                    </button>
                  </li>
                );
              })}
            </ol>
          </section>
        );
      })}
    </nav>
  );
}
