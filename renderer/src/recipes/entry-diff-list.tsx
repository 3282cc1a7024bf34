import type { ReactNode } from 'react';
import { DiffChangeTable } from './diff-change-table';
import { DiffStatusTag } from './diff-status-tag';
import type { EntryDiff } from './recipe-diff';

/** Materials, equipment or operations that differ, each with its changed fields. */
export function EntryDiffList<T>({
  entries,
  describe,
  beforeLabel,
  afterLabel,
  testId,
}: {
  entries: readonly (EntryDiff<T> & { moved?: boolean })[];
  describe: (entry: T) => ReactNode;
  beforeLabel: string;
  afterLabel: string;
  testId: string;
}) {
  return (
    <ul className="entry-diffs" data-testid={testId}>
      {entries.map((entry) => (
        <li
          className={`entry-diff entry-diff--${entry.status}`}
          key={entry.key}
          data-testid="entry-diff"
          data-key={entry.key}
          data-status={entry.status}
        >
          <p className="entry-diff__header">
            {entry.moved && entry.changes.length === 0 ? null : <DiffStatusTag status={entry.status} />}
            {entry.moved ? <DiffStatusTag status="moved" /> : null}
            <code className="entry-diff__key">{entry.key}</code>
            <span className="entry-diff__what">{describe((entry.after ?? entry.before)!)}</span>
          </p>
          {entry.changes.length > 0 ? (
            <DiffChangeTable changes={entry.changes} beforeLabel={beforeLabel} afterLabel={afterLabel} />
          ) : null}
        </li>
      ))}
    </ul>
  );
}
