import { useState, type FormEvent } from 'react';
import type { RecipeVersionSummary, RecipeVersionView } from '../../../shared/contract/recipes';
import { localToUtcIso } from '../audit/filter-draft';
import { ReasonField, reasonError } from '../forms/reason-field';
import { useSubmit } from '../forms/use-submit';
import { call } from '../ipc/client';
import { DateTimeField } from '../ui/date-time-field';
import { Dialog } from '../ui/dialog';
import { DialogActions } from '../ui/dialog-actions';
import { FormError } from '../ui/form-error';

type When = 'now' | 'later';

/** Effective now (the version in use is superseded at once) or from a date and time, with a reason. */
export function MakeEffectiveDialog({
  version,
  inUse,
  onClose,
  onDone,
}: {
  version: RecipeVersionView;
  /** The version of the same code effective now, superseded when this one takes effect. */
  inUse: RecipeVersionSummary | null;
  onClose: () => void;
  onDone: (version: RecipeVersionView) => void;
}) {
  const [when, setWhen] = useState<When>('now');
  const [from, setFrom] = useState('');
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const { pending, error, run } = useSubmit();
  const fromUtc = when === 'later' ? localToUtcIso(from, 'start') : null;
  const fromError = when === 'later' && !fromUtc ? 'Enter the date and time it takes effect.' : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (reasonError(reason) || fromError) return;
    const input = { versionId: version.id, reason, ...(fromUtc ? { effectiveFromUtc: fromUtc } : {}) };
    const changed = await run(() => call('recipes.makeEffective', input));
    if (changed) onDone(changed);
  };

  const option = (value: When, label: string, detail: string) => (
    <label className={when === value ? 'check check--on' : 'check'}>
      <input
        className="check__box"
        type="radio"
        name="effective-when"
        checked={when === value}
        onChange={() => setWhen(value)}
        data-testid={`effective-${value}`}
      />
      <span className="check__text">
        <span className="check__label">{label}</span>
        <span className="check__detail">{detail}</span>
      </span>
    </label>
  );

  return (
    <Dialog
      title={`Make ${version.code} version ${version.versionLabel} effective`}
      onClose={onClose}
      testId="make-effective-dialog"
    >
      <form className="form" onSubmit={submit} noValidate>
        <p className="form__explain">
          New batches of {version.code} start from the effective version only.
          {inUse
            ? ` Version ${inUse.versionLabel}, effective now, becomes superseded when this one takes effect.`
            : ''}
        </p>
        <fieldset className="choice" aria-label="When">
          {option('now', 'Now', 'Effective as soon as you confirm.')}
          {option(
            'later',
            'From a date and time',
            'Stays Approved until then; a time already past means now.',
          )}
        </fieldset>
        {when === 'later' ? (
          <DateTimeField
            label="Effective from (this terminal's local time)"
            value={from}
            onChange={setFrom}
            error={tried ? fromError : undefined}
            testId="effective-from"
          />
        ) : null}
        <ReasonField value={reason} onChange={setReason} error={tried ? reasonError(reason) : undefined} />
        <FormError error={error?.toData() ?? null} />
        <DialogActions
          submitLabel={when === 'now' ? 'Make effective now' : 'Schedule'}
          pendingLabel="Saving…"
          pending={pending}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
