import { useEffect } from 'react';
import { call } from '../ipc/client';

/** At most one `auth.activity` per this interval, however much the person types or touches. */
export const ACTIVITY_INTERVAL_MS = 30_000;

/**
 * Tells the core the person is working at this window: key and pointer input anywhere postpone
 * the inactivity lock, so typing a long form (the core sees no call meanwhile) does not lock it.
 */
export function useActivityHeartbeat(): void {
  useEffect(() => {
    let lastSentAt = Number.NEGATIVE_INFINITY;
    const onInput = () => {
      const now = Date.now();
      if (now - lastSentAt < ACTIVITY_INTERVAL_MS) return;
      lastSentAt = now;
      // A refusal (locked, signed out) reaches the session gate through call(); nothing to show here.
      call('auth.activity', {}).catch(() => undefined);
    };
    const options = { capture: true, passive: true } as const;
    window.addEventListener('keydown', onInput, options);
    window.addEventListener('pointerdown', onInput, options);
    return () => {
      window.removeEventListener('keydown', onInput, options);
      window.removeEventListener('pointerdown', onInput, options);
    };
  }, []);
}
