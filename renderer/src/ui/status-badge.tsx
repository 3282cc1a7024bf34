import type { ReactNode } from 'react';

export type BadgeTone = 'ok' | 'fail' | 'warn' | 'neutral';

const toneSymbol: Record<BadgeTone, string> = { ok: '✓', fail: '✗', warn: '!', neutral: '•' };

/** A status read at arm's length: colour plus a symbol, so it never relies on colour alone. */
export function StatusBadge({
  tone,
  children,
  testId,
  compact = false,
}: {
  tone: BadgeTone;
  children: ReactNode;
  testId?: string;
  /** Smaller, on one line: inside table rows. */
  compact?: boolean;
}) {
  return (
    <span
      className={compact ? `badge badge--${tone} badge--compact` : `badge badge--${tone}`}
      data-testid={testId}
      data-tone={tone}
    >
      <span className="badge__symbol" aria-hidden="true">
        {toneSymbol[tone]}
      </span>
      <span className="badge__text">{children}</span>
    </span>
  );
}
