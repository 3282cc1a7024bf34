import { useState, type FormEvent } from 'react';
import type { BatchStepView } from '../../../shared/contract/batches';
import { ReasonField, reasonError } from '../forms/reason-field';
import { useLanguage } from '../i18n/use-language';
import { draftFromValue, readEntry } from './entry-draft';
import type { RecordRequest } from './record-flow';
import { StepEntry, type EntryProblem } from './step-entry';

/**
 * A correction of a recorded value: the value as it should be, and why. The original stays
 * recorded and visible, struck through; signing follows.
 */
export function CorrectionForm({
  step,
  onContinue,
  onCancel,
}: {
  step: BatchStepView;
  onContinue: (request: RecordRequest) => void;
  onCancel: () => void;
}) {
  const { language } = useLanguage();
  const [draft, setDraft] = useState(() => draftFromValue(step.definition, step.current?.value, language));
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const [problem, setProblem] = useState<EntryProblem | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    const { input, problem: found } = readEntry(step.definition, draft, language);
    setProblem(found);
    if (!input || reasonError(reason)) return;
    onContinue({ mode: 'correct', input, reason: reason.trim() });
  };

  return (
    <form className="correction-form" onSubmit={submit} noValidate data-testid="correction-form">
      <h3 className="step-section__title">Correct the recorded value</h3>
      <p className="form__explain">
        The value recorded now stays in the record, struck through and marked as changed; your correction and
        its reason are signed. Calculations that use it are recomputed.
      </p>
      <StepEntry step={step} draft={draft} onDraftChange={setDraft} disabled={false} problem={problem} />
      <ReasonField
        label="Reason for the correction"
        value={reason}
        onChange={setReason}
        error={tried ? reasonError(reason) : undefined}
      />
      <div className="form__actions">
        <button
          type="submit"
          className="button button--primary button--large"
          data-testid="correction-continue"
        >
          Continue to signature
        </button>
        <button type="button" className="button button--large" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
