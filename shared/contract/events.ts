import type { AuditVerifyProgress } from './audit';
import type { SessionState } from './identity';

export interface SecurityAlertEvent {
  kind: string;
  message: string;
  atUtc: string;
}

/** Events pushed from the core to the renderer. Names are listed once, here. */
export interface EventPayloads {
  'audit.verify-progress': AuditVerifyProgress;
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
  'security.alert',
  'session.changed',
] as const satisfies readonly EventName[];
