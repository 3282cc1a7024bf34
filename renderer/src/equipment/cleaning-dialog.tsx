import { useState, type FormEvent } from 'react';
import type { EquipmentDetailView } from '../../../shared/contract/materials';
import { useSubmit } from '../forms/use-submit';
import { call } from '../ipc/client';
import { useChannel } from '../ipc/use-channel';
import { useSession } from '../session/session-context';
import { DateTimeField } from '../ui/date-time-field';
import { Dialog } from '../ui/dialog';
import { DialogActions } from '../ui/dialog-actions';
import { FormError } from '../ui/form-error';
import { TextField } from '../ui/text-field';

/** `YYYY-MM-DDTHH:mm` in this computer's zone, for the date-time field. */
function localMinute(ms: number): string {
  const date = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return date.toISOString().slice(0, 16);
}

/**
 * A cleaning record (R211-67, R211-182): procedure, start and end; the signed-in person signs
 * "performed" with the password, a second person "verified" with username and password.
 */
export function CleaningDialog(props: {
  item: EquipmentDetailView;
  onClose: () => void;
  onDone: (item: EquipmentDetailView) => void;
}) {
  // Times default to the core's clock (the one the record is checked and stamped against).
  const { state } = useChannel('system.health', {});
  if (state.status === 'loading') return null;
  const coreNow = state.status === 'ready' ? Date.parse(state.value.checkedAtUtc) : Date.now();
  return <CleaningForm {...props} now={Number.isNaN(coreNow) ? Date.now() : coreNow} />;
}

function CleaningForm({
  item,
  onClose,
  onDone,
  now,
}: {
  item: EquipmentDetailView;
  onClose: () => void;
  onDone: (item: EquipmentDetailView) => void;
  now: number;
}) {
  const { session } = useSession();
  const [procedure, setProcedure] = useState('');
  const [started, setStarted] = useState(localMinute(now - 60 * 60_000));
  const [ended, setEnded] = useState(localMinute(now));
  const [password, setPassword] = useState('');
  const [verifier, setVerifier] = useState('');
  const [verifierPassword, setVerifierPassword] = useState('');
  const { pending, error, run } = useSubmit();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await run(() =>
      call('equipment.recordCleaning', {
        equipmentCode: item.code,
        procedure,
        startedAtUtc: new Date(started).toISOString(),
        endedAtUtc: new Date(ended).toISOString(),
        performer: { kind: 'self', password },
        verifier: { kind: 'cosigner', username: verifier, password: verifierPassword },
      }),
    );
    setPassword('');
    setVerifierPassword('');
    if (saved) onDone(saved);
  };

  return (
    <Dialog title={`Record cleaning: ${item.code}`} onClose={onClose} testId="cleaning-dialog">
      <form className="form" onSubmit={submit} noValidate>
        <p className="form__explain">
          {item.description}, {item.room}. Clean for {item.cleanHoldHours} h from the end of cleaning.
        </p>
        <TextField
          label="Cleaning procedure (SOP)"
          value={procedure}
          onChange={setProcedure}
          autoFocus
          testId="cleaning-procedure"
        />
        <DateTimeField label="Started" value={started} onChange={setStarted} testId="cleaning-started" />
        <DateTimeField label="Ended" value={ended} onChange={setEnded} testId="cleaning-ended" />
        <TextField
          label={`Performed by ${session.user.fullName}: your password`}
          type="password"
          value={password}
          onChange={setPassword}
          testId="cleaning-password"
        />
        <TextField
          label="Verified by (second person): username"
          value={verifier}
          onChange={setVerifier}
          testId="cleaning-verifier"
        />
        <TextField
          label="Verifier's password"
          type="password"
          value={verifierPassword}
          onChange={setVerifierPassword}
          testId="cleaning-verifier-password"
        />
        <FormError error={error?.toData() ?? null} />
        <DialogActions
          submitLabel="Sign cleaning record"
          pendingLabel="Signing…"
          pending={pending}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
