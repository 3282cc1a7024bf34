import type { EventName, EventPayloads } from '../../shared/contract/events';

type Listener = (payload: never) => void;

/**
 * Windows (or test pages) attached to the core. Events go to chosen connections only, e.g. a
 * security alert to administrators' windows, a lock to the window whose session locked.
 */
export class ConnectionHub {
  private readonly listeners = new Map<string, Map<EventName, Set<Listener>>>();
  private nextId = 1;

  open(): string {
    const id = `connection-${this.nextId++}`;
    this.listeners.set(id, new Map());
    return id;
  }

  isOpen(connectionId: string): boolean {
    return this.listeners.has(connectionId);
  }

  close(connectionId: string): void {
    this.listeners.delete(connectionId);
  }

  on<E extends EventName>(
    connectionId: string,
    event: E,
    listener: (payload: EventPayloads[E]) => void,
  ): () => void {
    const byEvent = this.listeners.get(connectionId);
    if (!byEvent) return () => {};
    const set = byEvent.get(event) ?? new Set();
    set.add(listener as Listener);
    byEvent.set(event, set);
    return () => set.delete(listener as Listener);
  }

  send<E extends EventName>(connectionId: string, event: E, payload: EventPayloads[E]): void {
    for (const listener of this.listeners.get(connectionId)?.get(event) ?? []) {
      try {
        (listener as (payload: EventPayloads[E]) => void)(payload);
      } catch (error) {
        console.error(`ebr: listener of ${event} failed:`, error);
      }
    }
  }

  sendWhere<E extends EventName>(
    accept: (connectionId: string) => boolean,
    event: E,
    payload: EventPayloads[E],
  ): void {
    for (const connectionId of this.listeners.keys())
      if (accept(connectionId)) this.send(connectionId, event, payload);
  }
}
