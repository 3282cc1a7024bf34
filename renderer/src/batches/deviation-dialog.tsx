import { useState, type FormEvent } from 'react';
import { completeStepInput } from '../../../shared/contract/batch-inputs';
import type { EbrErrorData } from '../../../shared/errors';
import { fieldError } from '../forms/field-error';
import { Dialog } from '../ui/dialog';
import { DialogActions } from '../ui/dialog-actions';
import { FormError } from '../ui/form-error';
import { TextAreaField } from '../ui/text-area-field';

const deviationCommentField = completeStepInput.shape.deviationComment.unwrap();

/** A value outside limits the recipe records as a deviation: kept, with the operator's comment. */
export function DeviationDialog({
  violation,
  comment,
  onCommentChange,
  signaturesFollow,
  onContinue,
  onCancel,
}: {
  violation: string;
  comment: string;
  onCommentChange: (comment: string) => void;
  /** Whether signatures are asked next; otherwise continuing records the value. */
  signaturesFollow: boolean;
  /** Resolves to the core's refusal, or null when it went on. */
  onContinue: () => Promise<EbrErrorData | null>;
  onCancel: () => void;
}) {
  const [tried, setTried] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<EbrErrorData | null>(null);
  const problem = fieldError(deviationCommentField, comment);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (problem || pending) return;
    setPending(true);
    setError(null);
    const refusal = await onContinue();
    setPending(false);
    setError(refusal);
  };
  return (
    <Dialog title="Deviation: the value is outside its limits" onClose={onCancel} testId="deviation-dialog">
      <form className="form" onSubmit={submit} noValidate>
        <p className="form__explain form__explain--quote deviation-quote" data-testid="violation-message">
          {violation}
        </p>
        <p className="form__explain">
          The recipe records this value as a <strong>deviation</strong>: it is kept, with your comment, and
          raised as an exception for review. Say what happened and what you did. To record a different value
          instead, cancel.
        </p>
        <TextAreaField
          label="Deviation comment"
          value={comment}
          onChange={onCommentChange}
          error={tried ? problem : undefined}
          hint="Recorded with the value and your name."
          testId="deviation-comment"
          autoFocus
        />
        <FormError error={error} />
        <DialogActions
          submitLabel={signaturesFollow ? 'Continue to signature' : 'Record with deviation'}
          pendingLabel="Recording…"
          pending={pending}
          onCancel={onCancel}
        />
      </form>
    </Dialog>
  );
}
