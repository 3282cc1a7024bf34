import { useCallback, useState } from 'react';
import { toIpcError, type IpcError } from '../ipc/ipc-error';

/**
 * One form's call to the core: `pending` while it runs (buttons disabled, no double submit), the
 * refusal kept for display. `run` resolves to the answer, or `undefined` when the core refused.
 */
export function useSubmit() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);

  const run = useCallback(async <T>(action: () => Promise<T>): Promise<T | undefined> => {
    setPending(true);
    setError(null);
    try {
      return await action();
    } catch (failure) {
      setError(toIpcError(failure));
      return undefined;
    } finally {
      setPending(false);
    }
  }, []);

  const clearError = useCallback(() => setError(null), []);
  return { pending, error, run, clearError };
}
