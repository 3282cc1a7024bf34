import { useState, type FormEvent } from 'react';
import { ReasonField, reasonError } from '../forms/reason-field';
import { Dialog } from '../ui/dialog';
import { DialogActions } from '../ui/dialog-actions';

/**
 * A value outside a blocking limit: recorded only if a supervisor overrides it, with a reason,
 * signing "Overridden" at this terminal next. Recorded as an exception for review.
 */
export function OverrideReasonDialog({
  violation,
  reason,
  onReasonChange,
  onContinue,
  onCancel,
}: {
  violation: string;
  reason: string;
  onReasonChange: (reason: string) => void;
  onContinue: () => void;
  onCancel: () => void;
}) {
  const [tried, setTried] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!reasonError(reason)) onContinue();
  };
  return (
    <Dialog
      title="Blocked: the value is outside its limits"
      onClose={onCancel}
      tone="danger"
      testId="override-dialog"
    >
      <form className="form" onSubmit={submit} noValidate>
        <p className="form__explain form__explain--quote" data-testid="violation-message">
          {violation}
        </p>
        <p className="form__explain">
          The recipe blocks this value. It is recorded only with a <strong>supervisor’s override</strong>: the
          supervisor gives the reason here, then signs “Overridden” with their own username and password. The
          override is recorded as an exception for review. To record a different value instead, cancel.
        </p>
        <ReasonField
          label="Reason for the override (given by the supervisor)"
          value={reason}
          onChange={onReasonChange}
          error={tried ? reasonError(reason) : undefined}
          autoFocus
        />
        <DialogActions
          submitLabel="Continue to the supervisor’s signature"
          pendingLabel="…"
          pending={false}
          onCancel={onCancel}
          danger
        />
      </form>
    </Dialog>
  );
}
