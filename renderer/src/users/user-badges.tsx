import type { UserSummary } from '../../../shared/contract/identity';
import { StatusBadge } from '../ui/status-badge';

/** Status at a glance: active or disabled, locked, password change due. */
export function UserBadges({ user, compact = false }: { user: UserSummary; compact?: boolean }) {
  return (
    <span className={compact ? 'badges badges--stack' : 'badges'}>
      {user.status === 'active' ? (
        <StatusBadge tone="ok" testId="user-status" compact={compact}>
          Active
        </StatusBadge>
      ) : (
        <StatusBadge tone="neutral" testId="user-status" compact={compact}>
          Disabled
        </StatusBadge>
      )}
      {user.locked ? (
        <StatusBadge tone="fail" testId="user-locked" compact={compact}>
          Locked
        </StatusBadge>
      ) : null}
      {user.mustChangePassword ? (
        <StatusBadge tone="warn" testId="user-must-change" compact={compact}>
          Password change due
        </StatusBadge>
      ) : null}
    </span>
  );
}
