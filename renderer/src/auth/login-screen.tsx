import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionView } from '../../../shared/contract/identity';
import type { Language } from '../../../shared/i18n/languages';
import { useSubmit } from '../forms/use-submit';
import { LanguageSwitch } from '../i18n/language-switch';
import { useLanguage } from '../i18n/use-language';
import { call } from '../ipc/client';
import { TextField } from '../ui/text-field';
import { GateScreen } from './gate-screen';
import { SignInProblemNotice } from './sign-in-problem-notice';

/**
 * Username and password; the core decides everything else (lockout, disabled, terminal registration).
 * A language chosen here is sent with the sign-in and stored with the user; choosing none keeps theirs.
 */
export function LoginScreen({
  onSignedIn,
  signedOutReason,
}: {
  onSignedIn: (session: SessionView) => void;
  signedOutReason: string | null;
}) {
  const { t } = useTranslation('auth');
  const { language, setLanguage } = useLanguage();
  const [chosen, setChosen] = useState<Language | null>(null);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ username?: string; password?: string }>({});
  const { pending, error, run } = useSubmit();

  const choose = (next: Language) => {
    setChosen(next);
    setLanguage(next);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const empty = {
      username: username.trim() ? undefined : t('login.enterUsername'),
      password: password ? undefined : t('login.enterPassword'),
    };
    setMissing(empty);
    if (empty.username || empty.password) return;
    const session = await run(() =>
      call('auth.login', { username, password, ...(chosen ? { language: chosen } : {}) }),
    );
    setPassword('');
    if (session) onSignedIn(session);
  };

  return (
    <GateScreen kicker={t('login.kicker')} title={t('login.title')} testId="login-screen">
      <LanguageSwitch value={language} onChange={choose} testId="login-language" />
      {signedOutReason && !error ? (
        <p className="gate__notice" role="status" data-testid="signed-out-reason">
          {t('login.signedOut', { reason: signedOutReason.replace(/\.$/, '') })}
        </p>
      ) : null}
      {error ? <SignInProblemNotice error={error.toData()} /> : null}
      <form className="gate__form" onSubmit={submit} noValidate>
        <TextField
          label={t('login.username')}
          value={username}
          onChange={setUsername}
          error={missing.username}
          autoComplete="username"
          autoFocus
          testId="login-username"
          wide
        />
        <TextField
          label={t('login.password')}
          type="password"
          value={password}
          onChange={setPassword}
          error={missing.password}
          autoComplete="current-password"
          testId="login-password"
          wide
        />
        <button
          type="submit"
          className="button button--primary button--large button--block"
          disabled={pending}
          data-testid="login-submit"
        >
          {pending ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
      <p className="gate__footnote">{t('login.footnote')}</p>
    </GateScreen>
  );
}
