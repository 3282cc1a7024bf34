import { useState, type FormEvent } from 'react';
import type { AuditFilter, AuditReviewView } from '../../../shared/contract/audit-trail';
import { ReasonField, reasonError } from '../forms/reason-field';
import { asResult } from '../ipc/as-result';
import { call } from '../ipc/client';
import { SignatureDialog } from '../signatures/signature-dialog';
import { Dialog } from '../ui/dialog';
import { DialogActions } from '../ui/dialog-actions';

/**
 * A recorded audit-trail review (A11-9): the scope is the filter on screen; the reviewer writes
 * what they found, then signs "reviewed". The core counts the rows in scope and signs their digest.
 */
export function RecordReviewDialog({
  filter,
  scopeWords,
  onClose,
  onRecorded,
}: {
  filter: AuditFilter;
  scopeWords: string;
  onClose: () => void;
  onRecorded: (review: AuditReviewView) => void;
}) {
  const [step, setStep] = useState<'comment' | 'sign'>('comment');
  const [comment, setComment] = useState('');
  const [tried, setTried] = useState(false);

  if (step === 'sign') {
    return (
      <SignatureDialog
        title="Sign the audit-trail review"
        subject={{
          title: 'Audit-trail review',
          lines: [
            { label: 'Scope', value: scopeWords },
            { label: 'Comment', value: comment.trim() },
          ],
        }}
        meaning="reviewed"
        mode="self"
        onSign={(credentials) =>
          asResult(() => call('audit.reviews.create', { filter, comment, credentials }))
        }
        onSigned={onRecorded}
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
    <Dialog title="Record audit-trail review" onClose={onClose} testId="record-review-dialog">
      <form className="form" onSubmit={next} noValidate>
        <p className="form__explain">
          You confirm that you have read the audit-trail rows in this scope. The review records how many rows,
          their range and a digest of them, and carries your signature “Reviewed”.
        </p>
        <div className="review-scope">
          <p className="review-scope__caption">Scope (the filter on screen)</p>
          <p className="review-scope__words" data-testid="review-scope">
            {scopeWords}
          </p>
        </div>
        <ReasonField
          label="Review comment: what you checked and found"
          value={comment}
          onChange={setComment}
          error={tried ? reasonError(comment) : undefined}
          autoFocus
        />
        <DialogActions
          submitLabel="Continue to signature"
          pendingLabel="…"
          pending={false}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
