import { useState, type FormEvent } from 'react';
import { fullNameField, usernameField } from '../../../shared/contract/inputs';
import { defaultSecuritySettings } from '../../../shared/security-settings';
import { PasswordPolicyHints } from '../auth/password-policy-hints';
import { meetsPolicy } from '../auth/policy-checklist';
import { fieldError, hasErrors } from '../forms/field-error';
import { TextField } from '../ui/text-field';

export interface AdminDraft {
  username: string;
  fullName: string;
  password: string;
}

/** Step 1: the first administrator, who will create everyone else. */
export function AdminStep({ initial, onNext }: { initial: AdminDraft; onNext: (admin: AdminDraft) => void }) {
  const policy = defaultSecuritySettings.passwordPolicy;
  const [username, setUsername] = useState(initial.username);
  const [fullName, setFullName] = useState(initial.fullName);
  const [password, setPassword] = useState(initial.password);
  const [repeat, setRepeat] = useState(initial.password);
  const [tried, setTried] = useState(false);
  const normalized = username.trim().toLowerCase();

  const errors = {
    username: fieldError(usernameField, username),
    fullName: fieldError(fullNameField, fullName),
    password: !password
      ? 'Enter a password.'
      : meetsPolicy(policy, password, normalized)
        ? undefined
        : 'The password does not meet every rule below.',
    repeat: repeat === password ? undefined : 'The two passwords are not the same.',
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!hasErrors(errors)) onNext({ username: normalized, fullName: fullName.trim(), password });
  };
  const shown = (message: string | undefined) => (tried ? message : undefined);

  return (
    <form className="form" onSubmit={submit} noValidate data-testid="setup-admin-step">
      <p className="lead">
        This person manages users, terminals and security settings. Use a real person&apos;s account, not a
        shared one.
      </p>
      <div className="form__row">
        <TextField
          label="Username"
          value={username}
          onChange={setUsername}
          error={shown(errors.username)}
          hint="Lowercase letters, digits, dot, dash or underscore."
          autoFocus
          testId="setup-username"
        />
        <TextField
          label="Full printed name"
          value={fullName}
          onChange={setFullName}
          error={shown(errors.fullName)}
          hint="As it must appear in signatures."
          testId="setup-full-name"
        />
      </div>
      <div className="form__row">
        <TextField
          label="Password"
          type="password"
          value={password}
          onChange={setPassword}
          error={shown(errors.password)}
          autoComplete="new-password"
          testId="setup-password"
        />
        <TextField
          label="Repeat the password"
          type="password"
          value={repeat}
          onChange={setRepeat}
          error={shown(errors.repeat)}
          autoComplete="new-password"
          testId="setup-repeat"
        />
      </div>
      <PasswordPolicyHints policy={policy} password={password} username={normalized} repeat={repeat} />
      <div className="form__actions form__actions--end">
        <button type="submit" className="button button--primary button--large" data-testid="setup-next">
          Next: this terminal
        </button>
      </div>
    </form>
  );
}
