import { useState, type FormEvent } from 'react';
import type { RecipeVersionView } from '../../../shared/contract/recipes';
import { ReasonField, reasonError } from '../forms/reason-field';
import { asResult } from '../ipc/as-result';
import { call } from '../ipc/client';
import { SignatureDialog } from '../signatures/signature-dialog';
import { Dialog } from '../ui/dialog';
import { DialogActions } from '../ui/dialog-actions';
import { recipeSubject } from './recipe-subject';

export type Decision = 'approve' | 'reject';

const words = {
  approve: {
    title: 'Approve',
    explain:
      'Approving signs the content of this version as it is stored now (its SHA-256 hash). After approval the content cannot change; it can then be made effective.',
    field: 'Approval comment: what you reviewed',
    label: 'Comment',
    signTitle: 'Sign the approval',
  },
  reject: {
    title: 'Reject',
    explain:
      'Rejecting ends the review of this version; it can no longer be approved. The author imports a corrected version.',
    field: 'Reason for rejecting',
    label: 'Reason',
    signTitle: 'Sign the rejection',
  },
} as const;

/**
 * QA approves or rejects a version in review: first the comment or reason, then the signature
 * ("Approved" / "Rejected") with the password. The core refuses the author's own approval.
 */
export function DecisionDialog({
  version,
  decision,
  onClose,
  onDecided,
}: {
  version: RecipeVersionView;
  decision: Decision;
  onClose: () => void;
  onDecided: (version: RecipeVersionView) => void;
}) {
  const text = words[decision];
  const [step, setStep] = useState<'comment' | 'sign'>('comment');
  const [comment, setComment] = useState('');
  const [tried, setTried] = useState(false);

  if (step === 'sign') {
    return (
      <SignatureDialog
        title={text.signTitle}
        subject={recipeSubject(version, { label: text.label, value: comment.trim() })}
        meaning={decision === 'approve' ? 'approved' : 'rejected'}
        mode="self"
        onSign={(credentials) =>
          asResult(() =>
            decision === 'approve'
              ? call('recipes.approve', { versionId: version.id, comment, credentials })
              : call('recipes.reject', { versionId: version.id, reason: comment, credentials }),
          )
        }
        onSigned={onDecided}
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
    <Dialog
      title={`${text.title} ${version.code} version ${version.versionLabel}`}
      onClose={onClose}
      tone={decision === 'reject' ? 'danger' : 'normal'}
      testId={`${decision}-recipe-dialog`}
    >
      <form className="form" onSubmit={next} noValidate>
        <p className="form__explain">{text.explain}</p>
        <ReasonField
          label={text.field}
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
