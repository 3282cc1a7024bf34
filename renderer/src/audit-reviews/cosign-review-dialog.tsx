import type { AuditReviewView, PersonRef } from '../../../shared/contract/audit-trail';
import { describeScope } from '../audit/audit-scope';
import { asResult } from '../ipc/as-result';
import { call } from '../ipc/client';
import { useSession } from '../session/session-context';
import { SignatureDialog } from '../signatures/signature-dialog';

/** A second person at this terminal verifies a review ("verified"); the reviewer cannot. */
export function CosignReviewDialog({
  review,
  people,
  onClose,
  onCosigned,
}: {
  review: AuditReviewView;
  people: readonly PersonRef[];
  onClose: () => void;
  onCosigned: (review: AuditReviewView) => void;
}) {
  const { session } = useSession();
  const reviewer = review.signatures.find((signature) => signature.meaning === 'reviewed');
  // Said only when the reviewer is someone else than the person signed in (who is excluded anyway).
  const note =
    reviewer && reviewer.signerUserId !== session.user.id
      ? `The reviewer, ${reviewer.signerName}, cannot co-sign either.`
      : undefined;
  return (
    <SignatureDialog
      title="Co-sign the audit-trail review"
      subject={{
        title: 'Audit-trail review',
        lines: [
          { label: 'Scope', value: describeScope(review.scope, people) },
          {
            label: 'Covered',
            value:
              review.firstSeq !== null && review.lastSeq !== null
                ? `${review.rowCount} rows, seq ${review.firstSeq}–${review.lastSeq}`
                : `${review.rowCount} rows`,
          },
          { label: 'Comment', value: review.comment },
          ...(reviewer ? [{ label: 'Reviewed by', value: reviewer.signerName }] : []),
        ],
      }}
      meaning="verified"
      mode="cosigner"
      note={note}
      onSign={(credentials) =>
        asResult(() => call('audit.reviews.cosign', { reviewId: review.id, credentials }))
      }
      onSigned={onCosigned}
      onCancel={onClose}
    />
  );
}
