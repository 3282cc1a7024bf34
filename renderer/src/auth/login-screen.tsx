import { useState, type FormEvent } from 'react';
import type { SessionView } from '../../../shared/contract/identity';
import { useSubmit } from '../forms/use-submit';
import { call } from '../ipc/client';
import { TextField } from '../ui/text-field';
import { GateScreen } from './gate-screen';
import { SignInProblemNotice } from './sign-in-problem-notice';

/** Username and password; the core decides everything else (lockout, disabled, terminal registration). */
export function LoginScreen({
  onSignedIn,
  signedOutReason,
}: {
  onSignedIn: (session: SessionView) => void;
  signedOutReason: string | null;
}) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ username?: string; password?: string }>({});
  const { pending, error, run } = useSubmit();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const empty = {
      username: username.trim() ? undefined : 'Enter your username.',
      password: password ? undefined : 'Enter your password.',
    };
    setMissing(empty);
    if (empty.username || empty.password) return;
    const session = await run(() => call('auth.login', { username, password }));
    setPassword('');
    if (session) onSignedIn(session);
  };

  return (
    <GateScreen kicker="Sign in" title="Sign in to this terminal" testId="login-screen">
      {signedOutReason && !error ? (
        <p className="gate__notice" role="status" data-testid="signed-out-reason">
          You were signed out: {signedOutReason.replace(/\.$/, '')}.
        </p>
      ) : null}
      {error ? <SignInProblemNotice error={error.toData()} /> : null}
      <form className="gate__form" onSubmit={submit} noValidate>
        <TextField
          label="Username"
          value={username}
          onChange={setUsername}
          error={missing.username}
          autoComplete="username"
          autoFocus
          testId="login-username"
          wide
        />
        <TextField
          label="Password"
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
          {pending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p className="gate__footnote">
        Your sign-in is personal. Never let anyone else work under your name; lock the terminal when you step
        away.
      </p>
    </GateScreen>
  );
}
