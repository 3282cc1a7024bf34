import type { LiveInstrument, LiveReading } from '../../../shared/contract/live-instruments';
import type { EbrErrorData } from '../../../shared/errors';
import { instrumentKindLabels } from '../../../shared/instruments/instrument-kinds';
import type { InstrumentBlock, ReadingIndicator } from './capture-readiness';

const connectionWords: Record<LiveInstrument['state'], string> = {
  idle: 'Not connected',
  connecting: 'Connecting…',
  ready: 'Connected',
  disconnected: 'Disconnected',
  refused: 'Refused',
  closed: 'Not connected',
};

const indicatorShown: Record<ReadingIndicator, { symbol: string; word: string }> = {
  stable: { symbol: '✓', word: 'Stable' },
  unstable: { symbol: '≈', word: 'Unstable' },
  overload: { symbol: '▲', word: 'Overload' },
  underload: { symbol: '▼', word: 'Underload' },
  none: { symbol: '–', word: 'No reading' },
};

/** Stable or not, at arm's length: a symbol and a word, never colour alone. */
export function StabilityIndicator({
  indicator,
  drifting,
}: {
  indicator: ReadingIndicator;
  drifting?: boolean;
}) {
  const { symbol, word } = indicatorShown[indicator];
  return (
    <span
      className={`stability stability--${indicator}`}
      data-testid="stability"
      data-status={indicator}
      role="status"
    >
      <span className="stability__symbol" aria-hidden="true">
        {symbol}
      </span>
      {indicator === 'unstable' && drifting ? 'Drifting' : word}
    </span>
  );
}

/** Which instrument: a choice when the terminal has several of the kind, its identity and connection. */
export function InstrumentHeader({
  candidates,
  chosen,
  equipment,
  onChoose,
  disabled,
}: {
  candidates: readonly LiveInstrument[];
  chosen: LiveInstrument;
  /** The asset id the step names, marked in the choice. */
  equipment: string | undefined;
  onChoose: (instrumentId: string) => void;
  disabled: boolean;
}) {
  const kind = instrumentKindLabels[chosen.kind];
  return (
    <header className="live-instrument__head">
      {candidates.length > 1 ? (
        <label className="live-instrument__choice">
          <span className="live-instrument__choice-label">{kind}</span>
          <select
            className="live-instrument__select"
            value={chosen.instrumentId}
            onChange={(event) => onChoose(event.target.value)}
            disabled={disabled}
            data-testid="instrument-choice"
          >
            {candidates.map((candidate) => (
              <option key={candidate.instrumentId} value={candidate.instrumentId}>
                {candidate.assetId}
                {candidate.assetId === equipment ? ' (this step’s)' : ''} · {connectionWords[candidate.state]}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <p className="live-instrument__name">
          <span className="live-instrument__choice-label">{kind}</span>
          <strong data-testid="instrument-asset">{chosen.assetId}</strong>
        </p>
      )}
      <p className="live-instrument__identity" data-testid="instrument-identity">
        {chosen.model ? <span>{chosen.model}</span> : null}
        {chosen.serialNumber ? <span>S/N {chosen.serialNumber}</span> : null}
        <span
          className={`connection connection--${chosen.state}`}
          data-testid="instrument-connection"
          data-state={chosen.state}
        >
          {connectionWords[chosen.state]}
        </span>
        {chosen.simulated ? (
          <span className="simulated-tag" data-testid="simulated">
            SIMULATED
          </span>
        ) : null}
      </p>
    </header>
  );
}

/** Why this instrument captures nothing now (disconnected, refused, calibration overdue…). */
export function InstrumentBlockNotice({ block }: { block: InstrumentBlock }) {
  return (
    <div
      className={`instrument-block instrument-block--${block.kind === 'connecting' ? 'wait' : 'stop'}`}
      role="alert"
      data-testid="instrument-block"
      data-kind={block.kind}
    >
      <span className="instrument-block__symbol" aria-hidden="true">
        {block.kind === 'connecting' ? '…' : '✗'}
      </span>
      <p className="instrument-block__message">{block.message}</p>
    </div>
  );
}

/** What the core refused (tare, zero, capture), in its own words; nothing was recorded. */
export function InstrumentRefusal({ error }: { error: EbrErrorData }) {
  return (
    <div
      className="instrument-refusal"
      role="alert"
      data-testid="instrument-refusal"
      data-code={error.code}
      data-reason={typeof error.details?.code === 'string' ? error.details.code : undefined}
    >
      <span className="instrument-refusal__symbol" aria-hidden="true">
        ✗
      </span>
      <div>
        <p className="instrument-refusal__message" data-testid="instrument-refusal-message">
          {error.message}
        </p>
        <p className="instrument-refusal__note">Nothing was captured.</p>
      </div>
    </div>
  );
}

/** The value as the display shows it: the digits the instrument printed, or its range state. */
export function displayValue(reading: LiveReading | null): string {
  if (!reading) return '—';
  if (reading.status === 'overload') return 'Overload';
  if (reading.status === 'underload') return 'Underload';
  return reading.valueText ?? (reading.value === null ? '—' : String(reading.value));
}
