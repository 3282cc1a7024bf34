import { useState, type FormEvent } from 'react';
import type { SessionView } from '../../../shared/contract/identity';
import { useTranslation } from 'react-i18next';
import { useSubmit } from '../forms/use-submit';
import { call } from '../ipc/client';
import { TextField } from '../ui/text-field';
import { GateScreen } from './gate-screen';
import { SignInProblemNotice } from './sign-in-problem-notice';

/** The session is locked: only the same user's password opens it again; anyone else switches user. */
export function LockScreen({
  session,
  onUnlocked,
  onSwitchUser,
}: {
  session: SessionView;
  onUnlocked: (session: SessionView) => void;
  onSwitchUser: () => void;
}) {
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<string | undefined>();
  const { pending, error, run } = useSubmit();
  const { t } = useTranslation('auth');
  const name = session.user.fullName;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMissing(password ? undefined : t('login.enterPassword'));
    if (!password) return;
    const unlocked = await run(() => call('auth.unlock', { password }));
    setPassword('');
    if (unlocked) onUnlocked(unlocked);
  };

  return (
    <GateScreen kicker={t('lock.kicker')} title={t('lock.title')} tone="locked" testId="lock-screen">
      <div className="locked-user" data-testid="locked-user">
        <p className="locked-user__caption">{t('lock.inUseBy')}</p>
        <p className="locked-user__name" data-testid="locked-user-name">
          {session.user.fullName}
        </p>
        <p className="locked-user__meta">
          {session.user.username} · {session.user.roles.map((role) => t(`common:roles.${role}`)).join(', ')}
        </p>
      </div>
      {error ? <SignInProblemNotice error={error.toData()} at="unlock" /> : null}
      <form className="gate__form" onSubmit={submit} noValidate>
        <TextField
          label={t('lock.passwordOf', { name })}
          type="password"
          value={password}
          onChange={setPassword}
          error={missing}
          autoComplete="current-password"
          autoFocus
          testId="unlock-password"
          wide
        />
        <div className="gate__actions">
          <button
            type="submit"
            className="button button--primary button--large"
            disabled={pending}
            data-testid="unlock-submit"
          >
            {pending ? t('lock.submitting') : t('lock.submit')}
          </button>
          <button
            type="button"
            className="button button--large"
            onClick={onSwitchUser}
            disabled={pending}
            data-testid="switch-user"
          >
            {t('lock.switchUser')}
          </button>
        </div>
      </form>
      <p className="gate__footnote">{t('lock.footnote', { name })}</p>
    </GateScreen>
  );
}
