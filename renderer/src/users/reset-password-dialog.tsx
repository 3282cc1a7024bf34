import { useState, type FormEvent } from 'react';
import type { UserSummary } from '../../../shared/contract/identity';
import { meetsPolicy } from '../auth/policy-checklist';
import { hasErrors } from '../forms/field-error';
import { ReasonField, reasonError } from '../forms/reason-field';
import { useSubmit } from '../forms/use-submit';
import { call } from '../ipc/client';
import { usePasswordPolicy } from '../settings/use-password-policy';
import { Dialog } from '../ui/dialog';
import { DialogActions } from '../ui/dialog-actions';
import { FormError } from '../ui/form-error';
import { TemporaryPasswordField } from './temporary-password-field';

/** A temporary password the user must replace at the next sign-in. */
export function ResetPasswordDialog({
  user,
  onClose,
  onDone,
}: {
  user: UserSummary;
  onClose: () => void;
  onDone: (user: UserSummary) => void;
}) {
  const policy = usePasswordPolicy();
  const [temporaryPassword, setTemporaryPassword] = useState('');
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const { pending, error, run } = useSubmit();

  const errors = {
    temporaryPassword: !temporaryPassword
      ? 'Enter a temporary password.'
      : meetsPolicy(policy, temporaryPassword, user.username)
        ? undefined
        : 'The temporary password does not meet every rule.',
    reason: reasonError(reason),
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (hasErrors(errors)) return;
    const changed = await run(() =>
      call('users.resetPassword', { userId: user.id, temporaryPassword, reason }),
    );
    if (changed) onDone(changed);
  };

  return (
    <Dialog
      title={`Reset the password of ${user.fullName} (${user.username})`}
      onClose={onClose}
      testId="reset-password-dialog"
    >
      <form className="form" onSubmit={submit} noValidate>
        <p className="form__explain">
          The current password stops working at once. Only do this after confirming the person&apos;s
          identity.
        </p>
        <TemporaryPasswordField
          value={temporaryPassword}
          onChange={setTemporaryPassword}
          error={tried ? errors.temporaryPassword : undefined}
          username={user.username}
          policy={policy}
        />
        <ReasonField value={reason} onChange={setReason} error={tried ? errors.reason : undefined} />
        <FormError error={error?.toData() ?? null} />
        <DialogActions
          submitLabel="Reset password"
          pendingLabel="Resetting…"
          pending={pending}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
