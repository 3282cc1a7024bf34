import { createContext, useContext, type ReactNode } from 'react';
import type { SessionView } from '../../../shared/contract/identity';

/** The signed-in user's session as the core last reported it, and what the shell can do with it. */
export interface SessionControl {
  session: SessionView;
  /** Ends the session at the core; the gate then shows the sign-in screen. */
  signOut(): Promise<void>;
  /** Locks now; the gate then shows the lock screen. */
  lock(): Promise<void>;
}

const SessionContext = createContext<SessionControl | null>(null);

export function SessionProvider({ value, children }: { value: SessionControl; children: ReactNode }) {
  return <SessionContext value={value}>{children}</SessionContext>;
}

/** Only inside the session gate's active branch: there is always a session there. */
export function useSession(): SessionControl {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside an active session');
  return value;
}

export type SignedInUser = SessionView['user'];

/** The signed-in user, or null where nobody is (the navigation uses it to pick what to show). */
export function useSignedInUser(): SignedInUser | null {
  return useContext(SessionContext)?.session.user ?? null;
}
