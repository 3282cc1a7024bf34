import { TextField } from '../ui/text-field';

/** A whole number typed on a touch keyboard; kept as text while typed so it can be cleared. */
export function NumberField({
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
  testId: string;
}) {
  return (
    <TextField
      label={label}
      value={value}
      onChange={(typed) => onChange(typed.replace(/[^0-9]/g, ''))}
      error={error}
      hint={hint}
      inputMode="numeric"
      testId={testId}
    />
  );
}
