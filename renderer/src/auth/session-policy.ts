import type { SessionView } from '../../../shared/contract/identity';
import {
  defaultSecuritySettings,
  passwordPolicySchema,
  type PasswordPolicy,
} from '../../../shared/security-settings';

/**
 * The password policy to show while a user chooses a password. The session does not carry the
 * configured policy yet (the settings channel is for administrators only), so the defaults are
 * shown until it does; the core checks the real policy either way and lists what it refuses.
 */
export function policyForSession(session: SessionView): PasswordPolicy {
  const carried = passwordPolicySchema.safeParse(
    (session as SessionView & { passwordPolicy?: unknown }).passwordPolicy,
  );
  return carried.success ? carried.data : defaultSecuritySettings.passwordPolicy;
}
