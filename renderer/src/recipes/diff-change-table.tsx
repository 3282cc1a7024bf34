import type { FieldChange } from './recipe-diff';
import { diffValue, fieldLabel } from './diff-words';

/** Changed fields: old value struck through in red, new value in green, side by side. */
export function DiffChangeTable({
  changes,
  beforeLabel,
  afterLabel,
  formatBefore = (value) => diffValue(value),
  formatAfter = (value) => diffValue(value),
}: {
  changes: readonly FieldChange[];
  beforeLabel: string;
  afterLabel: string;
  /** How each side's values read (a limit with its step's decimals and unit); plain by default. */
  formatBefore?: (value: unknown, path: string) => string;
  formatAfter?: (value: unknown, path: string) => string;
}) {
  return (
    <table className="diff-changes" data-testid="diff-changes">
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">{beforeLabel}</th>
          <th scope="col">{afterLabel}</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((change) => (
          <tr key={change.path} data-testid="diff-change" data-path={change.path}>
            <th scope="row" className="diff-changes__field">
              {fieldLabel(change.path)}
            </th>
            <td
              className={
                change.before === undefined ? 'diff-changes__old diff-changes__absent' : 'diff-changes__old'
              }
              data-testid="diff-before"
            >
              <span className="diff-changes__mark" aria-hidden="true">
                −
              </span>
              {formatBefore(change.before, change.path)}
            </td>
            <td
              className={
                change.after === undefined ? 'diff-changes__new diff-changes__absent' : 'diff-changes__new'
              }
              data-testid="diff-after"
            >
              <span className="diff-changes__mark" aria-hidden="true">
                +
              </span>
              {formatAfter(change.after, change.path)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
