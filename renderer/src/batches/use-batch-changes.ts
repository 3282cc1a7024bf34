import { useEffect } from 'react';
import { onEvent } from '../ipc/client';

/**
 * Calls `refresh` when the core says a batch changed — from this window or another one (a
 * supervisor co-signing elsewhere, QA deciding) — for `batchId` only, or for any batch.
 */
export function useBatchChanges(refresh: () => void, batchId?: string): void {
  useEffect(
    () =>
      onEvent('batch.changed', (change) => {
        if (batchId === undefined || change.batchId === batchId) refresh();
      }),
    [refresh, batchId],
  );
}
