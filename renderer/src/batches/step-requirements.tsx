import type { BatchStepView } from '../../../shared/contract/batches';
import { formatMinutes, formatQuantity } from '../recipes/recipe-numbers';
import { StepFacts } from '../recipes/step-facts';
import { StepLimits } from '../recipes/step-limits';
import type { StepIndex } from '../recipes/step-places';
import { StepRef } from '../recipes/step-ref';

const sources = {
  instrument: 'From the instrument',
  manual: 'Typed in',
  either: 'Instrument or typed in',
} as const;

const scanSubjects = {
  'material-lot': 'Material lot',
  container: 'Container',
  equipment: 'Equipment',
} as const;

/** The target window of a weighing for this batch (scaled to its planned quantity), large. */
function WeighingWindow({ step }: { step: BatchStepView }) {
  const definition = step.definition;
  if (definition.type !== 'weighing') return null;
  const range = step.weighing ?? {};
  const amount = (value: number) => formatQuantity(value, definition.unit, definition.decimals);
  return (
    <div className="weighing-window" data-testid="weighing-window">
      <p className="weighing-window__target">
        <span className="weighing-window__label">Target</span>
        <strong data-testid="weighing-window-target">
          {range.target !== undefined ? amount(range.target) : '—'}
        </strong>
      </p>
      {range.min !== undefined && range.max !== undefined ? (
        <p className="weighing-window__range" data-testid="weighing-window-range">
          Accepted {amount(range.min)} – {amount(range.max)}
          {range.target !== undefined ? ` (± ${amount(range.max - range.target)})` : ''}
        </p>
      ) : (
        <p className="weighing-window__range muted">No tolerance: the weight is recorded as it is.</p>
      )}
    </div>
  );
}

/**
 * What the step asks for, read before entering anything: limits, target, expected code, time window.
 * `capturing`: the live balance shows the target and tolerance with the reading, so the separate
 * target window gives way to keep reading, tolerance and Capture in the window together.
 */
export function StepRequirements({
  step,
  index,
  capturing = false,
}: {
  step: BatchStepView;
  index: StepIndex;
  capturing?: boolean;
}) {
  const definition = step.definition;
  switch (definition.type) {
    case 'instruction':
    case 'check':
      return null;
    case 'numeric':
      return <StepLimits limits={definition.limits} unit={definition.unit} decimals={definition.decimals} />;
    case 'measurement':
      return (
        <div className="step-requirements">
          <StepFacts
            facts={[
              { label: 'Measures', value: definition.quantity },
              {
                label: 'Source',
                value: definition.equipment
                  ? `${sources[definition.source]} · ${definition.equipment}`
                  : sources[definition.source],
              },
            ]}
          />
          <StepLimits limits={definition.limits} unit={definition.unit} decimals={definition.decimals} />
        </div>
      );
    case 'weighing':
      return (
        <div className="step-requirements step-requirements--inline">
          {capturing ? null : <WeighingWindow step={step} />}
          <StepFacts
            facts={[
              { label: 'Material', value: <code className="step-code">{definition.material}</code> },
              ...(definition.equipment ? [{ label: 'Balance', value: definition.equipment }] : []),
            ]}
          />
        </div>
      );
    case 'scan':
      return (
        <StepFacts
          facts={[
            {
              label: 'Scan',
              value: [scanSubjects[definition.subject], definition.material, definition.equipment]
                .filter(Boolean)
                .join(' · '),
            },
            {
              label: 'Expected',
              testId: 'scan-expected',
              value:
                definition.expected.code !== undefined ? (
                  <code className="step-code">{definition.expected.code}</code>
                ) : (
                  <span>
                    a code matching <code className="step-code">{definition.expected.pattern}</code>
                  </span>
                ),
            },
          ]}
        />
      );
    case 'timer':
      return (
        <StepFacts
          facts={[
            {
              label: 'Time',
              value: formatMinutes(definition.minMinutes, definition.maxMinutes),
              testId: 'timer-window',
            },
            { label: 'From', value: <StepRef id={definition.from} index={index} />, testId: 'timer-from' },
          ]}
        />
      );
    case 'calculation':
      return <StepLimits limits={definition.limits} unit={definition.unit} decimals={definition.decimals} />;
  }
}
