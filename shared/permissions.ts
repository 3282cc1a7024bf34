/**
 * Roles and the permission table: the single source of truth for what each role may do.
 * Every channel names one permission (or `public` / `authenticated`); the main process checks it
 * against the session it holds itself, and the UI shows only what the table grants.
 */
export const roles = [
  'operator',
  'supervisor',
  'qa',
  'technician',
  'material-handler',
  'trainer',
  'administrator',
] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  operator: 'Operator',
  supervisor: 'Supervisor',
  qa: 'QA (Qualified Person)',
  technician: 'Technician',
  'material-handler': 'Material handler',
  trainer: 'Trainer',
  administrator: 'Administrator',
};

export const permissions = [
  'audit.read',
  'audit.verify',
  'audit.review',
  'backup.run',
  'batches.read',
  'batches.create',
  'batches.execute',
  'batches.supervise',
  'batches.review',
  'equipment.read',
  'equipment.manage',
  'equipment.clean',
  'exports.write',
  'exports.verify',
  'instruments.read',
  'instruments.manage',
  'materials.read',
  'materials.register',
  'materials.release',
  'qualifications.manage',
  'recipes.read',
  'recipes.author',
  'recipes.manage',
  'sign.performed',
  'sign.verified',
  'sign.reviewed',
  'sign.approved',
  'sign.rejected',
  'sign.released',
  'sign.corrected',
  'sign.overridden',
  'sign.aborted',
  'sign.quarantined',
  'sign.trained',
  'sign.assessed',
  'training.read',
  'training.record',
  'users.manage',
  'terminals.manage',
  'settings.manage',
  'alerts.manage',
] as const;
export type Permission = (typeof permissions)[number];

/**
 * `public`: answers without a session (the shell needs it before anyone signs in).
 * `authenticated`: any signed-in user, whatever the roles.
 */
export type ChannelPermission = Permission | 'public' | 'authenticated';

export const rolePermissions: Record<Role, readonly Permission[]> = {
  operator: [
    'batches.read',
    'batches.execute',
    'equipment.read',
    'equipment.clean',
    'instruments.read',
    'materials.read',
    'recipes.read',
    'sign.performed',
    'sign.corrected',
    'sign.trained',
  ],
  supervisor: [
    'audit.read',
    'audit.verify',
    'batches.read',
    'batches.create',
    'batches.execute',
    'batches.supervise',
    'equipment.read',
    'equipment.clean',
    'instruments.read',
    'materials.read',
    'recipes.read',
    'recipes.author',
    'sign.performed',
    'sign.verified',
    'sign.reviewed',
    'sign.corrected',
    'sign.overridden',
    'sign.aborted',
    'sign.trained',
    'training.read',
  ],
  qa: [
    'audit.read',
    'audit.verify',
    'audit.review',
    'batches.read',
    'batches.review',
    'equipment.read',
    'exports.verify',
    'instruments.read',
    'materials.read',
    'materials.release',
    'qualifications.manage',
    'recipes.read',
    'recipes.author',
    'recipes.manage',
    'sign.verified',
    'sign.reviewed',
    'sign.approved',
    'sign.rejected',
    'sign.released',
    'sign.quarantined',
    'sign.trained',
    'training.read',
  ],
  technician: [
    'backup.run',
    'batches.read',
    'equipment.read',
    'equipment.manage',
    'equipment.clean',
    'exports.write',
    'exports.verify',
    'instruments.read',
    'instruments.manage',
    'materials.read',
    'recipes.read',
    'sign.performed',
    'sign.verified',
    'sign.trained',
  ],
  'material-handler': [
    'equipment.read',
    'equipment.clean',
    'instruments.read',
    'materials.read',
    'materials.register',
    'sign.performed',
    'sign.trained',
  ],
  trainer: ['qualifications.manage', 'sign.assessed', 'sign.trained', 'training.read', 'training.record'],
  administrator: [
    'audit.read',
    'audit.verify',
    'backup.run',
    'users.manage',
    'terminals.manage',
    'settings.manage',
    'alerts.manage',
    'training.read',
  ],
};

export function rolesGrant(userRoles: readonly Role[], permission: Permission): boolean {
  // hasOwn: a role name from outside the table (or 'constructor') grants nothing.
  return userRoles.some(
    (role) => Object.hasOwn(rolePermissions, role) && rolePermissions[role].includes(permission),
  );
}
