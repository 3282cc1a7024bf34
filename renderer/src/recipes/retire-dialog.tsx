import { useState, type FormEvent } from 'react';
import type { RecipeVersionView } from '../../../shared/contract/recipes';
import { ReasonField, reasonError } from '../forms/reason-field';
import { useSubmit } from '../forms/use-submit';
import { call } from '../ipc/client';
import { CheckboxField } from '../ui/checkbox-field';
import { Dialog } from '../ui/dialog';
import { DialogActions } from '../ui/dialog-actions';
import { FormError } from '../ui/form-error';

/** Retiring is final: no new batch starts from the version. Confirmed, with a reason. */
export function RetireDialog({
  version,
  onClose,
  onRetired,
}: {
  version: RecipeVersionView;
  onClose: () => void;
  onRetired: (version: RecipeVersionView) => void;
}) {
  const [reason, setReason] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [tried, setTried] = useState(false);
  const { pending, error, run } = useSubmit();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (reasonError(reason) || !confirmed) return;
    const retired = await run(() => call('recipes.retire', { versionId: version.id, reason }));
    if (retired) onRetired(retired);
  };

  return (
    <Dialog
      title={`Retire ${version.code} version ${version.versionLabel}`}
      onClose={onClose}
      tone="danger"
      testId="retire-recipe-dialog"
    >
      <form className="form" onSubmit={submit} noValidate>
        <p className="form__explain">
          No new batch can start from a retired version, and it cannot be made effective again. Batches
          already started keep their record.
        </p>
        <CheckboxField checked={confirmed} onChange={setConfirmed} tone="attention" testId="retire-confirm">
          {version.status === 'effective'
            ? `Retire the version in use: ${version.code} then has no effective version until another is made effective`
            : `Retire ${version.code} version ${version.versionLabel}`}
        </CheckboxField>
        {tried && !confirmed ? <p className="field__error">Tick the box to confirm.</p> : null}
        <ReasonField value={reason} onChange={setReason} error={tried ? reasonError(reason) : undefined} />
        <FormError error={error?.toData() ?? null} />
        <DialogActions
          submitLabel="Retire version"
          pendingLabel="Retiring…"
          pending={pending}
          onCancel={onClose}
          danger
        />
      </form>
    </Dialog>
  );
}
