import { useState, type FormEvent } from 'react';
import { instrumentCheckInput } from '../../../shared/contract/instrument-inputs';
import type { InstrumentCheckView, InstrumentView } from '../../../shared/contract/instruments';
import { localToUtcIso, utcIsoToLocal } from '../audit/filter-draft';
import { useSubmit } from '../forms/use-submit';
import { call } from '../ipc/client';
import { useSystemInfo } from '../system/system-info-context';
import { DateTimeField } from '../ui/date-time-field';
import { Dialog } from '../ui/dialog';
import { DialogActions } from '../ui/dialog-actions';
import { FormError } from '../ui/form-error';
import { TextAreaField } from '../ui/text-area-field';
import { TextField } from '../ui/text-field';

export type CheckKind = InstrumentCheckView['kind'];
type CheckField = 'performedAtUtc' | 'nextDueUtc' | 'reference' | 'comment';

export const checkKindLabels: Record<CheckKind, string> = {
  calibration: 'Calibration',
  'daily-check': 'Daily check',
};

/** The current minute on this screen, as the date-time inputs take it. */
function nowLocalMinute(): string {
  return utcIsoToLocal(new Date().toISOString());
}

/**
 * A calibration or daily check as the technician performed it: result, when, the certificate or
 * logbook reference and, for a calibration, when the next one is due. Checked with the core's schema.
 */
export function CheckDialog({
  instrument,
  kind,
  onClose,
  onDone,
}: {
  instrument: InstrumentView;
  kind: CheckKind;
  onClose: () => void;
  onDone: (instrument: InstrumentView) => void;
}) {
  const { info } = useSystemInfo();
  const [result, setResult] = useState<'pass' | 'fail'>('pass');
  const [performedAt, setPerformedAt] = useState(nowLocalMinute);
  const [nextDue, setNextDue] = useState('');
  const [reference, setReference] = useState('');
  const [comment, setComment] = useState('');
  const [tried, setTried] = useState(false);
  const { pending, error, run } = useSubmit();
  const calibration = kind === 'calibration';

  const performedAtUtc = localToUtcIso(performedAt, 'start');
  const nextDueUtc = calibration && nextDue !== '' ? localToUtcIso(nextDue, 'start') : null;
  const input = {
    instrumentId: instrument.id,
    kind,
    result,
    performedAtUtc: performedAtUtc ?? '',
    ...(nextDueUtc ? { nextDueUtc } : {}),
    reference,
    comment,
  };
  const parsed = instrumentCheckInput.safeParse(input);
  const errors: Partial<Record<CheckField, string>> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as CheckField;
      errors[field] ??= issue.message;
    }
  }
  if (!performedAtUtc) errors.performedAtUtc = 'Enter when it was performed.';
  const hasErrors = Object.keys(errors).length > 0;
  const shown = (field: CheckField) => (tried ? errors[field] : undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!parsed.success || hasErrors) return;
    const changed = await run(() => call('instruments.recordCheck', parsed.data));
    if (changed) onDone(changed);
  };

  const option = (value: 'pass' | 'fail', label: string, detail: string) => (
    <label className={result === value ? 'check check--on' : 'check'}>
      <input
        className="check__box"
        type="radio"
        name="check-result"
        checked={result === value}
        onChange={() => setResult(value)}
        data-testid={`check-result-${value}`}
      />
      <span className="check__text">
        <span className="check__label">{label}</span>
        <span className="check__detail">{detail}</span>
      </span>
    </label>
  );

  return (
    <Dialog
      title={`${checkKindLabels[kind]}: ${instrument.assetId}`}
      onClose={onClose}
      testId="instrument-check-dialog"
    >
      <form className="form" onSubmit={submit} noValidate>
        <fieldset className="choice" aria-label="Result">
          {option(
            'pass',
            'Passed',
            calibration ? 'Within tolerance; the next due date is set below.' : 'Within tolerance.',
          )}
          {option('fail', 'Failed', 'The instrument is taken out of service at once.')}
        </fieldset>
        <div className="form__row">
          <DateTimeField
            label="Performed at"
            value={performedAt}
            onChange={setPerformedAt}
            error={shown('performedAtUtc')}
            hint={`Local time (${info.timeZone}).`}
            testId="check-performed-at"
          />
          {calibration ? (
            <DateTimeField
              label="Next calibration due"
              value={nextDue}
              onChange={setNextDue}
              error={shown('nextDueUtc')}
              hint={
                instrument.calibrationDueUtc
                  ? 'A passed calibration replaces the current due date.'
                  : 'Becomes the calibration due date.'
              }
              testId="check-next-due"
            />
          ) : null}
        </div>
        <TextField
          label={calibration ? 'Certificate number' : 'Logbook reference'}
          value={reference}
          onChange={setReference}
          error={shown('reference')}
          hint="Where the full record of the check is kept."
          code
          testId="check-reference"
        />
        <TextAreaField
          label="Comment"
          value={comment}
          onChange={setComment}
          error={shown('comment')}
          hint="Optional. Recorded in the audit trail with your name."
          testId="check-comment"
        />
        <FormError error={error?.toData() ?? null} />
        <DialogActions
          submitLabel={`Record ${checkKindLabels[kind].toLowerCase()}`}
          pendingLabel="Recording…"
          pending={pending}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
