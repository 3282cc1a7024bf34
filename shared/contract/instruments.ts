import type {
  CalibrationState,
  InstrumentKind,
  InstrumentProtocol,
  InstrumentStatus,
} from '../instruments/instrument-kinds';

export interface SerialSettingsView {
  baudRate: number;
  dataBits: 7 | 8;
  parity: 'none' | 'even' | 'odd';
  stopBits: 1 | 2;
  flowControl: 'none' | 'xon-xoff' | 'rts-cts';
}

export interface InstrumentCheckView {
  id: string;
  kind: 'calibration' | 'daily-check';
  result: 'pass' | 'fail';
  performedAtUtc: string;
  nextDueUtc: string | null;
  reference: string;
  comment: string;
  enteredByName: string;
  enteredAtUtc: string;
}

export interface InstrumentView {
  id: string;
  assetId: string;
  kind: InstrumentKind;
  protocol: InstrumentProtocol;
  port: string;
  serial: SerialSettingsView;
  expectedSerialNumber: string;
  model: string;
  unit: string | null;
  capacity: number | null;
  readability: number | null;
  minimumWeight: number | null;
  calibrationDueUtc: string | null;
  calibrationState: CalibrationState;
  terminalId: string | null;
  terminalName: string | null;
  status: InstrumentStatus;
  simulated: boolean;
  createdAtUtc: string;
  updatedAtUtc: string;
  /** Calibrations and daily checks, newest first. */
  checks: InstrumentCheckView[];
}

/** A serial port the operating system lists, offered when a technician types an instrument's port. */
export interface SerialPortView {
  path: string;
  manufacturer?: string;
  serialNumber?: string;
  vendorId?: string;
  productId?: string;
}
