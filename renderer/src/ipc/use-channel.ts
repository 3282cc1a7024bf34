import { useCallback, useEffect, useState } from 'react';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../../shared/contract';
import { call } from './client';
import { toIpcError, type IpcError } from './ipc-error';

export type ChannelState<T> =
  { status: 'loading' } | { status: 'ready'; value: T } | { status: 'failed'; error: IpcError };

/** Loads one channel when the screen mounts; `reload()` asks again (keeping the last answer shown). */
export function useChannel<C extends ChannelName>(
  channel: C,
  input: ChannelInput<C>,
): { state: ChannelState<ChannelOutput<C>>; reload: () => void } {
  const [state, setState] = useState<ChannelState<ChannelOutput<C>>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const inputKey = JSON.stringify(input);

  useEffect(() => {
    let current = true;
    call(channel, JSON.parse(inputKey) as ChannelInput<C>).then(
      (value) => current && setState({ status: 'ready', value }),
      (error: unknown) => current && setState({ status: 'failed', error: toIpcError(error) }),
    );
    return () => {
      current = false;
    };
  }, [channel, inputKey, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, reload };
}
