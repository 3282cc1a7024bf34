import type { Role } from '../../../../shared/permissions';

/**
 * Whether someone with these roles may act in `role` on the floor: their own role, and a
 * supervisor may also do an operator's work.
 */
export function mayActAs(roles: readonly Role[], role: Role): boolean {
  return roles.includes(role) || (role === 'operator' && roles.includes('supervisor'));
}
