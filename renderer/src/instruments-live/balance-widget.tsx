import type { CaptureView, LiveInstrument } from '../../../shared/contract/live-instruments';
import {
  instrumentBlock,
  readingIndicator,
  weighingReadiness,
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
import { BalanceSimulatorPanel } from './simulator-panel';
import { ToleranceBar } from './tolerance-bar';
import '../styles/instruments-live.css';

export interface WeighingStepFacts {
  batchId: string;
  stepId: string;
  training: boolean;
  equipment: string | undefined;
  unit: string;
  decimals: number;
  band: ToleranceBand;
}

/**
 * The balance on the bench while a weighing step is done: which balance, the net large, gross and
 * tare, stable or not, the net against the tolerance band, Tare / Zero / Capture. Live readings
 * stream while it shows. The core checks everything again on capture (P11-10h, USP <41>).
 */
export function BalanceWidget({
  step,
  candidates,
  captured,
  onCaptured,
  onDiscard,
  disabled,
}: {
  step: WeighingStepFacts;
  /** The balances this terminal's hub holds. */
  candidates: readonly LiveInstrument[];
  captured: CaptureView | null;
  onCaptured: (capture: CaptureView) => void;
  onDiscard: () => void;
  /** While the value is being recorded (signatures). */
  disabled: boolean;
}) {
  const session = useLiveInstrumentSession(step, candidates, onCaptured);
  const { registered, chosen, reading, actions } = session;
  if (!chosen) return null;

  const register = registered.get(chosen.instrumentId);
  const block = instrumentBlock(chosen, register, { equipment: step.equipment, training: step.training });
  const readiness = weighingReadiness(chosen, register, reading, step, block);
  const indicator = readingIndicator(reading);
  const sameUnit = reading?.unit === null || reading?.unit === undefined || reading.unit === step.unit;
  const net = reading && reading.value !== null && sameUnit ? reading.value : null;
  const tare = chosen.tare && chosen.tare.unit === step.unit ? chosen.tare : null;
  const amount = (value: number) => `${value.toFixed(step.decimals)} ${step.unit}`;
  const busy = disabled || actions.running !== null;
  const unitShown = reading?.unit ?? step.unit;

  return (
    <LiveInstrumentFrame
      label={`Balance ${chosen.assetId}`}
      testId="balance-widget"
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
            quantity="Net weight"
            decimals={step.decimals}
            onDiscard={onDiscard}
            disabled={disabled}
          />
        ) : null
      }
      simulator={
        chosen.simulated && step.training && !captured ? (
          <BalanceSimulatorPanel instrument={chosen} unit={register?.unit ?? step.unit} disabled={busy} />
        ) : null
      }
    >
      <div className="live-instrument__reading">
        <p
          className={`live-value live-value--${indicator}${block ? ' live-value--blocked' : ''}`}
          data-testid="balance-net-display"
        >
          <span className="live-value__label">Net</span>
          <span className="live-value__number" data-testid="balance-net">
            {displayValue(reading)}
          </span>
          {reading && reading.value !== null ? <span className="live-value__unit">{unitShown}</span> : null}
        </p>
        <StabilityIndicator indicator={indicator} />
      </div>
      <dl className="live-instrument__pair">
        <div>
          <dt>Gross</dt>
          <dd data-testid="balance-gross">{net !== null ? amount(net + (tare?.value ?? 0)) : '—'}</dd>
        </div>
        <div>
          <dt>Tare</dt>
          <dd data-testid="balance-tare">
            {chosen.tare ? `${chosen.tare.valueText} ${chosen.tare.unit}` : 'none'}
          </dd>
        </div>
      </dl>
      <ToleranceBar
        band={step.band}
        value={net}
        unit={step.unit}
        decimals={step.decimals}
        position={readiness.position}
        stable={indicator === 'stable'}
      />
      <CaptureAdvice
        readiness={readiness}
        ready={`Stable and within the tolerance: capture ${reading?.valueText ?? ''} ${unitShown}.`}
        blocked={block ? 'Capture is not possible with this balance now (see above).' : null}
      />
      <div className="live-instrument__actions">
        <button
          type="button"
          className="button button--large"
          onClick={() => void actions.tare(chosen.instrumentId)}
          disabled={busy || chosen.state !== 'ready'}
          data-testid="balance-tare-button"
          data-autofocus
        >
          {actions.running === 'tare' ? 'Taring…' : 'Tare'}
        </button>
        <button
          type="button"
          className="button button--large"
          onClick={() => void actions.zero(chosen.instrumentId)}
          disabled={busy || chosen.state !== 'ready'}
          data-testid="balance-zero-button"
        >
          {actions.running === 'zero' ? 'Zeroing…' : 'Zero'}
        </button>
        <CaptureButton session={session} chosen={chosen} busy={busy} readiness={readiness} />
      </div>
    </LiveInstrumentFrame>
  );
}
