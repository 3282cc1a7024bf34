/**
 * Roles and the permission table: the single source of truth for what each role may do.
 * Every channel names one permission (or `public`); the main process checks it against the
 * session it holds itself.
 */
export const roles = ['operator', 'supervisor', 'qa', 'technician', 'administrator'] as const;
export type Role = (typeof roles)[number];

export const permissions = ['audit.read', 'audit.verify'] as const;
export type Permission = (typeof permissions)[number];

/** `public` channels answer without a session (the shell needs them before anyone logs in). */
export type ChannelPermission = Permission | 'public';

export const rolePermissions: Record<Role, readonly Permission[]> = {
  operator: [],
  supervisor: [],
  qa: ['audit.read', 'audit.verify'],
  technician: [],
  administrator: ['audit.read', 'audit.verify'],
};

export function rolesGrant(userRoles: readonly Role[], permission: Permission): boolean {
  // hasOwn: a role name from outside the table (or 'constructor') grants nothing.
  return userRoles.some(
    (role) => Object.hasOwn(rolePermissions, role) && rolePermissions[role].includes(permission),
  );
}
