import { visibleText } from '../../../shared/text/display-text';
import { diffValues, type DiffLine } from './value-diff';

const marks: Record<DiffLine['status'], { old: string; new: string }> = {
  same: { old: ' ', new: ' ' },
  changed: { old: '−', new: '+' },
  added: { old: ' ', new: '+' },
  removed: { old: '−', new: ' ' },
};

function Side({ line, side }: { line: DiffLine; side: 'old' | 'new' }) {
  const text = line[side];
  const classes = ['value-diff__cell', `value-diff__cell--${line.status}`, `value-diff__cell--${side}`];
  if (text === null) {
    return (
      <td className={[...classes, 'value-diff__cell--absent'].join(' ')}>
        <span className="value-diff__absent">{line.key === null ? '(none)' : '—'}</span>
      </td>
    );
  }
  return (
    <td className={classes.join(' ')}>
      <span className="value-diff__mark" aria-hidden="true">
        {marks[line.status][side]}
      </span>
      <pre className="value-diff__text">
        {visibleText(line.key === null ? text : `"${line.key}": ${text}`)}
      </pre>
    </td>
  );
}

/** Old and new values side by side, field by field; changed fields marked − / + and tinted. */
export function ValueDiffView({ oldValue, newValue }: { oldValue: string | null; newValue: string | null }) {
  const lines = diffValues(oldValue, newValue);
  if (lines.length === 0) return <p className="muted">This row carries no values.</p>;
  return (
    <table className="value-diff" data-testid="value-diff">
      <caption className="value-diff__legend">
        Changed fields are marked <span className="value-diff__legend-old">− old</span> and{' '}
        <span className="value-diff__legend-new">+ new</span>.
      </caption>
      <thead>
        <tr>
          <th scope="col">Old value</th>
          <th scope="col">New value</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line, index) => (
          <tr key={line.key ?? index} data-testid="value-diff-line" data-status={line.status}>
            <Side line={line} side="old" />
            <Side line={line} side="new" />
          </tr>
        ))}
      </tbody>
    </table>
  );
}
