import type { ReactNode } from 'react';

/** A checkbox with a whole-row, finger-sized target: the label is the button. */
export function CheckboxField({
  checked,
  onChange,
  children,
  detail,
  testId,
  tone = 'normal',
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  children: ReactNode;
  detail?: ReactNode;
  testId?: string;
  tone?: 'normal' | 'attention';
}) {
  const classes = ['check', checked ? 'check--on' : null, tone === 'attention' ? 'check--attention' : null];
  return (
    <label className={classes.filter(Boolean).join(' ')}>
      <input
        className="check__box"
        type="checkbox"
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
        data-testid={testId}
      />
      <span className="check__text">
        <span className="check__label">{children}</span>
        {detail ? <span className="check__detail">{detail}</span> : null}
      </span>
    </label>
  );
}
