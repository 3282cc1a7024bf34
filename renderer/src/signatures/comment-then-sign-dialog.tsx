import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SignerCredentials } from '../../../shared/contract/signatures';
import type { Result } from '../../../shared/errors';
import type { SignatureMeaning } from '../../../shared/signatures';
import { ReasonField, reasonError } from '../forms/reason-field';
import { Dialog } from '../ui/dialog';
import { DialogActions } from '../ui/dialog-actions';
import { SignatureDialog } from './signature-dialog';
import type { SignedSubject } from './signed-subject';

/**
 * The two steps of a decision that is signed with the signer's own password: first the comment
 * or reason (required), then the signature dialog showing it. Cancelling the signature goes back
 * to the comment, which is kept.
 */
export function CommentThenSignDialog<T>({
  title,
  testId,
  tone = 'normal',
  explain,
  fieldLabel,
  signTitle,
  subject,
  meaning,
  onSign,
  onSigned,
  onClose,
}: {
  title: string;
  testId: string;
  tone?: 'normal' | 'danger';
  explain: ReactNode;
  fieldLabel: string;
  signTitle: string;
  /** What is signed, with the comment as typed (trimmed). */
  subject: (comment: string) => SignedSubject;
  meaning: SignatureMeaning;
  onSign: (comment: string, credentials: Extract<SignerCredentials, { kind: 'self' }>) => Promise<Result<T>>;
  onSigned: (value: T) => void;
  onClose: () => void;
}) {
  const [step, setStep] = useState<'comment' | 'sign'>('comment');
  const [comment, setComment] = useState('');
  const [tried, setTried] = useState(false);
  const { t } = useTranslation('signatures');

  if (step === 'sign') {
    return (
      <SignatureDialog
        title={signTitle}
        subject={subject(comment.trim())}
        meaning={meaning}
        mode="self"
        onSign={(credentials) => onSign(comment, credentials)}
        onSigned={onSigned}
        onCancel={() => setStep('comment')}
      />
    );
  }

  const next = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!reasonError(comment)) setStep('sign');
  };
  return (
    <Dialog title={title} onClose={onClose} tone={tone} testId={testId}>
      <form className="form" onSubmit={next} noValidate>
        {explain}
        <ReasonField
          label={fieldLabel}
          value={comment}
          onChange={setComment}
          error={tried ? reasonError(comment) : undefined}
          autoFocus
        />
        <DialogActions
          submitLabel={t('dialog.continue')}
          pendingLabel="…"
          pending={false}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
