import { useState } from 'react';
import type { UserSummary } from '../../../shared/contract/identity';
import { useChannel } from '../ipc/use-channel';
import { useSession } from '../session/session-context';
import { ErrorNotice } from '../ui/error-notice';
import { Flash } from '../ui/flash';
import { LoadingNotice } from '../ui/loading-notice';
import { Panel } from '../ui/panel';
import { ScreenHeader } from '../ui/screen-header';
import { CreateUserDialog } from './create-user-dialog';
import { EditUserDialog } from './edit-user-dialog';
import { ManageUserDialog, type UserAction } from './manage-user-dialog';
import { ResetPasswordDialog } from './reset-password-dialog';
import { userChangeDone, UserChangeDialog } from './user-change-dialog';
import { UsersTable } from './users-table';

type Open =
  { kind: 'create' } | { kind: 'manage'; user: UserSummary } | { kind: UserAction; user: UserSummary } | null;

/** Users are created, edited, disabled and re-enabled — never deleted. Every change carries a reason. */
export function UsersScreen() {
  const { state, reload } = useChannel('users.list', {});
  const { session } = useSession();
  const [open, setOpen] = useState<Open>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const close = () => setOpen(null);
  const finished = (message: string) => {
    setOpen(null);
    setFlash(message);
    reload();
  };

  const dialog = (() => {
    if (!open) return null;
    if (open.kind === 'create') {
      return (
        <CreateUserDialog onClose={close} onCreated={(user) => finished(`User ${user.username} created.`)} />
      );
    }
    const { user } = open;
    switch (open.kind) {
      case 'manage':
        return (
          <ManageUserDialog
            user={user}
            isSelf={user.id === session.user.id}
            onChoose={(action) => setOpen({ kind: action, user })}
            onClose={close}
          />
        );
      case 'edit':
        return (
          <EditUserDialog
            user={user}
            onClose={close}
            onSaved={(saved) => finished(`User ${saved.username} updated.`)}
          />
        );
      case 'reset':
        return (
          <ResetPasswordDialog
            user={user}
            onClose={close}
            onDone={(changed) =>
              finished(`Password of ${changed.username} reset; it must be changed at the next sign-in.`)
            }
          />
        );
      case 'disable':
      case 'enable':
      case 'unlock': {
        const change = open.kind;
        return (
          <UserChangeDialog
            user={user}
            change={change}
            onClose={close}
            onDone={(changed) => finished(`User ${changed.username} ${userChangeDone(change)}.`)}
          />
        );
      }
    }
  })();

  return (
    <div className="screen">
      <ScreenHeader
        title="Users"
        purpose="Who may sign in at this site, with which roles. Users are never deleted; disabled usernames are never reused."
        action={
          <button
            type="button"
            className="button button--primary button--large"
            onClick={() => setOpen({ kind: 'create' })}
            data-testid="create-user"
          >
            Create user
          </button>
        }
      />
      <Flash message={flash} />
      <Panel title="All users" wide>
        {state.status === 'loading' ? <LoadingNotice what="users" /> : null}
        {state.status === 'failed' ? <ErrorNotice error={state.error.toData()} onRetry={reload} /> : null}
        {state.status === 'ready' ? (
          <UsersTable
            users={state.value}
            onManage={(user) => setOpen({ kind: 'manage', user })}
            onUnlock={(user) => setOpen({ kind: 'unlock', user })}
          />
        ) : null}
      </Panel>
      {dialog}
    </div>
  );
}
