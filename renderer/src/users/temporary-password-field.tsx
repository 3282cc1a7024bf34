import type { PasswordPolicy } from '../../../shared/security-settings';
import { PasswordPolicyHints } from '../auth/password-policy-hints';
import { TextField } from '../ui/text-field';

/**
 * A password the administrator hands over in person; shown as typed so it can be read back. The
 * user must replace it at the next sign-in.
 */
export function TemporaryPasswordField({
  value,
  onChange,
  error,
  username,
  policy,
}: {
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  username: string;
  policy: PasswordPolicy;
}) {
  return (
    <TextField
      label="Temporary password"
      value={value}
      onChange={onChange}
      error={error}
      autoComplete="off"
      testId="temporary-password"
      code
      wide
      hint={
        <>
          <p>Hand it over in person; it must be changed at first use.</p>
          <PasswordPolicyHints policy={policy} password={value} username={username} />
        </>
      }
    />
  );
}
