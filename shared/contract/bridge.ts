import type { Result } from '../errors';
import type { ChannelInput, ChannelName, ChannelOutput } from './channels';
import type { EventName, EventPayloads } from './events';

/**
 * `window.ebr`: the only thing the renderer can reach. The Electron preload implements it over
 * ipcRenderer; browser tests implement it with Playwright bindings backed by the same core.
 */
export interface EbrBridge {
  invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
}
