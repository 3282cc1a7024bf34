import type { AuditFilter, AuditReviewView } from '../../../shared/contract/audit-trail';
import { asResult } from '../ipc/as-result';
import { call } from '../ipc/client';
import { CommentThenSignDialog } from '../signatures/comment-then-sign-dialog';

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
  return (
    <CommentThenSignDialog
      title="Record audit-trail review"
      testId="record-review-dialog"
      explain={
        <>
          <p className="form__explain">
            You confirm that you have read the audit-trail rows in this scope. The review records how many
            rows, their range and a digest of them, and carries your signature “Reviewed”.
          </p>
          <div className="review-scope">
            <p className="review-scope__caption">Scope (the filter on screen)</p>
            <p className="review-scope__words" data-testid="review-scope">
              {scopeWords}
            </p>
          </div>
        </>
      }
      fieldLabel="Review comment: what you checked and found"
      signTitle="Sign the audit-trail review"
      subject={(comment) => ({
        title: 'Audit-trail review',
        lines: [
          { label: 'Scope', value: scopeWords },
          { label: 'Comment', value: comment },
        ],
      })}
      meaning="reviewed"
      onSign={(comment, credentials) =>
        asResult(() => call('audit.reviews.create', { filter, comment, credentials }))
      }
      onSigned={onRecorded}
      onClose={onClose}
    />
  );
}
