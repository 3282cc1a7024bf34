import type { UserSummary } from '../../../shared/contract/identity';
import { roleLabels } from '../../../shared/permissions';
import { formatUtcInstant } from '../format/time';
import { Dialog } from '../ui/dialog';
import { FactList } from '../ui/fact-list';
import { UserBadges } from './user-badges';
import type { UserChange } from './user-change-dialog';

export type UserAction = 'edit' | 'reset' | UserChange;

/** One user's facts and every action an administrator can take on them. */
export function ManageUserDialog({
  user,
  isSelf,
  onChoose,
  onClose,
}: {
  user: UserSummary;
  /** Administrators cannot disable themselves here (someone else must). */
  isSelf: boolean;
  onChoose: (action: UserAction) => void;
  onClose: () => void;
}) {
  return (
    <Dialog title={`${user.fullName} (${user.username})`} onClose={onClose} testId="manage-user-dialog">
      <FactList
        facts={[
          { label: 'Status', value: <UserBadges user={user} /> },
          { label: 'Roles', value: user.roles.map((role) => roleLabels[role]).join(', ') },
          {
            label: 'Last sign-in',
            value: user.lastLoginAtUtc ? formatUtcInstant(user.lastLoginAtUtc) : 'Never',
          },
          {
            label: 'Password expires',
            value: user.passwordExpiresAtUtc ? formatUtcInstant(user.passwordExpiresAtUtc) : 'Never',
          },
          { label: 'Created', value: formatUtcInstant(user.createdAtUtc) },
        ]}
      />
      <div className="action-grid">
        <button
          type="button"
          className="button button--large"
          onClick={() => onChoose('edit')}
          data-testid="action-edit"
        >
          Edit name and roles
        </button>
        <button
          type="button"
          className="button button--large"
          onClick={() => onChoose('reset')}
          data-testid="action-reset"
        >
          Reset password
        </button>
        {user.locked ? (
          <button
            type="button"
            className="button button--primary button--large"
            onClick={() => onChoose('unlock')}
            data-testid="action-unlock"
          >
            Unlock account
          </button>
        ) : null}
        {user.status === 'active' ? (
          <button
            type="button"
            className="button button--danger-outline button--large"
            onClick={() => onChoose('disable')}
            disabled={isSelf}
            title={isSelf ? 'Another administrator must disable your account.' : undefined}
            data-testid="action-disable"
          >
            Disable user
          </button>
        ) : (
          <button
            type="button"
            className="button button--large"
            onClick={() => onChoose('enable')}
            data-testid="action-enable"
          >
            Enable user
          </button>
        )}
      </div>
      <div className="dialog__actions">
        <button type="button" className="button button--large" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
