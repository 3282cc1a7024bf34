import { reasonField } from '../../../shared/contract/inputs';
import { TextAreaField } from '../ui/text-area-field';
import { fieldError } from './field-error';

export function reasonError(reason: string): string | undefined {
  return fieldError(reasonField, reason);
}

/** Every change to access, terminals or settings carries a reason into the audit trail (A11-12.3). */
export function ReasonField({
  value,
  onChange,
  error,
  label = 'Reason for the change',
  autoFocus = false,
}: {
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  label?: string;
  autoFocus?: boolean;
}) {
  return (
    <TextAreaField
      label={label}
      value={value}
      onChange={onChange}
      error={error}
      hint="Recorded in the audit trail with your name."
      testId="reason"
      autoFocus={autoFocus}
    />
  );
}
