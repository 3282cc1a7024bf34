import type { RecipeVersionView } from '../../../shared/contract/recipes';
import { asResult } from '../ipc/as-result';
import { call } from '../ipc/client';
import { CommentThenSignDialog } from '../signatures/comment-then-sign-dialog';
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
  return (
    <CommentThenSignDialog
      title={`${text.title} ${version.code} version ${version.versionLabel}`}
      testId={`${decision}-recipe-dialog`}
      tone={decision === 'reject' ? 'danger' : 'normal'}
      explain={<p className="form__explain">{text.explain}</p>}
      fieldLabel={text.field}
      signTitle={text.signTitle}
      subject={(comment) => recipeSubject(version, { label: text.label, value: comment })}
      meaning={decision === 'approve' ? 'approved' : 'rejected'}
      onSign={(comment, credentials) =>
        asResult(() =>
          decision === 'approve'
            ? call('recipes.approve', { versionId: version.id, comment, credentials })
            : call('recipes.reject', { versionId: version.id, reason: comment, credentials }),
        )
      }
      onSigned={onDecided}
      onClose={onClose}
    />
  );
}
