import { useState, type FormEvent } from 'react';
import type { PersonTrainingView } from '../../../shared/contract/qualifications';
import { useSubmit } from '../forms/use-submit';
import { call } from '../ipc/client';
import { useChannel } from '../ipc/use-channel';
import { Dialog } from '../ui/dialog';
import { DialogActions } from '../ui/dialog-actions';
import { FormError } from '../ui/form-error';
import { SelectField } from '../ui/select-field';
import { TextField } from '../ui/text-field';

/**
 * A read-and-understood (P11-10i): the trainee signs "trained" on the SOP's current version at the
 * trainer's terminal, with their own username and password.
 */
export function ReadAndUnderstoodDialog({
  onClose,
  onDone,
}: {
  onClose: () => void;
  onDone: (person: PersonTrainingView, subject: string) => void;
}) {
  const sops = useChannel('sops.list', {});
  const [sopCode, setSopCode] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [comment, setComment] = useState('');
  const { pending, error, run } = useSubmit();
  const options = sops.state.status === 'ready' ? sops.state.value : [];
  const chosen = sopCode || options[0]?.code || '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const person = await run(() =>
      call('training.recordRead', {
        sopCode: chosen,
        trainee: { kind: 'cosigner', username, password },
        comment,
      }),
    );
    setPassword('');
    const sop = options.find((candidate) => candidate.code === chosen);
    if (person) onDone(person, `${chosen} version ${sop?.currentVersion ?? ''}`);
  };

  return (
    <Dialog title="Record read-and-understood" onClose={onClose} testId="read-dialog">
      <form className="form" onSubmit={submit} noValidate>
        <p className="form__explain">
          The trainee signs “I have read and understood this document version” with their own username and
          password. A later version of the SOP needs a new read-and-understood.
        </p>
        <SelectField
          label="SOP (current version)"
          value={chosen}
          options={options.map((sop) => ({
            value: sop.code,
            label: `${sop.code} version ${sop.currentVersion} — ${sop.title}`,
          }))}
          onChange={setSopCode}
          testId="read-sop"
        />
        <TextField
          label="Trainee: username"
          value={username}
          onChange={setUsername}
          autoFocus
          testId="read-username"
        />
        <TextField
          label="Trainee's password"
          type="password"
          value={password}
          onChange={setPassword}
          testId="read-password"
        />
        <TextField label="Comment (optional)" value={comment} onChange={setComment} testId="read-comment" />
        <FormError error={error?.toData() ?? null} />
        <DialogActions
          submitLabel="Sign read and understood"
          pendingLabel="Signing…"
          pending={pending}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
