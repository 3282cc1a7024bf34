import { useState, type FormEvent } from 'react';
import type { SecurityAlert } from '../../../shared/contract/identity';
import { ReasonField, reasonError } from '../forms/reason-field';
import { useSubmit } from '../forms/use-submit';
import { call } from '../ipc/client';
import { Dialog } from '../ui/dialog';
import { DialogActions } from '../ui/dialog-actions';
import { FormError } from '../ui/form-error';
import { alertKindLabel } from './alert-kind';

/** Acknowledging records who looked at the alert and what they found or did. */
export function AcknowledgeDialog({
  alert,
  onClose,
  onDone,
}: {
  alert: SecurityAlert;
  onClose: () => void;
  onDone: (alert: SecurityAlert) => void;
}) {
  const [comment, setComment] = useState('');
  const [tried, setTried] = useState(false);
  const { pending, error, run } = useSubmit();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (reasonError(comment)) return;
    const acknowledged = await run(() => call('alerts.acknowledge', { alertId: alert.id, comment }));
    if (acknowledged) onDone(acknowledged);
  };

  return (
    <Dialog
      title={`Acknowledge: ${alertKindLabel(alert.kind)}`}
      onClose={onClose}
      testId="acknowledge-dialog"
    >
      <form className="form" onSubmit={submit} noValidate>
        <p className="form__explain form__explain--quote">{alert.message}</p>
        <ReasonField
          label="What did you find or do?"
          value={comment}
          onChange={setComment}
          error={tried ? reasonError(comment) : undefined}
          autoFocus
        />
        <FormError error={error?.toData() ?? null} />
        <DialogActions
          submitLabel="Acknowledge alert"
          pendingLabel="Saving…"
          pending={pending}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
