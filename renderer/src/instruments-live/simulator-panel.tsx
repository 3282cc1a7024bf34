import { useState, type KeyboardEvent, type ReactNode } from 'react';
import type { ChannelInput } from '../../../shared/contract';
import type { LiveInstrument } from '../../../shared/contract/live-instruments';
import { call } from '../ipc/client';
import { toIpcError } from '../ipc/ipc-error';
import { useLiveInstruments } from './live-instruments-context';
import '../styles/simulator-panel.css';

type SimulatorAction = Omit<ChannelInput<'instruments.simulate'>, 'instrumentId'>;

/** Drives one simulated instrument through the core; its answer updates the live view, a refusal is shown. */
function useSimulate(instrumentId: string | undefined) {
  const { update } = useLiveInstruments();
  const [running, setRunning] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const simulate = async (action: SimulatorAction) => {
    if (!instrumentId || running) return;
    setRunning(true);
    setFailure(null);
    try {
      update(await call('instruments.simulate', { instrumentId, ...action }));
    } catch (error) {
      setFailure(toIpcError(error).message);
    } finally {
      setRunning(false);
    }
  };
  return { running, failure, simulate };
}

/** The frame that tells a trainer's controls from the instrument's: dashed, labelled, never recorded as such. */
function SimulatorFrame({
  instrument,
  failure,
  children,
}: {
  instrument: LiveInstrument;
  failure: string | null;
  children: ReactNode;
}) {
  return (
    <section
      className="simulator-panel"
      aria-label={`Simulator of ${instrument.assetId}`}
      data-testid="simulator-panel"
      data-instrument-id={instrument.instrumentId}
    >
      <h3 className="simulator-panel__title">SIMULATED — training only</h3>
      {children}
      {failure ? (
        <p className="simulator-panel__failure" role="alert" data-testid="simulator-failure">
          {failure}
        </p>
      ) : null}
    </section>
  );
}

/** Enter acts on the simulator only: these fields sit inside the step's form, which Enter would submit. */
function onEnter(action: () => void) {
  return (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    action();
  };
}

/** A number typed as the operator would read it (comma or point), or null. */
function parsedNumber(text: string): number | null {
  const trimmed = text.trim().replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(trimmed)) return null;
  return Number(trimmed);
}

/** What lies on a simulated balance's pan (gross, in the balance's unit), and draughts on or off. */
export function BalanceSimulatorPanel({
  instrument,
  unit,
  disabled,
}: {
  instrument: LiveInstrument;
  unit: string;
  disabled: boolean;
}) {
  const { running, failure, simulate } = useSimulate(instrument.instrumentId);
  const [load, setLoad] = useState('');
  const [draught, setDraught] = useState(false);
  const loadValue = parsedNumber(load);
  const place = () => {
    if (loadValue !== null) void simulate({ load: loadValue });
  };
  return (
    <SimulatorFrame instrument={instrument} failure={failure}>
      <div className="simulator-panel__row">
        <label className="simulator-panel__field">
          <span>Put on the pan</span>
          <input
            className="field__input simulator-panel__input"
            inputMode="decimal"
            value={load}
            onChange={(event) => setLoad(event.target.value)}
            onKeyDown={onEnter(place)}
            disabled={disabled}
            data-testid="simulator-load"
          />
          <span className="simulator-panel__unit">{unit}</span>
        </label>
        <button
          type="button"
          className="button"
          onClick={place}
          disabled={disabled || running || loadValue === null}
          data-testid="simulator-place"
        >
          Place
        </button>
        <button
          type="button"
          className="button"
          aria-pressed={draught}
          onClick={() => {
            const next = !draught;
            setDraught(next);
            void simulate({ vibrating: next });
          }}
          disabled={disabled || running}
          data-testid="simulator-draught"
        >
          {draught ? 'Draught: on' : 'Draught: off'}
        </button>
      </div>
    </SimulatorFrame>
  );
}

/** The pH of the sample in a simulated meter. */
export function PhSimulatorPanel({
  instrument,
  disabled,
}: {
  instrument: LiveInstrument;
  disabled: boolean;
}) {
  const { running, failure, simulate } = useSimulate(instrument.instrumentId);
  const [pH, setPH] = useState('');
  const pHValue = parsedNumber(pH);
  const valid = pHValue !== null && pHValue >= 0 && pHValue <= 14;
  const set = () => {
    if (valid) void simulate({ pH: pHValue });
  };
  return (
    <SimulatorFrame instrument={instrument} failure={failure}>
      <div className="simulator-panel__row">
        <label className="simulator-panel__field">
          <span>Sample pH</span>
          <input
            className="field__input simulator-panel__input"
            inputMode="decimal"
            value={pH}
            onChange={(event) => setPH(event.target.value)}
            onKeyDown={onEnter(set)}
            disabled={disabled}
            data-testid="simulator-ph"
          />
        </label>
        <button
          type="button"
          className="button"
          onClick={set}
          disabled={disabled || running || !valid}
          data-testid="simulator-set-ph"
        >
          Set
        </button>
      </div>
    </SimulatorFrame>
  );
}

/** A code read by the simulated scanner this terminal holds; shown only while one is connected. */
export function ScanSimulatorPanel({ disabled }: { disabled: boolean }) {
  const { live } = useLiveInstruments();
  const scanner = live.find(
    (instrument) =>
      instrument.kind === 'barcode-scanner' && instrument.simulated && instrument.state === 'ready',
  );
  const { running, failure, simulate } = useSimulate(scanner?.instrumentId);
  const [code, setCode] = useState('');
  if (!scanner) return null;
  const scan = () => {
    if (code.trim() !== '') void simulate({ scan: code.trim() });
  };
  return (
    <SimulatorFrame instrument={scanner} failure={failure}>
      <div className="simulator-panel__row">
        <label className="simulator-panel__field">
          <span>Simulate a scan</span>
          <input
            className="field__input field__input--code simulator-panel__input simulator-panel__input--code"
            value={code}
            onChange={(event) => setCode(event.target.value)}
            onKeyDown={onEnter(scan)}
            disabled={disabled}
            data-testid="simulator-code"
          />
        </label>
        <button
          type="button"
          className="button"
          onClick={scan}
          disabled={disabled || running || code.trim() === ''}
          data-testid="simulator-scan"
        >
          Scan
        </button>
      </div>
    </SimulatorFrame>
  );
}
