import { useMemo, type ReactNode } from 'react';
import type { SessionView } from '../../../shared/contract/identity';
import { LockScreen } from '../auth/lock-screen';
import { LoginScreen } from '../auth/login-screen';
import { PasswordChangeScreen } from '../auth/password-change-screen';
import { useSessionLanguage } from '../i18n/use-language';
import { StartingScreen } from '../store-state/starting-screen';
import { RefusedScreen } from '../store-state/refused-screen';
import { SessionProvider, type SessionControl } from './session-context';
import { useSessionState } from './use-session-state';

/**
 * Shows the working shell only to an active session. Signed out, locked or due a password change,
 * the shell is not mounted at all, so nothing protected is in the page behind the gate.
 */
export function SessionGate({
  children,
  onSignedIn,
}: {
  children: ReactNode;
  /** A new sign-in starts at Home, whatever the previous user had open. */
  onSignedIn: () => void;
}) {
  const { state, apply, signOut, lock, signedOutReason } = useSessionState();
  const session = state.status === 'ready' ? state.session : null;
  const control = useMemo<SessionControl | null>(
    () => (session ? { session, signOut, lock } : null),
    [session, signOut, lock],
  );
  useSessionLanguage(session);

  if (state.status === 'loading') return <StartingScreen />;
  if (state.status === 'failed') return <RefusedScreen refusal={state.error.toData()} />;
  if (!session || !control) {
    return (
      <LoginScreen
        signedOutReason={signedOutReason}
        onSignedIn={(signedIn: SessionView) => {
          apply(signedIn);
          onSignedIn();
        }}
      />
    );
  }
  const leave = () => void signOut();
  switch (session.state) {
    case 'password-change-required':
      return <PasswordChangeScreen session={session} onChanged={apply} onSignOut={leave} />;
    case 'locked':
      return <LockScreen session={session} onUnlocked={apply} onSwitchUser={leave} />;
    case 'active':
      return <SessionProvider value={control}>{children}</SessionProvider>;
  }
}
