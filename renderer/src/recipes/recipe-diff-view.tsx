import { useMemo } from 'react';
import type { Recipe } from '../../../shared/recipes/recipe-schema';
import { DiffChangeTable } from './diff-change-table';
import { EntryDiffList } from './entry-diff-list';
import { formatQuantity, formatTolerance } from './recipe-numbers';
import { diffRecipes, type StepStatus } from './recipe-diff';
import { StepDiffCard } from './step-diff-card';

const countWords: [StepStatus, string][] = [
  ['changed', 'changed'],
  ['added', 'added'],
  ['removed', 'removed'],
  ['moved', 'moved'],
  ['unchanged', 'unchanged'],
];

/** What changed from `before` to `after`, section by section and step by step. */
export function RecipeDiffView({
  before,
  after,
  beforeLabel,
  afterLabel,
}: {
  before: Recipe;
  after: Recipe;
  beforeLabel: string;
  afterLabel: string;
}) {
  const diff = useMemo(() => diffRecipes(before, after), [before, after]);
  const labels = { beforeLabel, afterLabel };
  const differingSteps = diff.steps.filter((step) => step.status !== 'unchanged');
  return (
    <div className="recipe-diff" data-testid="recipe-diff" data-identical={String(diff.identical)}>
      <p className="recipe-diff__legend">
        <span className="recipe-diff__legend-old">− {beforeLabel}</span>
        <span aria-hidden="true">→</span>
        <span className="recipe-diff__legend-new">+ {afterLabel}</span>
      </p>
      <ul className="recipe-diff__counts" data-testid="diff-counts">
        {countWords.map(([status, word]) => (
          <li
            key={status}
            className={`diff-count diff-count--${status}`}
            data-status={status}
            data-count={diff.counts[status]}
          >
            <strong>{diff.counts[status]}</strong> {diff.counts[status] === 1 ? 'step' : 'steps'} {word}
          </li>
        ))}
      </ul>
      {diff.identical ? (
        <p className="lead" data-testid="diff-identical">
          The two versions have the same content.
        </p>
      ) : null}
      {diff.header.length > 0 ? (
        <section className="recipe-diff__section" aria-label="Header changes" data-testid="diff-header">
          <h3 className="recipe-diff__heading">Header</h3>
          <DiffChangeTable changes={diff.header} {...labels} />
        </section>
      ) : null}
      {diff.materials.length > 0 ? (
        <section className="recipe-diff__section" aria-label="Bill of materials changes">
          <h3 className="recipe-diff__heading">Bill of materials</h3>
          <EntryDiffList
            entries={diff.materials}
            describe={(material) =>
              `${material.name} · ${formatQuantity(material.quantity, material.unit)} ${formatTolerance(material.tolerance, material.unit)}`
            }
            testId="diff-materials"
            {...labels}
          />
        </section>
      ) : null}
      {diff.equipment.length > 0 ? (
        <section className="recipe-diff__section" aria-label="Equipment changes">
          <h3 className="recipe-diff__heading">Equipment</h3>
          <EntryDiffList
            entries={diff.equipment}
            describe={(item) => item.class}
            testId="diff-equipment"
            {...labels}
          />
        </section>
      ) : null}
      {diff.operations.length > 0 ? (
        <section className="recipe-diff__section" aria-label="Operation changes">
          <h3 className="recipe-diff__heading">Operations</h3>
          <EntryDiffList
            entries={diff.operations}
            describe={(operation) => operation.title}
            testId="diff-operations"
            {...labels}
          />
        </section>
      ) : null}
      {differingSteps.length > 0 ? (
        <section className="recipe-diff__section" aria-label="Step changes">
          <h3 className="recipe-diff__heading">Steps, in procedure order</h3>
          <ol className="step-diffs" data-testid="diff-steps">
            {differingSteps.map((step) => (
              <StepDiffCard key={`${step.status}-${step.id}`} diff={step} {...labels} />
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  );
}
