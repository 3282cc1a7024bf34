import { describe, expect, it } from 'vitest';
import { bySeverityThenAge, matchesFilter } from '../../renderer/src/batches/exception-order';

const at = (minute: number) => `2026-11-02T08:${String(minute).padStart(2, '0')}:00.000Z`;

describe("the supervisor's exceptions list", () => {
  const rows = [
    { id: 'm1', severity: 'minor', type: 'manual-entry', raisedAtUtc: at(1) },
    { id: 'c2', severity: 'critical', type: 'out-of-limit', raisedAtUtc: at(9) },
    { id: 'j1', severity: 'major', type: 'timer-exceeded', raisedAtUtc: at(5) },
    { id: 'c1', severity: 'critical', type: 'manual-entry', raisedAtUtc: at(3) },
    { id: 'm0', severity: 'minor', type: 'out-of-limit', raisedAtUtc: at(0) },
  ] as const;

  it('orders by severity (critical first), then the oldest first', () => {
    expect(bySeverityThenAge(rows).map((row) => row.id)).toEqual(['c1', 'c2', 'j1', 'm0', 'm1']);
  });

  it('filters by severity and by kind', () => {
    const shown = (severity: 'all' | 'critical' | 'minor', type: 'all' | 'manual-entry') =>
      rows.filter((row) => matchesFilter(row, { severity, type })).map((row) => row.id);
    expect(shown('critical', 'all')).toEqual(['c2', 'c1']);
    expect(shown('all', 'manual-entry')).toEqual(['m1', 'c1']);
    expect(shown('minor', 'manual-entry')).toEqual(['m1']);
    expect(shown('all', 'all')).toHaveLength(5);
  });
});
