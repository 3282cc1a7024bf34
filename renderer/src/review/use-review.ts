import { useCallback, useEffect, useState } from 'react';
import type { ReviewView } from '../../../shared/contract/review';
import { call } from '../ipc/client';
import { toIpcError, type IpcError } from '../ipc/ipc-error';

export type ReviewState =
  { status: 'loading' } | { status: 'ready'; review: ReviewView } | { status: 'failed'; error: IpcError };

/**
 * The review of one batch as the core last answered it. Every review action answers with the
 * whole review, which replaces what is shown: blockers and counts are never guessed here.
 */
export function useReview(batchId: string) {
  const [state, setState] = useState<ReviewState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    call('review.get', { batchId }).then(
      (review) => current && setState({ status: 'ready', review }),
      (error: unknown) => current && setState({ status: 'failed', error: toIpcError(error) }),
    );
    return () => {
      current = false;
    };
  }, [batchId, attempt]);

  const replace = useCallback((review: ReviewView) => setState({ status: 'ready', review }), []);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, replace, reload };
}
