import type { ReleaseTime } from '../../../shared/contract/review';
import { formatHours } from './durations';
import { hourTicks, median, tickLabel } from './chart-scale';

const WIDTH = 820;
const LABEL_WIDTH = 190;
const VALUE_ROOM = 150;
const TOP = 34;
const ROW = 34;
const BAR = 20;
const AXIS_ROOM = 64;
const PLOT_WIDTH = WIDTH - LABEL_WIDTH - VALUE_ROOM;
const HATCH_ID = 'release-chart-rejected-hatch';

/**
 * Hours from execution complete to QA's decision, one bar per recent batch (oldest at the top):
 * a horizontal bar chart so full batch numbers stay readable. Inline SVG with attributes and
 * classes only (the CSP allows no inline styles). Rejections are hatched and labelled, never
 * told by colour alone; the median is drawn and named.
 */
export function ReleaseTimeChart({ times }: { times: readonly ReleaseTime[] }) {
  if (times.length === 0) {
    return (
      <p className="lead muted" data-testid="release-time-empty">
        No batch has been released or rejected yet: the chart appears after QA’s first decision.
      </p>
    );
  }
  const hours = times.map((time) => time.hours);
  const middle = median(hours)!;
  const ticks = hourTicks(Math.max(...hours));
  const top = ticks.at(-1)!;
  const x = (value: number) => LABEL_WIDTH + (Math.max(0, value) / top) * PLOT_WIDTH;
  const plotBottom = TOP + times.length * ROW;
  const height = plotBottom + AXIS_ROOM;
  const longest = times.reduce((worst, time) => (time.hours > worst.hours ? time : worst));
  const released = times.filter((time) => time.decision === 'released').length;

  return (
    <figure className="release-chart" data-testid="release-time-chart">
      <figcaption className="release-chart__caption">
        <h2 className="release-chart__title">Time from execution complete to QA decision</h2>
        <span className="release-chart__summary" data-testid="release-time-summary">
          Last {times.length} {times.length === 1 ? 'batch' : 'batches'} ({released} released,{' '}
          {times.length - released} rejected): median <strong>{formatHours(middle)}</strong>, longest{' '}
          <strong>{formatHours(longest.hours)}</strong> ({longest.batchNumber}).
        </span>
      </figcaption>
      <svg
        className="release-chart__svg"
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-labelledby="release-chart-svg-title"
      >
        <title id="release-chart-svg-title">
          {`Hours from execution complete to release or rejection, ${times.length} recent batches, oldest at the top; median ${formatHours(middle)}.`}
        </title>
        <defs>
          <pattern
            id={HATCH_ID}
            width="8"
            height="8"
            patternUnits="userSpaceOnUse"
            patternTransform="rotate(45)"
          >
            <rect className="release-chart__hatch-ground" width="8" height="8" />
            <line className="release-chart__hatch-line" x1="0" y1="0" x2="0" y2="8" />
          </pattern>
        </defs>
        <text className="release-chart__axis-title" x={LABEL_WIDTH - 12} y={TOP - 12} textAnchor="end">
          Batch (oldest first)
        </text>
        {ticks.map((tick) => (
          <g key={tick}>
            <line className="release-chart__grid" x1={x(tick)} x2={x(tick)} y1={TOP - 4} y2={plotBottom} />
            <text className="release-chart__tick" x={x(tick)} y={plotBottom + 22} textAnchor="middle">
              {tickLabel(tick)}
            </text>
          </g>
        ))}
        <line
          className="release-chart__axis"
          x1={LABEL_WIDTH}
          x2={LABEL_WIDTH + PLOT_WIDTH}
          y1={plotBottom}
          y2={plotBottom}
        />
        <line
          className="release-chart__axis"
          x1={LABEL_WIDTH}
          x2={LABEL_WIDTH}
          y1={TOP - 4}
          y2={plotBottom}
        />
        {times.map((time, index) => {
          const y = TOP + index * ROW + (ROW - BAR) / 2;
          const rejected = time.decision === 'rejected';
          return (
            <g
              key={`${time.batchNumber}-${time.decidedAtUtc}`}
              data-testid="release-time-bar"
              data-batch-number={time.batchNumber}
              data-decision={time.decision}
              data-hours={time.hours.toFixed(2)}
            >
              <text
                className="release-chart__label"
                x={LABEL_WIDTH - 12}
                y={y + BAR / 2}
                dominantBaseline="central"
                textAnchor="end"
              >
                {time.batchNumber}
              </text>
              <rect
                className={
                  rejected ? 'release-chart__bar release-chart__bar--rejected' : 'release-chart__bar'
                }
                x={LABEL_WIDTH}
                y={y}
                width={Math.max(2, x(time.hours) - LABEL_WIDTH)}
                height={BAR}
              />
              <text
                className="release-chart__value"
                x={x(time.hours) + 8}
                y={y + BAR / 2}
                dominantBaseline="central"
              >
                {formatHours(time.hours)}
                {rejected ? ' · rejected' : ''}
              </text>
            </g>
          );
        })}
        <line className="release-chart__median" x1={x(middle)} x2={x(middle)} y1={TOP - 8} y2={plotBottom} />
        <text className="release-chart__median-label" x={x(middle) + 6} y={TOP - 12}>
          median {formatHours(middle)}
        </text>
        <text
          className="release-chart__axis-title"
          x={LABEL_WIDTH + PLOT_WIDTH / 2}
          y={plotBottom + 50}
          textAnchor="middle"
        >
          Hours from execution complete to release or rejection
        </text>
      </svg>
      <ul className="release-chart__legend" aria-label="Legend">
        <li className="release-chart__legend-item">
          <svg className="release-chart__swatch" viewBox="0 0 20 14" aria-hidden="true">
            <rect className="release-chart__bar" width="20" height="14" />
          </svg>
          Released
        </li>
        <li className="release-chart__legend-item">
          <svg className="release-chart__swatch" viewBox="0 0 20 14" aria-hidden="true">
            <rect className="release-chart__bar release-chart__bar--rejected" width="20" height="14" />
          </svg>
          Rejected (hatched)
        </li>
        <li className="release-chart__legend-item">
          <svg className="release-chart__swatch" viewBox="0 0 20 14" aria-hidden="true">
            <line className="release-chart__median" x1="10" x2="10" y1="0" y2="14" />
          </svg>
          Median
        </li>
      </ul>
      <details className="release-chart__numbers">
        <summary>The numbers</summary>
        <table className="table release-chart__table" data-testid="release-time-table">
          <thead>
            <tr>
              <th scope="col">Batch</th>
              <th scope="col">Decision</th>
              <th scope="col" className="table__end">
                Hours
              </th>
            </tr>
          </thead>
          <tbody>
            {times.map((time) => (
              <tr key={`${time.batchNumber}-${time.decidedAtUtc}`}>
                <td>
                  <code>{time.batchNumber}</code>
                </td>
                <td>{time.decision === 'released' ? 'Released' : 'Rejected'}</td>
                <td className="table__end">{time.hours.toFixed(1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
