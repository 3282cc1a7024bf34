import { FieldFrame } from './field-frame';

/** Local date and time to the minute (`YYYY-MM-DDTHH:mm`), with its error under it. */
export function DateTimeField({
  label,
  value,
  onChange,
  error,
  hint,
  testId,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  hint?: string;
  testId?: string;
}) {
  return (
    <FieldFrame label={label} hint={hint} error={error}>
      {({ id, describedBy }) => (
        <input
          id={id}
          className="field__input"
          type="datetime-local"
          step={60}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          data-testid={testId}
        />
      )}
    </FieldFrame>
  );
}
