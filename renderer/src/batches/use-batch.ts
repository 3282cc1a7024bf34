import { useCallback, useEffect, useState } from 'react';
import type { BatchView } from '../../../shared/contract/batches';
import { call } from '../ipc/client';
import { toIpcError, type IpcError } from '../ipc/ipc-error';
import { useBatchChanges } from './use-batch-changes';

export type BatchState =
  { status: 'loading' } | { status: 'ready'; batch: BatchView } | { status: 'failed'; error: IpcError };

/**
 * One batch as the core last answered it. Every action answers with the whole batch, which
 * replaces what is shown: the screen never guesses a state the core has not confirmed.
 */
export function useBatch(batchId: string) {
  const [state, setState] = useState<BatchState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    call('batches.get', { batchId }).then(
      (batch) => current && setState({ status: 'ready', batch }),
      (error: unknown) => current && setState({ status: 'failed', error: toIpcError(error) }),
    );
    return () => {
      current = false;
    };
  }, [batchId, attempt]);

  const replace = useCallback((batch: BatchView) => setState({ status: 'ready', batch }), []);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  // A change from elsewhere refreshes quietly: a failed refresh keeps what is shown.
  const refresh = useCallback(() => {
    call('batches.get', { batchId }).then(replace, () => undefined);
  }, [batchId, replace]);
  useBatchChanges(refresh, batchId);
  return { state, replace, reload };
}
