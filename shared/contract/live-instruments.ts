/** An instrument as this terminal sees it now: driver state and the latest reading. */
export interface LiveReading {
  status: 'stable' | 'unstable' | 'overload' | 'underload';
  value: number | null;
  valueText: string | null;
  unit: string | null;
  /** Net, gross or tare, when the instrument says which. */
  label: string | null;
  /** The sample temperature a pH meter reports with its value (°C), when a probe is connected. */
  temperatureC: number | null;
  receivedAtUtc: string;
}

export interface LiveInstrument {
  instrumentId: string;
  assetId: string;
  kind: 'balance' | 'ph-meter' | 'barcode-scanner';
  simulated: boolean;
  state: 'idle' | 'connecting' | 'ready' | 'disconnected' | 'refused' | 'closed';
  /** Why it is refused or disconnected, for the operator. */
  message: string | null;
  serialNumber: string | null;
  model: string | null;
  streaming: boolean;
  /** The tare last read back from a balance, in its unit. */
  tare: { value: number; valueText: string; unit: string } | null;
  latest: LiveReading | null;
}

export interface InstrumentReadingEvent {
  instrumentId: string;
  reading: LiveReading;
}

export interface InstrumentStateEvent {
  instrument: LiveInstrument;
}

/** A code a registered scanner read; the scan field fills from it, `scanId` links the read. */
export interface InstrumentScanEvent {
  instrumentId: string;
  scanId: string;
  code: string;
  symbology: string | null;
  receivedAtUtc: string;
}

/** A stored capture for a step, ready to be recorded by `batches.completeStep`. */
export interface CaptureView {
  captureId: string;
  instrumentId: string;
  assetId: string;
  serialNumber: string;
  value: number;
  valueText: string;
  unit: string;
  tare: number | null;
  rawHex: string;
  receivedAtUtc: string;
}
