import type { ErrorCode } from '../../../shared/errors';

/** Answers that mean the window's session is no longer what the screen thinks it is. */
export type SessionSignal = Extract<
  ErrorCode,
  'SESSION_LOCKED' | 'PASSWORD_CHANGE_REQUIRED' | 'UNAUTHENTICATED'
>;

const signalCodes: readonly string[] = ['SESSION_LOCKED', 'PASSWORD_CHANGE_REQUIRED', 'UNAUTHENTICATED'];
const listeners = new Set<(signal: SessionSignal) => void>();

export function isSessionSignal(code: string): code is SessionSignal {
  return signalCodes.includes(code);
}

/** Called by `call()` for every refused answer of that kind, whichever screen asked. */
export function reportSessionSignal(signal: SessionSignal): void {
  for (const listener of listeners) listener(signal);
}

/** The session gate listens here, so a locked session hides every screen at once. */
export function onSessionSignal(listener: (signal: SessionSignal) => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
