import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { SignerCredentials } from '../../../shared/contract/signatures';
import type { EbrErrorData, Result } from '../../../shared/errors';
import { meaningLabels, meaningStatements, type SignatureMeaning } from '../../../shared/signatures';
import { useSession } from '../session/session-context';
import { Dialog } from '../ui/dialog';
import { DialogActions } from '../ui/dialog-actions';
import { TextField } from '../ui/text-field';
import { SignatureProblemNotice } from './signature-problem-notice';
import type { SignatureMode, SignedSubject } from './signed-subject';
import { SignedSubjectSummary } from './signed-subject-summary';

/** The credentials a mode sends: `self` only a password, `cosigner` username and password. */
export type CredentialsFor<M extends SignatureMode> = Extract<SignerCredentials, { kind: M }>;

interface Missing {
  username?: string;
  password?: string;
}

/**
 * An electronic signature (P11-200a1): what is signed, the meaning in words, and the signer's
 * two components. `self`: the signed-in person re-enters the password (username shown, not
 * editable). `cosigner`: a different person at this terminal enters username and password.
 * The core decides; this dialog shows each refusal in its own words and clears the password.
 */
export function SignatureDialog<T, M extends SignatureMode>({
  subject,
  meaning,
  mode,
  onSign,
  onSigned,
  onCancel,
  note,
  title,
}: {
  subject: SignedSubject;
  meaning: SignatureMeaning;
  mode: M;
  /** Sends the credentials with the change they sign; the answer decides what the dialog shows. */
  onSign: (credentials: CredentialsFor<M>) => Promise<Result<T>>;
  onSigned: (value: T) => void;
  onCancel: () => void;
  /** Who may not co-sign here, in words ("not the reviewer"). */
  note?: string;
  title?: string;
}) {
  const { session } = useSession();
  const [username, setUsername] = useState(mode === 'self' ? session.user.username : '');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<Missing>({});
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<EbrErrorData | null>(null);
  const [refusals, setRefusals] = useState(0);
  const passwordRef = useRef<HTMLInputElement>(null);
  const problemRef = useRef<HTMLDivElement>(null);
  const label = meaningLabels[meaning];

  // After a refusal the password is empty again, the cursor waits in it, and the reason is in view.
  useEffect(() => {
    if (refusals === 0) return;
    passwordRef.current?.focus({ preventScroll: true });
    problemRef.current?.scrollIntoView({ block: 'nearest' });
  }, [refusals]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    const check: Missing = {
      ...(mode === 'cosigner' && !username.trim() ? { username: 'Enter the username.' } : {}),
      ...(!password ? { password: 'Enter the password.' } : {}),
    };
    setMissing(check);
    if (check.username || check.password) return;
    const credentials = (
      mode === 'self' ? { kind: 'self', password } : { kind: 'cosigner', username: username.trim(), password }
    ) as CredentialsFor<M>;
    setPending(true);
    setError(null);
    let result: Result<T>;
    try {
      result = await onSign(credentials);
    } catch {
      result = {
        ok: false,
        error: { code: 'INTERNAL', message: 'The signature could not be sent to the workstation core.' },
      };
    }
    setPassword('');
    setPending(false);
    if (result.ok) {
      onSigned(result.value);
      return;
    }
    setError(result.error);
    setRefusals((count) => count + 1);
  };

  return (
    <Dialog
      title={title ?? `Sign: ${label}`}
      onClose={() => {
        if (!pending) onCancel();
      }}
      testId="signature-dialog"
    >
      <form
        className="form signature-form"
        onSubmit={submit}
        noValidate
        aria-busy={pending}
        data-state={pending ? 'busy' : error ? 'refused' : 'ready'}
        data-mode={mode}
        data-meaning={meaning}
      >
        <div className="form__columns">
          <div className="form">
            <SignedSubjectSummary subject={subject} />
            <section className="signature-meaning" aria-label="Meaning of the signature">
              <p className="signature-meaning__caption">
                Meaning: <strong data-testid="signature-meaning">{label}</strong>
              </p>
              <p className="signature-meaning__statement" data-testid="signature-statement">
                “{meaningStatements[meaning]}”
              </p>
            </section>
          </div>
          <div className="form">
            {mode === 'self' ? (
              <div className="signer" data-testid="signer">
                <p className="signer__caption">Signed by</p>
                <p className="signer__name" data-testid="signer-name">
                  {session.user.fullName}
                </p>
              </div>
            ) : (
              <p className="signer-note" data-testid="cosigner-note">
                <strong>A different person at this terminal</strong> signs now, with their own username and
                password — not {session.user.fullName}, who is signed in.{note ? ` ${note}` : ''}
              </p>
            )}
            <TextField
              label="Username"
              value={username}
              onChange={setUsername}
              error={missing.username}
              readOnly={mode === 'self'}
              autoComplete={mode === 'self' ? 'username' : 'off'}
              autoFocus={mode === 'cosigner'}
              hint={mode === 'self' ? 'Your own: a signature is always by the person signed in.' : undefined}
              testId="signature-username"
              wide
            />
            <TextField
              label={mode === 'self' ? `Password of ${session.user.fullName}` : 'Password'}
              type="password"
              value={password}
              onChange={setPassword}
              error={missing.password}
              autoComplete="off"
              autoFocus={mode === 'self'}
              inputRef={passwordRef}
              testId="signature-password"
              wide
            />
            <p className="signature-form__binding">
              An electronic signature is the legally binding equivalent of a handwritten signature.
            </p>
          </div>
        </div>
        {error ? (
          <div className="signature-form__problem" ref={problemRef}>
            <SignatureProblemNotice error={error} mode={mode} meaning={meaning} />
          </div>
        ) : null}
        <DialogActions
          submitLabel={`Sign: ${label}`}
          pendingLabel="Signing…"
          pending={pending}
          onCancel={onCancel}
        />
      </form>
    </Dialog>
  );
}
