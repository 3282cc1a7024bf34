import { Fragment } from 'react';

/** A key or fingerprint in groups, monospaced, so it can be read aloud and compared digit by digit. */
export function GroupedCode({
  value,
  testId,
  size = 'normal',
}: {
  value: string;
  testId?: string;
  size?: 'normal' | 'small';
}) {
  const groups = value.split(/[\s-]+/).filter(Boolean);
  return (
    <code
      className={size === 'small' ? 'grouped-code grouped-code--small' : 'grouped-code'}
      data-testid={testId}
    >
      {groups.map((group, index) => (
        // The space between groups stays outside the group: lines break between groups, never inside one.
        <Fragment key={index}>
          {index > 0 ? ' ' : null}
          <span className="grouped-code__group">{group}</span>
        </Fragment>
      ))}
    </code>
  );
}
