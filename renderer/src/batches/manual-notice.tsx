import type { ReactNode } from 'react';

/**
 * A notice that must not push the step's input and action out of the window: one line with its
 * gist, the rest on demand ("more"). The whole text stays in the page for screen readers.
 */
export function ManualNotice({ gist, children }: { gist: string; children: ReactNode }) {
  return (
    <details className="manual-notice" data-testid="manual-notice">
      <summary className="manual-notice__summary">
        <span className="manual-notice__symbol" aria-hidden="true">
          !
        </span>
        <span className="manual-notice__gist">{gist}</span>
        <span className="manual-notice__more">more</span>
      </summary>
      <p className="manual-notice__text">{children}</p>
    </details>
  );
}
