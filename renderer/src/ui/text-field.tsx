import type { HTMLInputAutoCompleteAttribute, ReactNode, Ref } from 'react';
import { FieldFrame } from './field-frame';

/** A labelled input with its hint and its error under it, announced to screen readers. */
export function TextField({
  label,
  value,
  onChange,
  error,
  hint,
  type = 'text',
  autoComplete = 'off',
  autoFocus = false,
  inputMode,
  testId,
  wide = false,
  code = false,
  readOnly = false,
  inputRef,
  list,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  hint?: ReactNode;
  type?: 'text' | 'password' | 'number';
  autoComplete?: HTMLInputAutoCompleteAttribute;
  autoFocus?: boolean;
  inputMode?: 'text' | 'numeric';
  testId?: string;
  wide?: boolean;
  code?: boolean;
  /** Shown and submitted, not editable (a signer's own username). */
  readOnly?: boolean;
  /** To put the cursor back after a refused attempt. */
  inputRef?: Ref<HTMLInputElement>;
  /** The id of a `<datalist>` offering values; typing any other stays possible. */
  list?: string;
}) {
  return (
    <FieldFrame label={label} hint={hint} error={error} wide={wide} readOnly={readOnly} hintTag="div">
      {({ id, describedBy }) => (
        <input
          id={id}
          ref={inputRef}
          className={code ? 'field__input field__input--code' : 'field__input'}
          type={type}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          autoComplete={autoComplete}
          autoFocus={autoFocus}
          readOnly={readOnly}
          inputMode={inputMode}
          list={list}
          spellCheck={false}
          autoCapitalize="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          data-testid={testId}
        />
      )}
    </FieldFrame>
  );
}
