import { useState, type FormEvent } from 'react';
import type { UserSummary } from '../../../shared/contract/identity';
import { ReasonField, reasonError } from '../forms/reason-field';
import { useSubmit } from '../forms/use-submit';
import { call } from '../ipc/client';
import { Dialog } from '../ui/dialog';
import { DialogActions } from '../ui/dialog-actions';
import { FormError } from '../ui/form-error';

export type UserChange = 'disable' | 'enable' | 'unlock';

const wording: Record<
  UserChange,
  { title: string; explain: string; submit: string; pending: string; done: string }
> = {
  disable: {
    title: 'Disable',
    explain:
      'The user can no longer sign in or sign. Nothing they recorded is changed, and the username is never given to anyone else.',
    submit: 'Disable user',
    pending: 'Disabling…',
    done: 'disabled',
  },
  enable: {
    title: 'Enable',
    explain: 'The user can sign in again with their current password.',
    submit: 'Enable user',
    pending: 'Enabling…',
    done: 'enabled',
  },
  unlock: {
    title: 'Unlock',
    explain:
      'The account was locked after repeated failed attempts. Before unlocking, make sure the attempts were made by the user and not by someone else.',
    submit: 'Unlock account',
    pending: 'Unlocking…',
    done: 'unlocked',
  },
};

export function userChangeDone(change: UserChange): string {
  return wording[change].done;
}

/** Disable, enable or unlock one user: what it means, and the reason that goes into the audit trail. */
export function UserChangeDialog({
  user,
  change,
  onClose,
  onDone,
}: {
  user: UserSummary;
  change: UserChange;
  onClose: () => void;
  onDone: (user: UserSummary) => void;
}) {
  const words = wording[change];
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const { pending, error, run } = useSubmit();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (reasonError(reason)) return;
    const input = { userId: user.id, reason };
    const changed = await run(() =>
      change === 'disable'
        ? call('users.disable', input)
        : change === 'enable'
          ? call('users.enable', input)
          : call('users.unlock', input),
    );
    if (changed) onDone(changed);
  };

  return (
    <Dialog
      title={`${words.title} ${user.fullName} (${user.username})`}
      onClose={onClose}
      tone={change === 'disable' ? 'danger' : 'normal'}
      testId={`${change}-user-dialog`}
    >
      <form className="form" onSubmit={submit} noValidate>
        <p className="form__explain">{words.explain}</p>
        <ReasonField
          value={reason}
          onChange={setReason}
          error={tried ? reasonError(reason) : undefined}
          autoFocus
        />
        <FormError error={error?.toData() ?? null} />
        <DialogActions
          submitLabel={words.submit}
          pendingLabel={words.pending}
          pending={pending}
          onCancel={onClose}
          danger={change === 'disable'}
        />
      </form>
    </Dialog>
  );
}
