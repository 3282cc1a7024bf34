import type { EventName } from '../../shared/contract/events';

/** The IPC channel an event travels on, shared by the main process and the preload. */
export function eventIpcChannel(name: EventName): string {
  return `ebr:event:${name}`;
}
