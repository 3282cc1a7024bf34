import { useEffect, useState, type FormEvent } from 'react';
import { batchNumberField, createBatchInput } from '../../../shared/contract/batch-inputs';
import type { BatchView } from '../../../shared/contract/batches';
import type { RecipeVersionView } from '../../../shared/contract/recipes';
import { fieldError, hasErrors, type FieldErrors } from '../forms/field-error';
import { useSubmit } from '../forms/use-submit';
import { call } from '../ipc/client';
import { useChannel } from '../ipc/use-channel';
import { CheckboxField } from '../ui/checkbox-field';
import { Dialog } from '../ui/dialog';
import { DialogActions } from '../ui/dialog-actions';
import { ErrorNotice } from '../ui/error-notice';
import { FormError } from '../ui/form-error';
import { LoadingNotice } from '../ui/loading-notice';
import { SelectField } from '../ui/select-field';
import { TextField } from '../ui/text-field';
import { ScaledMaterials } from './scaled-materials';

type Field = 'batchNumber' | 'plannedQuantity';

/** The typed quantity as the number the core receives, or NaN when it is not one. */
function quantityOf(text: string): number {
  const trimmed = text.trim().replace(',', '.');
  return /^\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

function errorsOf(batchNumber: string, quantityText: string): FieldErrors<Field> {
  const quantity = quantityOf(quantityText);
  return {
    batchNumber: fieldError(batchNumberField, batchNumber),
    plannedQuantity: Number.isNaN(quantity)
      ? 'Enter the planned quantity as a number, such as 100 or 62.5.'
      : fieldError(createBatchInput.shape.plannedQuantity, quantity),
  };
}

/** A new batch from an effective recipe version: number, planned quantity (targets scale), training flag. */
export function NewBatchDialog({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (batch: BatchView) => void;
}) {
  const recipes = useChannel('recipes.list', {});
  const effective =
    recipes.state.status === 'ready'
      ? recipes.state.value.filter((version) => version.status === 'effective')
      : [];
  const [versionId, setVersionId] = useState('');
  const chosenId = versionId || effective[0]?.id || '';
  const [version, setVersion] = useState<RecipeVersionView | null>(null);
  const [batchNumber, setBatchNumber] = useState('');
  const [quantityText, setQuantityText] = useState('');
  const [training, setTraining] = useState(false);
  const [tried, setTried] = useState(false);
  const { pending, error, run } = useSubmit();

  // The chosen version's content: its batch size and bill of materials, for the scaled targets.
  useEffect(() => {
    if (!chosenId) return;
    let current = true;
    call('recipes.get', { versionId: chosenId }).then(
      (view) => {
        if (!current) return;
        setVersion(view);
        setQuantityText(String(view.recipe.header.nominalBatchSize.quantity));
      },
      () => current && setVersion(null),
    );
    return () => {
      current = false;
    };
  }, [chosenId]);

  const errors = errorsOf(batchNumber, quantityText);
  const nominal = version?.recipe.header.nominalBatchSize;
  const quantity = quantityOf(quantityText);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!version || hasErrors(errors)) return;
    const created = await run(() =>
      call('batches.create', {
        recipeVersionId: version.id,
        batchNumber,
        plannedQuantity: quantity,
        training,
      }),
    );
    if (created) onCreated(created);
  };

  return (
    <Dialog title="New batch" onClose={onClose} testId="new-batch-dialog">
      {recipes.state.status === 'loading' ? <LoadingNotice what="effective recipes" /> : null}
      {recipes.state.status === 'failed' ? <ErrorNotice error={recipes.state.error.toData()} /> : null}
      {recipes.state.status === 'ready' && effective.length === 0 ? (
        <p className="lead" data-testid="no-effective-recipes">
          No recipe version is effective. A batch starts only from the effective version of a recipe.
        </p>
      ) : null}
      <form className="form" onSubmit={submit} noValidate>
        {effective.length > 0 ? (
          <SelectField
            label="Recipe (effective versions only)"
            value={chosenId}
            onChange={setVersionId}
            testId="new-batch-recipe"
            options={effective.map((option) => ({
              value: option.id,
              label: `${option.code} ${option.versionLabel} · ${option.product.code} ${option.product.name}`,
            }))}
          />
        ) : null}
        <div className="form__row">
          <TextField
            label="Batch number"
            value={batchNumber}
            onChange={(typed) => setBatchNumber(typed.toUpperCase())}
            error={tried ? errors.batchNumber : undefined}
            hint="Uppercase letters, digits and dashes, e.g. B2026-0042."
            testId="new-batch-number"
            code
            autoFocus
          />
          <TextField
            label={`Planned quantity${nominal ? ` (${nominal.unit})` : ''}`}
            value={quantityText}
            onChange={setQuantityText}
            error={tried ? errors.plannedQuantity : undefined}
            hint={nominal ? `Nominal batch size ${nominal.quantity} ${nominal.unit}.` : undefined}
            inputMode="numeric"
            testId="new-batch-quantity"
          />
        </div>
        <CheckboxField
          checked={training}
          onChange={setTraining}
          testId="new-batch-training"
          detail="Marked TRAINING everywhere; never counts as a GMP record."
        >
          Training batch
        </CheckboxField>
        {version && nominal && !Number.isNaN(quantity) && quantity > 0 ? (
          <ScaledMaterials recipe={version.recipe} plannedQuantity={quantity} />
        ) : null}
        <FormError error={error?.toData() ?? null} />
        <DialogActions
          submitLabel="Create batch"
          pendingLabel="Creating…"
          pending={pending}
          disabled={!version}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
