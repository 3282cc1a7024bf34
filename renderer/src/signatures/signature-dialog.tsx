import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SignerCredentials } from '../../../shared/contract/signatures';
import type { EbrErrorData, Result } from '../../../shared/errors';
import { meaningStatementIn } from '../../../shared/i18n/meaning-statements';
import type { SignatureMeaning } from '../../../shared/signatures';
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
  const { t } = useTranslation('signatures');
  const label = t(`meanings.${meaning}`);
  const name = session.user.fullName;
  // Exactly the words the core records and signs with this signature: the session's language.
  const statement = meaningStatementIn(meaning, session.language);

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
      ...(mode === 'cosigner' && !username.trim() ? { username: t('dialog.enterUsername') } : {}),
      ...(!password ? { password: t('dialog.enterPassword') } : {}),
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
        error: { code: 'INTERNAL', message: t('dialog.notSent') },
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
      title={title ?? t('dialog.title', { meaning: label })}
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
            <section className="signature-meaning" aria-label={t('dialog.meaningOf')}>
              <p className="signature-meaning__caption">
                {t('dialog.meaning')} <strong data-testid="signature-meaning">{label}</strong>
              </p>
              <p className="signature-meaning__statement" data-testid="signature-statement">
                “{statement}”
              </p>
            </section>
          </div>
          <div className="form">
            {mode === 'self' ? (
              <div className="signer" data-testid="signer">
                <p className="signer__caption">{t('dialog.signedBy')}</p>
                <p className="signer__name" data-testid="signer-name">
                  {session.user.fullName}
                </p>
              </div>
            ) : (
              <p className="signer-note" data-testid="cosigner-note">
                <strong>{t('dialog.cosignerLead')}</strong> {t('dialog.cosignerRest', { name })}
                {note ? ` ${note}` : ''}
              </p>
            )}
            <TextField
              label={t('dialog.username')}
              value={username}
              onChange={setUsername}
              error={missing.username}
              readOnly={mode === 'self'}
              autoComplete={mode === 'self' ? 'username' : 'off'}
              autoFocus={mode === 'cosigner'}
              hint={mode === 'self' ? t('dialog.usernameHint') : undefined}
              testId="signature-username"
              wide
            />
            <TextField
              label={mode === 'self' ? t('dialog.passwordOf', { name }) : t('dialog.password')}
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
            <p className="signature-form__binding">{t('dialog.binding')}</p>
          </div>
        </div>
        {error ? (
          <div className="signature-form__problem" ref={problemRef}>
            <SignatureProblemNotice error={error} mode={mode} meaning={meaning} />
          </div>
        ) : null}
        <DialogActions
          submitLabel={t('dialog.submit', { meaning: label })}
          pendingLabel={t('dialog.pending')}
          pending={pending}
          onCancel={onCancel}
        />
      </form>
    </Dialog>
  );
}
