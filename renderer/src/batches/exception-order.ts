import type { ExceptionSeverity, ExceptionType } from '../../../shared/batches/batch-status';

const severityRank: Record<ExceptionSeverity, number> = { critical: 0, major: 1, minor: 2 };

interface Ordered {
  severity: ExceptionSeverity;
  type: ExceptionType;
  raisedAtUtc: string;
}

/** Critical first, then major, then minor; within a severity the oldest first (it has waited longest). */
export function bySeverityThenAge<T extends Ordered>(exceptions: readonly T[]): T[] {
  return [...exceptions].sort(
    (a, b) =>
      severityRank[a.severity] - severityRank[b.severity] || a.raisedAtUtc.localeCompare(b.raisedAtUtc),
  );
}

export interface ExceptionFilter {
  severity: ExceptionSeverity | 'all';
  type: ExceptionType | 'all';
}

export function matchesFilter(exception: Ordered, filter: ExceptionFilter): boolean {
  return (
    (filter.severity === 'all' || exception.severity === filter.severity) &&
    (filter.type === 'all' || exception.type === filter.type)
  );
}
