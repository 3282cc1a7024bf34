import type { EventName, EventPayloads } from '../../shared/contract/events';

export interface EventSource {
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
}

export interface EventHub extends EventSource {
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void;
}

/** Typed fan-out of core events; a listener that throws never stops the others. */
export function createEventHub(): EventHub {
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  return {
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: never) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (payload: never) => void);
    },
    emit(event, payload) {
      for (const listener of listeners.get(event) ?? []) {
        try {
          (listener as (payload: EventPayloads[typeof event]) => void)(payload);
        } catch (error) {
          console.error(`ebr: listener of ${event} failed:`, error);
        }
      }
    },
  };
}
