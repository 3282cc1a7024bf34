import { useId, type Ref } from 'react';

/**
 * A value typed on the shop floor: large, with its unit beside it and the decimals asked for,
 * finger-sized. Enter submits the step's form.
 */
export function EntryField({
  label,
  value,
  onChange,
  unit,
  hint,
  error,
  disabled,
  testId,
  inputRef,
  code = false,
  inputMode = 'decimal',
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  unit?: string;
  hint?: string;
  error?: string | undefined;
  disabled: boolean;
  testId: string;
  inputRef?: Ref<HTMLInputElement>;
  code?: boolean;
  inputMode?: 'decimal' | 'text';
}) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className={error ? 'entry-field entry-field--invalid' : 'entry-field'}>
      <label className="entry-field__label" htmlFor={id}>
        {label}
      </label>
      <div className="entry-field__row">
        <input
          id={id}
          ref={inputRef}
          className={code ? 'entry-field__input entry-field__input--code' : 'entry-field__input'}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          disabled={disabled}
          inputMode={inputMode}
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy || undefined}
          data-testid={testId}
        />
        {unit ? <span className="entry-field__unit">{unit}</span> : null}
      </div>
      {hint ? (
        <p className="entry-field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="entry-field__error" id={`${id}-error`} data-testid={`${testId}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** "Recorded with 2 decimals, e.g. 12.34." */
export function decimalsHint(decimals: number): string {
  const example = (12.3456789).toFixed(decimals);
  return decimals === 0
    ? `A whole number, e.g. ${example}.`
    : `Recorded with ${decimals} decimal${decimals === 1 ? '' : 's'}, e.g. ${example}.`;
}
