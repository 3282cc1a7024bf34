const words = {
  added: 'Added',
  removed: 'Removed',
  changed: 'Changed',
  moved: 'Moved',
  unchanged: 'Unchanged',
} as const;
const symbols = { added: '+', removed: '−', changed: '≠', moved: '↕', unchanged: '=' } as const;

export type DiffStatus = keyof typeof words;

/** Added, removed, changed or moved: a word and a symbol on the colour of the change. */
export function DiffStatusTag({ status }: { status: DiffStatus }) {
  return (
    <span className={`diff-tag diff-tag--${status}`} data-testid="diff-status" data-status={status}>
      <span className="diff-tag__symbol" aria-hidden="true">
        {symbols[status]}
      </span>
      {words[status]}
    </span>
  );
}
