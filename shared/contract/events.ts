import type { AuditVerifyProgress } from './audit';

export interface SecurityAlertEvent {
  kind: string;
  message: string;
  atUtc: string;
}

/** Events pushed from the core to the renderer. Names are listed once, here. */
export interface EventPayloads {
  'audit.verify-progress': AuditVerifyProgress;
  'security.alert': SecurityAlertEvent;
}

export type EventName = keyof EventPayloads;

export const eventNames = ['audit.verify-progress', 'security.alert'] as const satisfies readonly EventName[];
