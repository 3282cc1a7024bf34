/** What the driver reports: its state, and lines it could not use. */
import type { InstrumentIdentity, RawBytes, Reading, ScanRead } from './reading';

export type DriverState = 'idle' | 'connecting' | 'ready' | 'disconnected' | 'refused' | 'closed';

export interface DriverStatus {
  state: DriverState;
  /** Why the driver is in this state, for the operator (refused, disconnected). */
  message?: string;
  identity?: InstrumentIdentity;
  streaming: boolean;
  /** While disconnected: milliseconds until the next reconnect attempt. */
  retryInMs?: number;
}

/** A line that could not be used; reported for diagnosis, never as a value. */
export interface LineFault {
  kind: 'unreadable' | 'overlong' | 'incomplete' | 'instrument-error';
  message: string;
  raw: RawBytes;
  receivedAtMs: number;
}

export interface DriverEvents {
  state: [DriverStatus];
  reading: [Reading];
  scan: [ScanRead];
  fault: [LineFault];
}
