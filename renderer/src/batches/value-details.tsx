import type { InstrumentSource, RecordedValue } from '../../../shared/batches/recorded-value';
import { formatNumber, formatQuantity, stepDecimals } from '../../../shared/format/numbers';
import { formatUtcInstant } from '../format/time';
import { captureTime } from '../instruments-live/captured-value';
import { RawBytes } from '../instruments-live/raw-bytes';
import type { StepIndex } from '../recipes/step-places';
import { StepRef } from '../recipes/step-ref';
import { shortLocalTime } from '../recipes/recipe-time';
import { StepFacts, type StepFact } from '../recipes/step-facts';
import { useSystemInfo } from '../system/system-info-context';

/** A scanned code as people read it: GS1 group separators shown as <GS>. */
export function visibleCode(code: string): string {
  return code.replaceAll('\u001d', '<GS>');
}

/** A value read from another step, with that step's unit and decimals (`8.010 kg`). */
function valueOf(index: StepIndex, stepId: string, value: number): string {
  const step = index.get(stepId)?.step;
  const decimals = step ? stepDecimals(step) : undefined;
  return step && 'unit' in step ? formatQuantity(value, step.unit, decimals) : formatNumber(value, decimals);
}

/** A calculation's formula and each value it read, with the step it came from. */
export function FormulaInputs({
  formula,
  inputs,
  index,
}: {
  formula: string;
  inputs: Record<string, number>;
  index: StepIndex;
}) {
  return (
    <div className="formula-inputs">
      <p className="formula-inputs__formula">
        <code className="step-formula" data-testid="calculation-formula">
          {formula}
        </code>
      </p>
      <table className="formula-inputs__table" data-testid="calculation-inputs">
        <tbody>
          {Object.entries(inputs).map(([id, value]) => (
            <tr key={id} data-testid="calculation-input" data-step-id={id}>
              <th scope="row">
                <StepRef id={id} index={index} />
              </th>
              <td className="formula-inputs__value">{valueOf(index, id, value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Where an instrument value came from: the instrument, its serial number, when, and the bytes as received. */
function instrumentFacts(source: InstrumentSource, timeZone: string): StepFact[] {
  return [
    {
      label: 'Instrument',
      value: `${source.assetId} · serial number ${source.serialNumber}${source.model ? ` · ${source.model}` : ''}`,
      testId: 'recorded-instrument',
    },
    {
      label: 'Received',
      value: captureTime(source.receivedAtUtc, timeZone),
      testId: 'recorded-instrument-time',
    },
    {
      label: 'As received',
      value: <RawBytes hex={source.rawHex} />,
      testId: 'recorded-raw',
    },
  ];
}

/** What a value records beyond its one line: timer start and stop, formula inputs, ticked items, code. */
export function ValueDetails({ value, index }: { value: RecordedValue; index: StepIndex }) {
  const { info } = useSystemInfo();
  const facts: StepFact[] = [];
  switch (value.type) {
    case 'check':
      return (
        <ul className="ticked-items" data-testid="ticked-items">
          {value.items.map((item, position) => (
            <li key={position} className="ticked-items__item">
              <span className="ticked-items__mark" aria-hidden="true">
                ✓
              </span>
              {item.text}
            </li>
          ))}
        </ul>
      );
    case 'timer':
      facts.push(
        {
          label: 'Started',
          value: `${shortLocalTime(value.startedAtUtc, info.timeZone)} · ${formatUtcInstant(value.startedAtUtc)}`,
          testId: 'timer-started',
        },
        {
          label: 'Stopped',
          value: `${shortLocalTime(value.stoppedAtUtc, info.timeZone)} · ${formatUtcInstant(value.stoppedAtUtc)}`,
          testId: 'timer-stopped',
        },
      );
      break;
    case 'calculation':
      return <FormulaInputs formula={value.formula} inputs={value.inputs} index={index} />;
    case 'scan':
      facts.push({
        label: 'Expected',
        value: value.expected.code ?? `matching ${value.expected.pattern ?? ''}`,
      });
      if (value.instrument) facts.push(...instrumentFacts(value.instrument, info.timeZone));
      break;
    case 'weighing':
    case 'measurement':
      if (value.instrument) facts.push(...instrumentFacts(value.instrument, info.timeZone));
      break;
    default:
      break;
  }
  return <StepFacts facts={facts} />;
}
