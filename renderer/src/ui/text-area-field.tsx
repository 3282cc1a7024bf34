import { FieldFrame } from './field-frame';

/** A reason or a comment: several lines, always labelled, error under it. */
export function TextAreaField({
  label,
  value,
  onChange,
  error,
  hint,
  testId,
  autoFocus = false,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  hint?: string;
  testId?: string;
  autoFocus?: boolean;
}) {
  return (
    <FieldFrame label={label} hint={hint} error={error} wide>
      {({ id, describedBy }) => (
        <textarea
          id={id}
          className="field__input field__input--area"
          rows={2}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          autoFocus={autoFocus}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          data-testid={testId}
        />
      )}
    </FieldFrame>
  );
}
