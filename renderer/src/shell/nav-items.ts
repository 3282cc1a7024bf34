import { rolesGrant, type ChannelPermission, type Role } from '../../../shared/permissions';

export interface NavItem {
  path: string;
  label: string;
  /** `public`/`authenticated` items show to everyone signed in; the rest need a role granting the permission. */
  permission: ChannelPermission;
  /** Highlighted only on its own path, not on the paths under it (another item lives there). */
  end?: boolean;
}

/** The menu, in order. What each role sees comes from the permission table in shared/, nowhere else. */
export const navItems: readonly NavItem[] = [
  { path: '/', label: 'Home', permission: 'authenticated' },
  { path: '/system', label: 'System', permission: 'authenticated' },
  { path: '/recipes', label: 'Recipes', permission: 'recipes.read' },
  { path: '/batches', label: 'Batches', permission: 'batches.read' },
  { path: '/exceptions', label: 'Exceptions', permission: 'batches.supervise' },
  { path: '/review', label: 'Review', permission: 'batches.review' },
  { path: '/materials', label: 'Materials', permission: 'materials.read' },
  { path: '/equipment', label: 'Equipment', permission: 'equipment.read' },
  { path: '/instruments', label: 'Instruments', permission: 'instruments.read' },
  { path: '/training', label: 'Training', permission: 'training.read', end: true },
  { path: '/users', label: 'Users', permission: 'users.manage' },
  { path: '/terminals', label: 'Terminals', permission: 'terminals.manage' },
  { path: '/security-settings', label: 'Security settings', permission: 'settings.manage' },
  { path: '/security-alerts', label: 'Security alerts', permission: 'alerts.manage' },
  { path: '/backup', label: 'Backup', permission: 'backup.run' },
  { path: '/exports', label: 'Export', permission: 'exports.write', end: true },
  { path: '/exports/verify', label: 'Verify a package', permission: 'exports.verify' },
  { path: '/audit', label: 'Audit trail', permission: 'audit.read' },
  { path: '/audit-reviews', label: 'Audit reviews', permission: 'audit.read' },
];

export function isNavItemVisible(item: NavItem, roles: readonly Role[] | null): boolean {
  if (item.permission === 'public') return true;
  if (roles === null) return false;
  return item.permission === 'authenticated' || rolesGrant(roles, item.permission);
}

export function visibleNavItems(roles: readonly Role[] | null): NavItem[] {
  return navItems.filter((item) => isNavItemVisible(item, roles));
}
