import type { ReactNode } from 'react';

/** A screen's title, what it is for, and its main action. */
export function ScreenHeader({
  title,
  purpose,
  action,
}: {
  title: string;
  purpose?: string;
  action?: ReactNode;
}) {
  return (
    <header className="screen__header">
      <div className="screen__heading">
        <h1 className="screen__title">{title}</h1>
        {purpose ? <p className="screen__purpose">{purpose}</p> : null}
      </div>
      {action ? <div className="screen__action">{action}</div> : null}
    </header>
  );
}
