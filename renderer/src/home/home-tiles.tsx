import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { ChannelState } from '../ipc/use-channel';
import { ErrorNotice } from '../ui/error-notice';
import { StatusBadge } from '../ui/status-badge';

/**
 * One section of the start page: a title naming what to do, tiles that each open their screen,
 * and a quiet line when there is nothing to do. Normal states stay grey; only what needs
 * attention carries a badge (colour and symbol), as on the shop-floor screens (ISA-101).
 */
export function HomeSection({
  title,
  testId,
  screen,
  children,
}: {
  title: string;
  testId: string;
  /** The screen that holds all of it: path and label. */
  screen: { to: string; label: string };
  children: ReactNode;
}) {
  return (
    <section className="home-section" aria-label={title} data-testid={testId}>
      <header className="home-section__header">
        <h2 className="home-section__title">{title}</h2>
        <Link className="button home-section__more" to={screen.to}>
          {screen.label} <span aria-hidden="true">›</span>
        </Link>
      </header>
      {children}
    </section>
  );
}

/** A group of tiles under a small heading, or the line saying there is nothing. */
export function TileGroup({
  heading,
  empty,
  testId,
  total,
  children,
}: {
  heading: string;
  empty: string;
  testId: string;
  /** How many there are when only some are shown as tiles. */
  total?: number;
  children: ReactNode[];
}) {
  const count =
    total !== undefined && total > children.length
      ? `${total}, newest ${children.length} shown`
      : children.length;
  return (
    <div className="tile-group" data-testid={testId}>
      <h3 className="tile-group__heading">
        {heading} <span className="tile-group__count">({count})</span>
      </h3>
      {children.length === 0 ? (
        <p className="tile-group__empty" data-testid={`${testId}-empty`}>
          {empty}
        </p>
      ) : (
        <ul className="tile-group__tiles">{children}</ul>
      )}
    </div>
  );
}

export type Attention = { tone: 'warn' | 'fail'; text: string } | null;

/** One thing to look at: the whole tile is the link to where it is done. */
export function HomeTile({
  to,
  title,
  detail,
  attention = null,
  action,
  testId,
  extra,
}: {
  to: string;
  title: ReactNode;
  detail: ReactNode;
  attention?: Attention;
  /** What the link does, said on the tile ("Go to step 4"). */
  action: string;
  testId: string;
  extra?: ReactNode;
}) {
  return (
    <li className="home-tile" data-testid={testId}>
      <Link className="home-tile__link" to={to}>
        <span className="home-tile__text">
          <span className="home-tile__title">
            {title}
            {extra}
            {attention ? (
              <StatusBadge tone={attention.tone} compact>
                {attention.text}
              </StatusBadge>
            ) : null}
          </span>
          <span className="home-tile__detail">{detail}</span>
        </span>
        <span className="home-tile__action">
          {action} <span aria-hidden="true">›</span>
        </span>
      </Link>
    </li>
  );
}

/** The value of the channels a section reads, or a loading line or an error with a retry. */
export function whenReady<T>(
  state: ChannelState<T>,
  reload: () => void,
  render: (value: T) => ReactNode,
): ReactNode {
  if (state.status === 'loading') return <p className="tile-group__empty">Loading…</p>;
  if (state.status === 'failed') return <ErrorNotice error={state.error.toData()} onRetry={reload} />;
  return render(state.value);
}
