import { useState, type FormEvent } from 'react';
import type { InstrumentView } from '../../../shared/contract/instruments';
import { ReasonField, reasonError } from '../forms/reason-field';
import { useSubmit } from '../forms/use-submit';
import { call } from '../ipc/client';
import { Dialog } from '../ui/dialog';
import { DialogActions } from '../ui/dialog-actions';
import { FormError } from '../ui/form-error';

export type StatusChange = 'out-of-service' | 'active' | 'retired';

const wording: Record<StatusChange, { title: string; submit: string; explain: string }> = {
  'out-of-service': {
    title: 'Take out of service',
    submit: 'Take out of service',
    explain: 'Nothing is captured with it until it is returned to service.',
  },
  active: {
    title: 'Return to service',
    submit: 'Return to service',
    explain: 'It can be used for capture again (calibration permitting).',
  },
  retired: {
    title: 'Retire',
    submit: 'Retire instrument',
    explain: 'A retired instrument is never used or changed again; its record and history stay.',
  },
};

/** In or out of service, or retired: always with the reason, audited. */
export function StatusDialog({
  instrument,
  change,
  onClose,
  onDone,
}: {
  instrument: InstrumentView;
  change: StatusChange;
  onClose: () => void;
  onDone: (instrument: InstrumentView) => void;
}) {
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const { pending, error, run } = useSubmit();
  const { title, submit: submitLabel, explain } = wording[change];
  const danger = change !== 'active';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (reasonError(reason)) return;
    const changed = await run(() =>
      call('instruments.setStatus', { instrumentId: instrument.id, status: change, reason }),
    );
    if (changed) onDone(changed);
  };

  return (
    <Dialog
      title={`${title}: ${instrument.assetId}`}
      onClose={onClose}
      tone={danger ? 'danger' : 'normal'}
      testId="instrument-status-dialog"
    >
      <form className="form" onSubmit={submit} noValidate>
        <p className="form__explain">{explain}</p>
        <ReasonField
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
          danger={danger}
        />
      </form>
    </Dialog>
  );
}
