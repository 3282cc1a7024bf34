import type { CaptureView, LiveInstrument } from '../../../shared/contract/live-instruments';
import {
  instrumentBlock,
  measurementReadiness,
  readingIndicator,
  type ToleranceBand,
} from './capture-readiness';
import { CapturedValue } from './captured-value';
import { displayValue, StabilityIndicator } from './instrument-parts';
import {
  CaptureAdvice,
  CaptureButton,
  LiveInstrumentFrame,
  useLiveInstrumentSession,
} from './live-instrument-frame';
import { PhSimulatorPanel } from './simulator-panel';
import '../styles/instruments-live.css';

export interface MeasurementStepFacts {
  batchId: string;
  stepId: string;
  training: boolean;
  equipment: string | undefined;
  quantity: string;
  unit: string;
  decimals: number;
  limits: ToleranceBand;
}

/** Where a value stands against the step's limits, as information: the record flow applies them. */
function limitsNote(
  value: number | null,
  limits: ToleranceBand,
  unit: string,
  decimals: number,
): string | null {
  if (value === null) return null;
  const text = (number: number) => `${number.toFixed(decimals)} ${unit}`;
  if (limits.min !== undefined && value < limits.min) return `Below the lower limit ${text(limits.min)}.`;
  if (limits.max !== undefined && value > limits.max) return `Above the upper limit ${text(limits.max)}.`;
  if (limits.min !== undefined || limits.max !== undefined) return 'Within the limits.';
  return null;
}

/**
 * A pH meter while a measurement step is done: value, unit, the sample temperature when a probe
 * is connected, stable or drifting, and Capture. Readings stream while it shows.
 */
export function PhMeterWidget({
  step,
  candidates,
  captured,
  onCaptured,
  onDiscard,
  disabled,
}: {
  step: MeasurementStepFacts;
  candidates: readonly LiveInstrument[];
  captured: CaptureView | null;
  onCaptured: (capture: CaptureView) => void;
  onDiscard: () => void;
  disabled: boolean;
}) {
  const session = useLiveInstrumentSession(step, candidates, onCaptured);
  const { registered, chosen, reading, actions } = session;
  if (!chosen) return null;

  const block = instrumentBlock(chosen, registered.get(chosen.instrumentId), {
    equipment: step.equipment,
    training: step.training,
  });
  const readiness = measurementReadiness(chosen, reading, step.unit, block);
  const indicator = readingIndicator(reading);
  const busy = disabled || actions.running !== null;
  const note =
    reading?.status === 'stable' || reading?.status === 'unstable'
      ? limitsNote(reading.value, step.limits, step.unit, step.decimals)
      : null;

  return (
    <LiveInstrumentFrame
      label={`pH meter ${chosen.assetId}`}
      testId="ph-meter-widget"
      session={session}
      chosen={chosen}
      candidates={candidates}
      equipment={step.equipment}
      indicator={indicator}
      block={block}
      busy={busy}
      captured={captured}
      capturedView={
        captured ? (
          <CapturedValue
            capture={captured}
            quantity={step.quantity}
            decimals={step.decimals}
            onDiscard={onDiscard}
            disabled={disabled}
          />
        ) : null
      }
      simulator={
        chosen.simulated && step.training && !captured ? (
          <PhSimulatorPanel instrument={chosen} disabled={busy} />
        ) : null
      }
    >
      <div className="live-instrument__reading">
        <p className={`live-value live-value--${indicator}${block ? ' live-value--blocked' : ''}`}>
          <span className="live-value__label">{step.quantity}</span>
          <span className="live-value__number" data-testid="measurement-value">
            {displayValue(reading)}
          </span>
          {reading?.unit ? <span className="live-value__unit">{reading.unit}</span> : null}
        </p>
        <StabilityIndicator indicator={indicator} drifting />
      </div>
      <dl className="live-instrument__pair">
        <div>
          <dt>Temperature</dt>
          <dd data-testid="measurement-temperature">
            {reading?.temperatureC !== null && reading?.temperatureC !== undefined
              ? `${reading.temperatureC.toFixed(1)} °C`
              : 'no probe'}
          </dd>
        </div>
        {note ? (
          <div>
            <dt>Limits</dt>
            <dd data-testid="measurement-limits-note">{note}</dd>
          </div>
        ) : null}
      </dl>
      <CaptureAdvice
        readiness={readiness}
        ready={`Stable: capture ${reading?.valueText ?? ''} ${reading?.unit ?? step.unit}.`}
        blocked={block ? 'Capture is not possible with this meter now (see above).' : null}
      />
      <div className="live-instrument__actions">
        <CaptureButton session={session} chosen={chosen} busy={busy} readiness={readiness} autofocus />
      </div>
    </LiveInstrumentFrame>
  );
}
