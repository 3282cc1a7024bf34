import { useEffect, useState } from 'react';
import { rolesGrant } from '../../../shared/permissions';
import type { PasswordPolicy } from '../../../shared/security-settings';
import { policyForSession } from '../auth/session-policy';
import { call } from '../ipc/client';
import { useSession } from '../session/session-context';

/**
 * The configured password policy for live hints: read from the settings when the user may read
 * them, otherwise what the session carries (see policyForSession).
 */
export function usePasswordPolicy(): PasswordPolicy {
  const { session } = useSession();
  const fallback = policyForSession(session);
  const mayRead = rolesGrant(session.user.roles, 'settings.manage');
  const [policy, setPolicy] = useState<PasswordPolicy | null>(null);
  useEffect(() => {
    if (!mayRead) return undefined;
    let current = true;
    call('settings.get', {}).then(
      (settings) => current && setPolicy(settings.passwordPolicy),
      () => undefined, // the hints fall back; the core still checks the real policy
    );
    return () => {
      current = false;
    };
  }, [mayRead]);
  return policy ?? fallback;
}
