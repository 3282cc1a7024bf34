import { useState, type FormEvent, type ReactNode } from 'react';
import type { BatchView } from '../../../shared/contract/batches';
import { ReasonField, reasonError } from '../forms/reason-field';
import { useSubmit } from '../forms/use-submit';
import { Dialog } from '../ui/dialog';
import { DialogActions } from '../ui/dialog-actions';
import { FormError } from '../ui/form-error';

/** An action on a batch that is recorded with a reason (hold, release a step). */
export function ReasonDialog({
  title,
  explain,
  label,
  submitLabel,
  testId,
  action,
  onDone,
  onClose,
}: {
  title: string;
  explain: ReactNode;
  label: string;
  submitLabel: string;
  testId: string;
  action: (reason: string) => Promise<BatchView>;
  onDone: (batch: BatchView) => void;
  onClose: () => void;
}) {
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const { pending, error, run } = useSubmit();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (reasonError(reason)) return;
    const answer = await run(() => action(reason));
    if (answer) onDone(answer);
  };
  return (
    <Dialog title={title} onClose={onClose} testId={testId}>
      <form className="form" onSubmit={submit} noValidate>
        <p className="form__explain">{explain}</p>
        <ReasonField
          label={label}
          value={reason}
          onChange={setReason}
          error={tried ? reasonError(reason) : undefined}
          autoFocus
        />
        <FormError error={error?.toData() ?? null} />
        <DialogActions
          submitLabel={submitLabel}
          pendingLabel="Saving…"
          pending={pending}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
