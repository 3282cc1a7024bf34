import { createContext, useContext, type ReactNode } from 'react';
import type { Role } from '../../../shared/permissions';

/** What the renderer may know about the signed-in user (the main process holds the real session). */
export interface SignedInUser {
  username: string;
  fullName: string;
  roles: readonly Role[];
}

const SessionContext = createContext<SignedInUser | null>(null);

/** Sign-in is not built yet: the shell always runs with nobody signed in. */
export function SessionProvider({ user, children }: { user: SignedInUser | null; children: ReactNode }) {
  return <SessionContext value={user}>{children}</SessionContext>;
}

export function useSignedInUser(): SignedInUser | null {
  return useContext(SessionContext);
}
