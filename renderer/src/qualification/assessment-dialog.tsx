import { useState, type FormEvent } from 'react';
import type { PersonTrainingView, QualificationMatrixView } from '../../../shared/contract/qualifications';
import { useSubmit } from '../forms/use-submit';
import { call } from '../ipc/client';
import { useChannel } from '../ipc/use-channel';
import { useSession } from '../session/session-context';
import { Dialog } from '../ui/dialog';
import { DialogActions } from '../ui/dialog-actions';
import { FormError } from '../ui/form-error';
import { SelectField } from '../ui/select-field';
import { TextField } from '../ui/text-field';

/** A practical assessment (A11-2): the trainer signs "assessed" for a person on a qualification. */
export function AssessmentDialog({
  people,
  onClose,
  onDone,
}: {
  people: QualificationMatrixView['people'];
  onClose: () => void;
  onDone: (person: PersonTrainingView, qualificationName: string) => void;
}) {
  const { session } = useSession();
  const qualifications = useChannel('qualifications.list', {});
  const assessable =
    qualifications.state.status === 'ready'
      ? qualifications.state.value.filter((qualification) => qualification.assessmentRequired)
      : [];
  const others = people.filter((person) => person.userId !== session.user.id);
  const [userId, setUserId] = useState('');
  const [code, setCode] = useState('');
  const [comment, setComment] = useState('');
  const [password, setPassword] = useState('');
  const { pending, error, run } = useSubmit();
  const person = userId || others[0]?.userId || '';
  const qualificationCode = code || assessable[0]?.code || '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await run(() =>
      call('training.recordAssessment', {
        userId: person,
        qualificationCode,
        comment,
        credentials: { kind: 'self', password },
      }),
    );
    setPassword('');
    const name = assessable.find((qualification) => qualification.code === qualificationCode)?.name ?? '';
    if (saved) onDone(saved, name);
  };

  return (
    <Dialog title="Record practical assessment" onClose={onClose} testId="assessment-dialog">
      <form className="form" onSubmit={submit} noValidate>
        <SelectField
          label="Person assessed"
          value={person}
          options={others.map((other) => ({ value: other.userId, label: other.fullName }))}
          onChange={setUserId}
          testId="assessment-person"
        />
        <SelectField
          label="Qualification"
          value={qualificationCode}
          options={assessable.map((qualification) => ({
            value: qualification.code,
            label: `${qualification.name} (${qualification.code})`,
          }))}
          onChange={setCode}
          testId="assessment-qualification"
        />
        <TextField
          label="What was assessed"
          value={comment}
          onChange={setComment}
          testId="assessment-comment"
        />
        <TextField
          label={`Assessed by ${session.user.fullName}: your password`}
          type="password"
          value={password}
          onChange={setPassword}
          testId="assessment-password"
        />
        <FormError error={error?.toData() ?? null} />
        <DialogActions
          submitLabel="Sign assessment"
          pendingLabel="Signing…"
          pending={pending}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
