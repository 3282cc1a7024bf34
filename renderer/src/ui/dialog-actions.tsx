/** The bottom row of a dialog form: the action (submit) and Cancel, both finger-sized. */
export function DialogActions({
  submitLabel,
  pendingLabel,
  pending,
  onCancel,
  danger = false,
  disabled = false,
}: {
  submitLabel: string;
  pendingLabel: string;
  pending: boolean;
  onCancel: () => void;
  danger?: boolean;
  disabled?: boolean;
}) {
  return (
    <div className="dialog__actions">
      <button type="button" className="button button--large" onClick={onCancel} disabled={pending}>
        Cancel
      </button>
      <button
        type="submit"
        className={danger ? 'button button--danger button--large' : 'button button--primary button--large'}
        disabled={pending || disabled}
        data-testid="dialog-submit"
      >
        {pending ? pendingLabel : submitLabel}
      </button>
    </div>
  );
}
