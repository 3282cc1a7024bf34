import { useState, type FormEvent } from 'react';
import type { UserSummary } from '../../../shared/contract/identity';
import { fullNameField, rolesField, usernameField } from '../../../shared/contract/inputs';
import type { Role } from '../../../shared/permissions';
import { meetsPolicy } from '../auth/policy-checklist';
import { fieldError, hasErrors } from '../forms/field-error';
import { ReasonField, reasonError } from '../forms/reason-field';
import { useSubmit } from '../forms/use-submit';
import { call } from '../ipc/client';
import { usePasswordPolicy } from '../settings/use-password-policy';
import { Dialog } from '../ui/dialog';
import { DialogActions } from '../ui/dialog-actions';
import { FormError } from '../ui/form-error';
import { TextField } from '../ui/text-field';
import { RoleCheckboxes } from './role-checkboxes';
import { TemporaryPasswordField } from './temporary-password-field';

/** A new person: username (never reused), printed name, roles, a temporary password, and why. */
export function CreateUserDialog({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (user: UserSummary) => void;
}) {
  const policy = usePasswordPolicy();
  const [username, setUsername] = useState('');
  const [fullName, setFullName] = useState('');
  const [roles, setRoles] = useState<Role[]>([]);
  const [temporaryPassword, setTemporaryPassword] = useState('');
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const { pending, error, run } = useSubmit();
  const normalizedUsername = username.trim().toLowerCase();

  const errors = {
    username: fieldError(usernameField, username),
    fullName: fieldError(fullNameField, fullName),
    roles: fieldError(rolesField, roles),
    temporaryPassword: !temporaryPassword
      ? 'Enter a temporary password.'
      : meetsPolicy(policy, temporaryPassword, normalizedUsername)
        ? undefined
        : 'The temporary password does not meet every rule.',
    reason: reasonError(reason),
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (hasErrors(errors)) return;
    const created = await run(() =>
      call('users.create', { username, fullName, roles, temporaryPassword, reason }),
    );
    if (created) onCreated(created);
  };

  const shown = (message: string | undefined) => (tried ? message : undefined);
  return (
    <Dialog title="Create user" onClose={onClose} testId="create-user-dialog">
      <form className="form" onSubmit={submit} noValidate>
        <div className="form__columns">
          <div className="form">
            <TextField
              label="Username"
              value={username}
              onChange={setUsername}
              error={shown(errors.username)}
              hint="Lowercase. Never reused, even once disabled."
              autoFocus
              testId="new-username"
            />
            <TextField
              label="Full printed name"
              value={fullName}
              onChange={setFullName}
              error={shown(errors.fullName)}
              hint="Shown in every signature this person makes."
              testId="new-full-name"
            />
            <TemporaryPasswordField
              value={temporaryPassword}
              onChange={setTemporaryPassword}
              error={shown(errors.temporaryPassword)}
              username={normalizedUsername}
              policy={policy}
            />
          </div>
          <div className="form">
            <RoleCheckboxes value={roles} onChange={setRoles} error={shown(errors.roles)} stacked />
            <ReasonField value={reason} onChange={setReason} error={shown(errors.reason)} />
          </div>
        </div>
        <FormError error={error?.toData() ?? null} />
        <DialogActions
          submitLabel="Create user"
          pendingLabel="Creating…"
          pending={pending}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
