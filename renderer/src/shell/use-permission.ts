import { rolesGrant, type Permission } from '../../../shared/permissions';
import { useSignedInUser } from '../session/session-context';

/** Whether the signed-in user's roles grant `permission`: to hide actions (the core checks again). */
export function usePermission(permission: Permission): boolean {
  const user = useSignedInUser();
  return !!user && rolesGrant(user.roles, permission);
}
