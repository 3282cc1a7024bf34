import { rolesGrant, type ChannelPermission, type Role } from '../../../shared/permissions';

export interface NavItem {
  path: string;
  /** Its label's key in the `shell` catalogue (`nav.<id>`). */
  id: string;
  /** `public`/`authenticated` items show to everyone signed in; the rest need a role granting the permission. */
  permission: ChannelPermission;
  /** Highlighted only on its own path, not on the paths under it (another item lives there). */
  end?: boolean;
}

/** The menu, in order. What each role sees comes from the permission table in shared/, nowhere else. */
export const navItems: readonly NavItem[] = [
  { path: '/', id: 'home', permission: 'authenticated' },
  { path: '/system', id: 'system', permission: 'authenticated' },
  { path: '/recipes', id: 'recipes', permission: 'recipes.read' },
  { path: '/batches', id: 'batches', permission: 'batches.read' },
  { path: '/exceptions', id: 'exceptions', permission: 'batches.supervise' },
  { path: '/review', id: 'review', permission: 'batches.review' },
  { path: '/materials', id: 'materials', permission: 'materials.read' },
  { path: '/equipment', id: 'equipment', permission: 'equipment.read' },
  { path: '/instruments', id: 'instruments', permission: 'instruments.read' },
  { path: '/training', id: 'training', permission: 'training.read', end: true },
  { path: '/users', id: 'users', permission: 'users.manage' },
  { path: '/terminals', id: 'terminals', permission: 'terminals.manage' },
  { path: '/security-settings', id: 'securitySettings', permission: 'settings.manage' },
  { path: '/security-alerts', id: 'securityAlerts', permission: 'alerts.manage' },
  { path: '/backup', id: 'backup', permission: 'backup.run' },
  { path: '/exports', id: 'exports', permission: 'exports.write', end: true },
  { path: '/exports/verify', id: 'verifyPackage', permission: 'exports.verify' },
  { path: '/audit', id: 'audit', permission: 'audit.read' },
  { path: '/audit-reviews', id: 'auditReviews', permission: 'audit.read' },
];

export function isNavItemVisible(item: NavItem, roles: readonly Role[] | null): boolean {
  if (item.permission === 'public') return true;
  if (roles === null) return false;
  return item.permission === 'authenticated' || rolesGrant(roles, item.permission);
}

export function visibleNavItems(roles: readonly Role[] | null): NavItem[] {
  return navItems.filter((item) => isNavItemVisible(item, roles));
}
