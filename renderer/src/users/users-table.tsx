import type { UserSummary } from '../../../shared/contract/identity';
import { roleLabels } from '../../../shared/permissions';
import { DataTable, type Column } from '../ui/data-table';
import { UtcStamp } from '../ui/utc-stamp';
import { UserBadges } from './user-badges';

export function UsersTable({
  users,
  onManage,
  onUnlock,
}: {
  users: readonly UserSummary[];
  onManage: (user: UserSummary) => void;
  onUnlock: (user: UserSummary) => void;
}) {
  const columns: Column<UserSummary>[] = [
    {
      header: 'User',
      cell: (user) => (
        <span className="table__stack">
          <span className="table__name">{user.fullName}</span>
          <span className="table__sub">{user.username}</span>
        </span>
      ),
    },
    { header: 'Roles', cell: (user) => user.roles.map((role) => roleLabels[role]).join(', ') },
    { header: 'Status', cell: (user) => <UserBadges user={user} compact /> },
    {
      header: 'Last sign-in',
      cell: (user) =>
        user.lastLoginAtUtc ? <UtcStamp iso={user.lastLoginAtUtc} /> : <span className="muted">Never</span>,
    },
    {
      header: 'Actions',
      align: 'end',
      cell: (user) => (
        <span className="table__actions">
          {user.locked ? (
            <button
              type="button"
              className="button button--primary"
              onClick={() => onUnlock(user)}
              data-testid="row-unlock"
            >
              Unlock
            </button>
          ) : null}
          <button type="button" className="button" onClick={() => onManage(user)} data-testid="row-manage">
            Manage
          </button>
        </span>
      ),
    },
  ];
  return (
    <DataTable
      caption="Users"
      columns={columns}
      rows={users}
      rowKey={(user) => user.username}
      rowTestId="user-row"
      empty="No users yet."
      rowClassName={(user) => (user.status === 'disabled' ? 'table__row--inactive' : undefined)}
    />
  );
}
