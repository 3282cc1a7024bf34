import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { eventNames, isChannelName, type EbrBridge, type EventName } from '../shared/contract';
import type { Result } from '../shared/errors';
import { eventIpcChannel } from './shell/ipc-names';

// Sandboxed preload: bundled by electron/build.mjs, because it can require nothing but `electron`.

function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && (eventNames as readonly string[]).includes(value);
}

async function invoke(channel: unknown, input: unknown): Promise<Result<unknown>> {
  if (!isChannelName(channel)) {
    const named = typeof channel === 'string' ? channel.slice(0, 100) : typeof channel;
    return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `Unknown channel: ${named}` } };
  }
  try {
    return (await ipcRenderer.invoke(channel, input)) as Result<unknown>;
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: 'The application did not answer the request.' } };
  }
}

function on(event: unknown, listener: unknown): () => void {
  if (!isEventName(event)) throw new TypeError(`Unknown event: ${String(event)}`);
  if (typeof listener !== 'function') throw new TypeError('The listener must be a function.');
  const channel = eventIpcChannel(event);
  // Only the payload reaches the page, never the IpcRendererEvent (it carries `sender`).
  const forward = (_event: IpcRendererEvent, payload: unknown): void => void listener(payload);
  ipcRenderer.on(channel, forward);
  return () => {
    ipcRenderer.removeListener(channel, forward);
  };
}

const bridge: EbrBridge = {
  invoke: invoke as EbrBridge['invoke'],
  on: on as EbrBridge['on'],
};

contextBridge.exposeInMainWorld('ebr', bridge);
