import type { StepIndex } from './step-places';

/** Another step named by its id, as a reader finds it: its number, title and id. */
export function StepRef({ id, index }: { id: string; index: StepIndex }) {
  const place = index.get(id);
  return (
    <span className="step-ref" data-testid="step-ref" data-step-id={id}>
      {place ? (
        <>
          <span className="step-ref__number">Step {place.number}</span> {place.step.title}{' '}
        </>
      ) : null}
      <code className="step-ref__id">{id}</code>
    </span>
  );
}
