import { useState, type FormEvent } from 'react';
import type { UserSummary } from '../../../shared/contract/identity';
import { fullNameField, rolesField } from '../../../shared/contract/inputs';
import type { Role } from '../../../shared/permissions';
import { fieldError, hasErrors } from '../forms/field-error';
import { ReasonField, reasonError } from '../forms/reason-field';
import { useSubmit } from '../forms/use-submit';
import { call } from '../ipc/client';
import { Dialog } from '../ui/dialog';
import { DialogActions } from '../ui/dialog-actions';
import { FormError } from '../ui/form-error';
import { TextField } from '../ui/text-field';
import { RoleCheckboxes } from './role-checkboxes';

/** Printed name and roles; the username never changes. */
export function EditUserDialog({
  user,
  onClose,
  onSaved,
}: {
  user: UserSummary;
  onClose: () => void;
  onSaved: (user: UserSummary) => void;
}) {
  const [fullName, setFullName] = useState(user.fullName);
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const { pending, error, run } = useSubmit();

  const errors = {
    fullName: fieldError(fullNameField, fullName),
    roles: fieldError(rolesField, roles),
    reason: reasonError(reason),
  };
  const unchanged = fullName.trim() === user.fullName && roles.join() === user.roles.join();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (hasErrors(errors) || unchanged) return;
    const saved = await run(() => call('users.update', { userId: user.id, fullName, roles, reason }));
    if (saved) onSaved(saved);
  };

  const shown = (message: string | undefined) => (tried ? message : undefined);
  return (
    <Dialog title={`Edit ${user.username}`} onClose={onClose} testId="edit-user-dialog">
      <form className="form" onSubmit={submit} noValidate>
        <TextField
          label="Full printed name"
          value={fullName}
          onChange={setFullName}
          error={shown(errors.fullName)}
          hint="Shown in every signature this person makes from now on; earlier signatures keep the name they were made with."
          testId="edit-full-name"
          wide
        />
        <RoleCheckboxes value={roles} onChange={setRoles} error={shown(errors.roles)} />
        <ReasonField value={reason} onChange={setReason} error={shown(errors.reason)} />
        {tried && unchanged ? <p className="field__error">Nothing was changed.</p> : null}
        <FormError error={error?.toData() ?? null} />
        <DialogActions
          submitLabel="Save changes"
          pendingLabel="Saving…"
          pending={pending}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
