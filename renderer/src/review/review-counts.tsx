import type { ReviewCounts } from '../../../shared/contract/review';
import { StatusBadge } from '../ui/status-badge';
import { plural } from './review-labels';

/** What is not routine in a batch, in words: "1 override · 1 deviation · 11 manual entries". */
export function NotRoutine({ counts, layout = 'line' }: { counts: ReviewCounts; layout?: 'line' | 'list' }) {
  const others = counts.exceptions - counts.overrides - counts.deviations - counts.manualEntries;
  const parts = [
    counts.overrides > 0 ? plural(counts.overrides, 'override') : null,
    counts.deviations > 0 ? plural(counts.deviations, 'deviation') : null,
    others > 0 ? plural(others, 'other exception') : null,
    counts.manualEntries > 0 ? plural(counts.manualEntries, 'manual entry', 'manual entries') : null,
    counts.corrections > 0 ? plural(counts.corrections, 'correction') : null,
  ].filter((part): part is string => part !== null);
  return (
    <span className={`not-routine not-routine--${layout}`} data-testid="not-routine">
      {counts.invalidSignatures > 0 ? (
        <StatusBadge tone="fail" compact testId="invalid-signature-count">
          {plural(counts.invalidSignatures, 'signature fails', 'signatures fail')} verification
        </StatusBadge>
      ) : null}
      {parts.length === 0 ? <span>Nothing: every step was routine</span> : null}
      {layout === 'line' && parts.length > 0 ? <span>{parts.join(' · ')}</span> : null}
      {layout === 'list' && parts.length > 0 ? (
        <ul className="not-routine__list">
          {parts.map((part) => (
            <li key={part}>{part}</li>
          ))}
        </ul>
      ) : null}
    </span>
  );
}

/** Open items of all items: the number QA works down to zero. */
export function OpenItemCount({ open, testId }: { open: number; testId?: string }) {
  return (
    <span
      className={open > 0 ? 'exception-count exception-count--open' : 'exception-count'}
      title="Review items not yet dispositioned"
      data-testid={testId}
    >
      {open}
    </span>
  );
}
