import type { InstrumentCheckView } from '../../../shared/contract/instruments';
import { DataTable, type Column } from '../ui/data-table';
import { StatusBadge } from '../ui/status-badge';
import { checkKindLabels } from './check-dialog';
import { LocalStamp } from './local-stamp';

/** Calibrations and daily checks, newest first, as entered (and audited). */
export function CheckHistory({
  checks,
  timeZone,
}: {
  checks: readonly InstrumentCheckView[];
  timeZone: string;
}) {
  const columns: Column<InstrumentCheckView>[] = [
    { header: 'Performed', cell: (check) => <LocalStamp iso={check.performedAtUtc} timeZone={timeZone} /> },
    {
      header: 'Check',
      cell: (check) => (
        <span className="table__stack">
          <span>{checkKindLabels[check.kind]}</span>
          <StatusBadge tone={check.result === 'pass' ? 'ok' : 'fail'} compact testId="check-result">
            {check.result === 'pass' ? 'Passed' : 'Failed'}
          </StatusBadge>
        </span>
      ),
    },
    {
      header: 'Next due',
      cell: (check) =>
        check.nextDueUtc ? (
          <LocalStamp iso={check.nextDueUtc} timeZone={timeZone} />
        ) : (
          <span className="muted">—</span>
        ),
    },
    {
      header: 'Reference and comment',
      cell: (check) => (
        <span className="table__stack">
          <span className="table__sub">{check.reference}</span>
          {check.comment ? <span className="check-history__comment">{check.comment}</span> : null}
        </span>
      ),
    },
    {
      header: 'Entered by',
      cell: (check) => (
        <span className="table__stack">
          <span>{check.enteredByName}</span>
          <LocalStamp iso={check.enteredAtUtc} timeZone={timeZone} />
        </span>
      ),
    },
  ];
  return (
    <DataTable
      caption="Calibrations and daily checks"
      columns={columns}
      rows={checks}
      rowKey={(check) => check.id}
      rowTestId="check-row"
      empty="No calibration or daily check recorded yet."
    />
  );
}
