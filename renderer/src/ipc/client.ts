import type {
  ChannelInput,
  ChannelName,
  ChannelOutput,
  EventName,
  EventPayloads,
} from '../../../shared/contract';
import { IpcError, toIpcError } from './ipc-error';
import { isSessionSignal, reportSessionSignal } from './session-signals';

export { IpcError } from './ipc-error';

function bridge() {
  const ebr = (window as Partial<Window>).ebr;
  if (!ebr) {
    throw new IpcError({
      code: 'INTERNAL',
      message: 'This screen is not connected to the workstation core. Restart EBR Workstation.',
    });
  }
  return ebr;
}

/** Calls one channel; returns its output or throws an `IpcError` carrying `{code, message, details}`. */
export async function call<C extends ChannelName>(
  channel: C,
  input: ChannelInput<C>,
): Promise<ChannelOutput<C>> {
  let result: unknown;
  try {
    result = await bridge().invoke(channel, input);
  } catch (error) {
    throw toIpcError(error);
  }
  if (typeof result !== 'object' || result === null || !('ok' in result)) throw toIpcError(null);
  if (result.ok === true && 'value' in result) return result.value as ChannelOutput<C>;
  const error = toIpcError('error' in result ? result.error : null);
  if (isSessionSignal(error.code)) reportSessionSignal(error.code);
  throw error;
}

/** Subscribes to a core event; returns the unsubscribe function. */
export function onEvent<E extends EventName>(
  event: E,
  listener: (payload: EventPayloads[E]) => void,
): () => void {
  const ebr = (window as Partial<Window>).ebr;
  return ebr ? ebr.on(event, listener) : () => undefined;
}
