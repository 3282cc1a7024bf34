import { permissions, roleLabels, rolePermissions, roles } from '../../shared/permissions';

/** The permission table as markdown, exactly as the README prints it. */
export function permissionTableMarkdown(): string {
  const header = `| Permission | ${roles.map((role) => roleLabels[role]).join(' | ')} |`;
  const rule = `|---|${roles.map(() => ':-:').join('|')}|`;
  const rows = permissions.map(
    (permission) =>
      `| \`${permission}\` | ${roles.map((role) => (rolePermissions[role].includes(permission) ? '✓' : '')).join(' | ')} |`,
  );
  return [header, rule, ...rows].join('\n');
}
