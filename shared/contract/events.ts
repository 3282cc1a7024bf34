import type { AuditVerifyProgress } from './audit';
import type { SessionState } from './identity';
import type { ExportProgressEvent } from './records';
import type { InstrumentReadingEvent, InstrumentScanEvent, InstrumentStateEvent } from './live-instruments';

export interface SecurityAlertEvent {
  kind: string;
  message: string;
  atUtc: string;
}

/** A batch changed (any window, any person): screens showing it ask for it again. */
export interface BatchChangedEvent {
  batchId: string;
  batchNumber: string;
  status: string;
}

/** Events pushed from the core to the renderer. Names are listed once, here. */
export interface EventPayloads {
  /** Sent to every signed-in window whose roles may read batches. */
  'batch.changed': BatchChangedEvent;
  'audit.verify-progress': AuditVerifyProgress;
  /** Sent to the window that asked `exports.write`, before each step of each package. */
  'exports.progress': ExportProgressEvent;
  /** Sent to every signed-in window that may execute batches: live readings of this terminal's instruments. */
  'instrument.reading': InstrumentReadingEvent;
  'instrument.state': InstrumentStateEvent;
  'instrument.scan': InstrumentScanEvent;
  /** Sent only to sessions holding the Administrator role (P11-300d). */
  'security.alert': SecurityAlertEvent;
  /** Sent to the window whose session changed (locked by inactivity, signed out). */
  'session.changed': SessionChangedEvent;
}

export interface SessionChangedEvent {
  state: SessionState | 'signed-out';
  reason: string;
}

export type EventName = keyof EventPayloads;

export const eventNames = [
  'audit.verify-progress',
  'batch.changed',
  'exports.progress',
  'instrument.reading',
  'instrument.state',
  'instrument.scan',
  'security.alert',
  'session.changed',
] as const satisfies readonly EventName[];
