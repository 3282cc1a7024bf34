import { useEffect, useState } from 'react';
import type { LiveInstrument } from '../../../shared/contract/live-instruments';
import type { EbrErrorData } from '../../../shared/errors';
import { call } from '../ipc/client';
import { toIpcError } from '../ipc/ipc-error';

/**
 * Live readings on while the widget shows and the instrument is ready; off when it goes away.
 * MT-SICS stops a stream with `@`, which clears the tare on many balances: the stream therefore
 * stays on for the whole weighing (capture included), as docs/devices.md asks.
 */
export function useStreaming(
  instrument: LiveInstrument | undefined,
  update: (instrument: LiveInstrument) => void,
): EbrErrorData | null {
  const instrumentId = instrument?.instrumentId;
  const ready = instrument?.state === 'ready';
  const [failure, setFailure] = useState<EbrErrorData | null>(null);

  useEffect(() => {
    if (!instrumentId || !ready) return;
    let current = true;
    setFailure(null);
    call('instruments.stream', { instrumentId, on: true }).then(
      (answer) => current && update(answer),
      (error: unknown) => current && setFailure(toIpcError(error).toData()),
    );
    return () => {
      current = false;
      call('instruments.stream', { instrumentId, on: false }).then(update, () => undefined);
    };
  }, [instrumentId, ready, update]);

  return failure;
}
