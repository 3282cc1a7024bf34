import type { AuditVerificationReport } from '../../../shared/contract/audit';

/** The verdict, big: intact with what was verified, or broken at the first row that cannot be trusted. */
export function IntegrityResult({ report }: { report: AuditVerificationReport }) {
  if (report.intact) {
    return (
      <div
        className="integrity-result integrity-result--intact"
        role="status"
        data-testid="integrity-result"
        data-intact="true"
      >
        <span className="integrity-result__symbol" aria-hidden="true">
          ✓
        </span>
        <div className="integrity-result__text">
          <p className="integrity-result__title">Audit trail intact</p>
          <p className="integrity-result__detail" data-testid="integrity-counts">
            {report.rowsChecked} rows and {report.checkpointsChecked} signed checkpoints verified.
          </p>
          {report.head ? (
            <p className="integrity-result__head">
              Newest row: seq {report.head.seq}, hash <code>{report.head.hash.slice(0, 16)}…</code>
            </p>
          ) : null}
        </div>
      </div>
    );
  }
  const broken = report.firstBreak;
  return (
    <div
      className="integrity-result integrity-result--broken"
      role="alert"
      data-testid="integrity-result"
      data-intact="false"
    >
      <span className="integrity-result__symbol" aria-hidden="true">
        !
      </span>
      <div className="integrity-result__text">
        <p className="integrity-result__title">Audit trail BROKEN</p>
        {broken ? (
          <>
            <p className="integrity-result__detail" data-testid="integrity-break">
              First row that cannot be trusted: seq {broken.seq} ({broken.kind})
            </p>
            <p className="integrity-result__message">{broken.message}</p>
          </>
        ) : null}
        <p className="integrity-result__advice">
          Do not rely on records after this row. Stop and call QA and an administrator now.
        </p>
        <p className="integrity-result__head">
          {report.rowsChecked} rows and {report.checkpointsChecked} checkpoints checked.
        </p>
      </div>
    </div>
  );
}
