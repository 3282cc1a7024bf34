import { useCallback, useEffect, useRef, useState } from 'react';
import type { SessionState, SessionView } from '../../../shared/contract/identity';
import { call, onEvent } from '../ipc/client';
import { toIpcError, type IpcError } from '../ipc/ipc-error';
import { onSessionSignal } from '../ipc/session-signals';

export type GateState =
  | { status: 'loading' }
  | { status: 'failed'; error: IpcError }
  | { status: 'ready'; session: SessionView | null };

/**
 * The window's session, kept in step with the core: asked once at start, replaced by every
 * answer that carries a session, moved by `session.changed` events (inactivity lock, signed out
 * elsewhere) and by any refusal that says the session is locked or gone.
 */
export function useSessionState() {
  const [state, setState] = useState<GateState>({ status: 'loading' });
  const [signedOutReason, setSignedOutReason] = useState<string | null>(null);
  /** Set while this window signs itself out, so the core's echo is not shown as news. */
  const signingOut = useRef(false);

  useEffect(() => {
    let current = true;
    call('auth.session', {}).then(
      (session) => current && setState({ status: 'ready', session }),
      (error: unknown) => current && setState({ status: 'failed', error: toIpcError(error) }),
    );
    return () => {
      current = false;
    };
  }, []);

  const apply = useCallback((session: SessionView | null) => {
    if (session) {
      signingOut.current = false;
      setSignedOutReason(null);
    }
    setState({ status: 'ready', session });
  }, []);

  const moveTo = useCallback((next: SessionState) => {
    setState((current) =>
      current.status === 'ready' && current.session && current.session.state !== next
        ? { status: 'ready', session: { ...current.session, state: next } }
        : current,
    );
  }, []);

  const signedOut = useCallback((reason: string | null) => {
    if (!signingOut.current && reason) setSignedOutReason(reason);
    setState({ status: 'ready', session: null });
  }, []);

  useEffect(
    () =>
      onEvent('session.changed', (change) => {
        if (change.state === 'signed-out') signedOut(change.reason);
        else moveTo(change.state);
      }),
    [moveTo, signedOut],
  );

  useEffect(
    () =>
      onSessionSignal((signal) => {
        if (signal === 'SESSION_LOCKED') moveTo('locked');
        else if (signal === 'PASSWORD_CHANGE_REQUIRED') moveTo('password-change-required');
        else signedOut('the session ended at the workstation core');
      }),
    [moveTo, signedOut],
  );

  const signOut = useCallback(async () => {
    signingOut.current = true;
    try {
      await call('auth.logout', {});
    } finally {
      // Whatever the core answered, this window no longer shows anything of the session.
      setState({ status: 'ready', session: null });
    }
  }, []);

  const lock = useCallback(async () => {
    apply(await call('auth.lock', {}));
  }, [apply]);

  return { state, apply, signOut, lock, signedOutReason };
}
