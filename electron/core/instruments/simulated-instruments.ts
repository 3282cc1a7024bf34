import type { InstrumentView } from '../../../shared/contract/instruments';
import { EbrError } from '../../../shared/errors';
import { AndSimulator } from '../devices/simulators/and-simulator';
import type { InstrumentSimulator } from '../devices/simulators/instrument-simulator';
import { MtSicsSimulator } from '../devices/simulators/mt-sics-simulator';
import { PhMeterSimulator } from '../devices/simulators/ph-meter-simulator';
import { SartoriusSimulator } from '../devices/simulators/sartorius-simulator';
import { ScannerSimulator } from '../devices/simulators/scanner-simulator';

/** What a trainer may do to a simulated instrument from the screen. */
export interface SimulatorAction {
  /** Balance: what lies on the pan (gross, in the balance's unit). */
  load?: number;
  /** Balance: draughts on or off (the value never settles while on). */
  vibrating?: boolean;
  /** pH meter: the sample's pH. */
  pH?: number;
  /** Scanner: one code read. */
  scan?: string;
}

function decimalsOf(readability: number | null): number {
  if (readability === null) return 2;
  return Math.max(0, Math.min(6, Math.round(-Math.log10(readability))));
}

/** A simulator answering as the registered instrument would: its serial number, capacity, resolution and unit. */
export function simulatorFor(instrument: InstrumentView): InstrumentSimulator {
  const balance = {
    serialNumber: instrument.expectedSerialNumber,
    model: `${instrument.model} (simulated)`,
    capacity: instrument.capacity ?? 220,
    decimals: decimalsOf(instrument.readability),
    unit: instrument.unit ?? 'g',
  };
  switch (instrument.protocol) {
    case 'mt-sics':
      return new MtSicsSimulator({ balance });
    case 'sartorius-sbi':
      return new SartoriusSimulator({ balance });
    case 'and':
      return new AndSimulator({ balance });
    case 'ph-mt':
      return new PhMeterSimulator({
        serialNumber: instrument.expectedSerialNumber,
        model: `${instrument.model} (simulated)`,
      });
    case 'scanner':
      return new ScannerSimulator();
  }
}

export function applySimulatorAction(simulator: InstrumentSimulator, action: SimulatorAction): void {
  if (
    simulator instanceof MtSicsSimulator ||
    simulator instanceof SartoriusSimulator ||
    simulator instanceof AndSimulator
  ) {
    if (action.vibrating !== undefined) simulator.balance.vibrating = action.vibrating;
    if (action.load !== undefined) simulator.balance.place(action.load);
    return;
  }
  if (simulator instanceof PhMeterSimulator) {
    if (action.pH !== undefined) simulator.pH = action.pH;
    return;
  }
  if (simulator instanceof ScannerSimulator) {
    if (action.scan !== undefined) simulator.scan(action.scan);
    return;
  }
  throw new EbrError('VALIDATION_FAILED', 'This simulated instrument takes no such action.');
}
