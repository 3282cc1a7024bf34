import { useCallback, useEffect, useRef, useState } from 'react';
import type { ExportProgressEvent, ExportWriteResult } from '../../../shared/contract/records';
import { call, onEvent } from '../ipc/client';
import { toIpcError, type IpcError } from '../ipc/ipc-error';

/** What the export screen shows of one `exports.write`: idle, under way, written, or refused. */
export type ExportRun =
  | { phase: 'idle' }
  | { phase: 'running'; batchCount: number; progress: ExportProgressEvent | null }
  | { phase: 'done'; result: ExportWriteResult }
  | { phase: 'failed'; error: IpcError };

/** Share of the whole export done (0–1): finished batches plus the current one's steps. */
export function overallShare(progress: ExportProgressEvent | null, batchCount: number): number {
  if (!progress) return 0;
  const perBatch = progress.total > 0 ? progress.done / progress.total : 0;
  return Math.min(1, (progress.batchIndex - 1 + perBatch) / Math.max(batchCount, 1));
}

/**
 * Runs `exports.write`, following its `exports.progress` events (sent to this window only) while it
 * runs. The answer, not the last event, says whether the packages are complete.
 */
export function useExport() {
  const [run, setRun] = useState<ExportRun>({ phase: 'idle' });
  const stopListening = useRef<(() => void) | null>(null);

  useEffect(() => () => stopListening.current?.(), []);

  const start = useCallback(async (batchIds: string[], destinationDir: string) => {
    stopListening.current?.();
    setRun({ phase: 'running', batchCount: batchIds.length, progress: null });
    const stop = onEvent('exports.progress', (progress) => {
      setRun((current) => (current.phase === 'running' ? { ...current, progress } : current));
    });
    stopListening.current = stop;
    try {
      const result = await call('exports.write', { batchIds, destinationDir });
      setRun({ phase: 'done', result });
    } catch (failure) {
      setRun({ phase: 'failed', error: toIpcError(failure) });
    } finally {
      stop();
      stopListening.current = null;
    }
  }, []);

  return { run, start };
}
