import { useId, type ReactNode } from 'react';

/** What a field's control needs from its frame: its id and the ids of its hint and error. */
export interface FieldControl {
  id: string;
  describedBy: string | undefined;
}

/** A field's label, its hint and its error around one control, the hint and error announced to screen readers. */
export function FieldFrame({
  label,
  hint,
  error,
  wide = false,
  readOnly = false,
  hintTag: HintTag = 'p',
  children,
}: {
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  wide?: boolean;
  readOnly?: boolean;
  /** A hint that may hold blocks goes in a div. */
  hintTag?: 'p' | 'div';
  children: (control: FieldControl) => ReactNode;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  const classes = [
    'field',
    wide ? 'field--wide' : null,
    error ? 'field--invalid' : null,
    readOnly ? 'field--read-only' : null,
  ].filter(Boolean);
  return (
    <div className={classes.join(' ')}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children({ id, describedBy })}
      {hint ? (
        <HintTag className="field__hint" id={hintId}>
          {hint}
        </HintTag>
      ) : null}
      {error ? (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
