import { useState, type FormEvent } from 'react';
import type { SessionView } from '../../../shared/contract/identity';
import { useSubmit } from '../forms/use-submit';
import { call } from '../ipc/client';
import { FormError } from '../ui/form-error';
import { TextField } from '../ui/text-field';
import { GateScreen } from './gate-screen';
import { PasswordPolicyHints } from './password-policy-hints';
import { meetsPolicy } from './policy-checklist';
import { policyForSession } from './session-policy';

const why: Record<NonNullable<SessionView['passwordChangeReason']>, string> = {
  'first-sign-in': 'This is your first sign-in. Replace the initial password with a new one only you know.',
  reset: 'An administrator reset your password. Replace the temporary password with one only you know.',
  expired: 'Your password has expired. Choose a new one to continue.',
};

/** Nothing else is possible until the password is changed (first sign-in, after a reset, expired). */
export function PasswordChangeScreen({
  session,
  onChanged,
  onSignOut,
}: {
  session: SessionView;
  onChanged: (session: SessionView) => void;
  onSignOut: () => void;
}) {
  const policy = policyForSession(session);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [tried, setTried] = useState(false);
  const { pending, error, run } = useSubmit();
  const username = session.user.username;

  const errors = {
    current: current ? undefined : 'Enter your current password.',
    next: !next
      ? 'Enter a new password.'
      : !meetsPolicy(policy, next, username)
        ? 'The new password does not meet every rule below.'
        : next === current
          ? 'The new password must differ from the current one.'
          : undefined,
    repeat: repeat === next ? undefined : 'The two new passwords are not the same.',
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (errors.current || errors.next || errors.repeat) return;
    const changed = await run(() =>
      call('auth.changePassword', { currentPassword: current, newPassword: next }),
    );
    if (changed) onChanged(changed);
  };

  return (
    <GateScreen kicker={session.user.fullName} title="Choose a new password" testId="password-change-screen">
      <p className="gate__lead" data-testid="password-change-reason">
        {why[session.passwordChangeReason ?? 'first-sign-in']}
      </p>
      <FormError error={error?.toData() ?? null} />
      <form className="gate__form" onSubmit={submit} noValidate>
        <TextField
          label="Current password"
          type="password"
          value={current}
          onChange={setCurrent}
          error={tried ? errors.current : undefined}
          autoComplete="current-password"
          autoFocus
          testId="current-password"
          wide
        />
        <TextField
          label="New password"
          type="password"
          value={next}
          onChange={setNext}
          error={tried ? errors.next : undefined}
          autoComplete="new-password"
          testId="new-password"
          wide
        />
        <TextField
          label="Repeat the new password"
          type="password"
          value={repeat}
          onChange={setRepeat}
          error={tried ? errors.repeat : undefined}
          autoComplete="new-password"
          testId="repeat-password"
          wide
        />
        <PasswordPolicyHints policy={policy} password={next} username={username} repeat={repeat} ownHistory />
        <div className="gate__actions">
          <button
            type="submit"
            className="button button--primary button--large"
            disabled={pending}
            data-testid="change-password-submit"
          >
            {pending ? 'Changing…' : 'Change password'}
          </button>
          <button type="button" className="button button--large" onClick={onSignOut} disabled={pending}>
            Sign out
          </button>
        </div>
      </form>
    </GateScreen>
  );
}
