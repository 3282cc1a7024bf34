import { rolesGrant, type ChannelPermission, type Role } from '../../../shared/permissions';

export interface NavItem {
  path: string;
  label: string;
  /** `public` items show before anyone signs in; the rest need a role that grants the permission. */
  permission: ChannelPermission;
}

export const navItems: readonly NavItem[] = [
  { path: '/', label: 'Home', permission: 'public' },
  { path: '/system', label: 'System', permission: 'public' },
  { path: '/audit', label: 'Audit trail', permission: 'audit.read' },
];

export function isNavItemVisible(item: NavItem, roles: readonly Role[] | null): boolean {
  if (item.permission === 'public') return true;
  return roles !== null && rolesGrant(roles, item.permission);
}

export function visibleNavItems(roles: readonly Role[] | null): NavItem[] {
  return navItems.filter((item) => isNavItemVisible(item, roles));
}
