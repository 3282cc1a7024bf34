import { useState, type FormEvent } from 'react';
import type { RecipeVersionView } from '../../../shared/contract/recipes';
import { ReasonField, reasonError } from '../forms/reason-field';
import { useSubmit } from '../forms/use-submit';
import { call } from '../ipc/client';
import { Dialog } from '../ui/dialog';
import { DialogActions } from '../ui/dialog-actions';
import { FormError } from '../ui/form-error';

/** The author hands a draft to QA; from then on it waits for approval or rejection. */
export function SubmitDialog({
  version,
  onClose,
  onSubmitted,
}: {
  version: RecipeVersionView;
  onClose: () => void;
  onSubmitted: (version: RecipeVersionView) => void;
}) {
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const { pending, error, run } = useSubmit();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (reasonError(reason)) return;
    const submitted = await run(() => call('recipes.submit', { versionId: version.id, reason }));
    if (submitted) onSubmitted(submitted);
  };

  return (
    <Dialog
      title={`Submit ${version.code} version ${version.versionLabel} for review`}
      onClose={onClose}
      testId="submit-recipe-dialog"
    >
      <form className="form" onSubmit={submit} noValidate>
        <p className="form__explain">
          QA reviews the version as it is now and approves or rejects it. You, the author, cannot approve it.
        </p>
        <ReasonField
          label="Reason for the review (what is new)"
          value={reason}
          onChange={setReason}
          error={tried ? reasonError(reason) : undefined}
          autoFocus
        />
        <FormError error={error?.toData() ?? null} />
        <DialogActions
          submitLabel="Submit for review"
          pendingLabel="Submitting…"
          pending={pending}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
