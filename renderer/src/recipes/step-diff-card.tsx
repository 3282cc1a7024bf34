import { DiffChangeTable } from './diff-change-table';
import { DiffStatusTag } from './diff-status-tag';
import { stepDiffValue } from './diff-words';
import type { StepDiff } from './recipe-diff';
import { StepTypeTag } from './step-type-tag';

function where(place: NonNullable<StepDiff['after']>): string {
  return `step ${place.number}, ${place.operationTitle}`;
}

/** One step that differs: what it is, where it was and is, and each field with old → new. */
export function StepDiffCard({
  diff,
  beforeLabel,
  afterLabel,
}: {
  diff: StepDiff;
  beforeLabel: string;
  afterLabel: string;
}) {
  const shown = diff.after ?? diff.before!;
  const { step } = shown;
  return (
    <li
      className={`step-diff step-diff--${diff.status}`}
      data-testid="step-diff"
      data-step-id={diff.id}
      data-status={diff.status}
    >
      <header className="step-diff__header">
        <DiffStatusTag status={diff.status} />
        {diff.moved && diff.status === 'changed' ? <DiffStatusTag status="moved" /> : null}
        <span className="step-diff__number">
          {diff.after ? `Step ${diff.after.number}` : `Was step ${diff.before!.number}`}
        </span>
        <StepTypeTag type={step.type} />
        <span className="step-diff__title" data-testid="step-diff-title">
          {step.title}
        </span>
        <code className="step__id">{diff.id}</code>
      </header>
      {diff.status === 'removed' ? (
        <p className="step-diff__where">
          Removed from {where(diff.before!)} of {beforeLabel}. {step.instruction}
        </p>
      ) : null}
      {diff.status === 'added' ? (
        <p className="step-diff__where">
          New in {afterLabel} at {where(diff.after!)}; shown in full in the procedure below.{' '}
          {step.instruction}
        </p>
      ) : null}
      {diff.moved && diff.before && diff.after ? (
        <p className="step-diff__where" data-testid="step-diff-moved">
          Moved from {where(diff.before)} to {where(diff.after)}.
        </p>
      ) : null}
      {diff.changes.length > 0 ? (
        <DiffChangeTable
          changes={diff.changes}
          beforeLabel={beforeLabel}
          afterLabel={afterLabel}
          formatBefore={(value, path) => stepDiffValue(diff.before?.step, value, path)}
          formatAfter={(value, path) => stepDiffValue(diff.after?.step, value, path)}
        />
      ) : null}
    </li>
  );
}
