import { Link } from 'react-router';
import type { QualificationMatrixView } from '../../../shared/contract/qualifications';
import type { QualificationState } from '../../../shared/qualification/standing';
import { StatusBadge } from '../ui/status-badge';

const abnormal: Record<Exclude<QualificationState, 'qualified'>, { tone: 'warn' | 'fail'; text: string }> = {
  expiring: { tone: 'warn', text: 'Expires' },
  expired: { tone: 'fail', text: 'Expired' },
  'sop-revised': { tone: 'fail', text: 'SOP revised' },
  missing: { tone: 'fail', text: 'Missing' },
};

/**
 * People × qualifications (P11-10i, A11-2). A valid qualification reads in grey with its date; only
 * what needs a trainer — expiring within 30 days, expired, SOP revised, missing — carries a badge.
 */
export function QualificationMatrix({ matrix }: { matrix: QualificationMatrixView }) {
  if (matrix.qualifications.length === 0) {
    return <p className="training__empty">No qualification is registered yet.</p>;
  }
  return (
    <table className="training__matrix" data-testid="qualification-matrix">
      <thead>
        <tr>
          <th scope="col">Person</th>
          {matrix.qualifications.map((qualification) => (
            <th scope="col" key={qualification.code}>
              {qualification.name}
              <span className="training__code">{qualification.code}</span>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {matrix.people.map((person) => (
          <tr key={person.userId} data-testid={`matrix-row-${person.fullName}`}>
            <th scope="row">
              <Link to={`/training/people/${person.userId}`}>{person.fullName}</Link>
            </th>
            {person.standings.map((standing) => (
              <td
                key={standing.code}
                data-testid={`matrix-cell-${standing.code}`}
                data-state={standing.state}
              >
                {standing.state === 'qualified' ? (
                  <span className="training__valid">until {standing.expiresOn}</span>
                ) : (
                  <StatusBadge tone={abnormal[standing.state].tone} compact>
                    {abnormal[standing.state].text}
                    {standing.expiresOn ? ` ${standing.expiresOn}` : ''}
                  </StatusBadge>
                )}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
