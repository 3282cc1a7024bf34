import { useParams } from 'react-router';
import { roleLabels } from '../../../shared/permissions';
import { call } from '../ipc/client';
import { useChannel } from '../ipc/use-channel';
import { RecordFileButton } from '../records/record-file-button';
import { ErrorNotice } from '../ui/error-notice';
import { LoadingNotice } from '../ui/loading-notice';
import { Panel } from '../ui/panel';
import { ScreenHeader } from '../ui/screen-header';
import { QualificationMatrix } from './qualification-matrix';
import './training.css';

/** One person's training record: the standing of each qualification and every signed record. */
export function PersonTrainingScreen() {
  const { userId = '' } = useParams();
  const { state, reload } = useChannel('training.person', { userId });
  if (state.status === 'loading') return <LoadingNotice what="training record" />;
  if (state.status === 'failed') return <ErrorNotice error={state.error.toData()} onRetry={reload} />;
  const person = state.value;
  return (
    <div className="screen training">
      <ScreenHeader
        title={`Training record — ${person.fullName}`}
        purpose={`${person.username} · ${person.roles.map((role) => roleLabels[role]).join(', ')}`}
        action={
          <RecordFileButton
            label="Print training record (PDF)"
            pendingLabel="Making the PDF…"
            testId="training-pdf"
            produce={async () => ({
              ...(await call('training.personPdf', { userId })),
              electronicCopySha256: '',
            })}
          />
        }
      />
      <Panel title="Qualifications" wide>
        <QualificationMatrix
          matrix={{
            qualifications: person.standings.map(({ code, name }) => ({ code, name })),
            people: [
              {
                userId: person.userId,
                fullName: person.fullName,
                roles: person.roles,
                standings: person.standings,
              },
            ],
          }}
        />
        <ul className="training__gaps">
          {person.standings
            .filter((standing) => standing.gaps.length > 0)
            .map((standing) => (
              <li key={standing.code}>
                {standing.name}: {standing.gaps.join('; ')}
              </li>
            ))}
        </ul>
      </Panel>
      <Panel title="Signed training records" wide>
        <table className="training__records" data-testid="training-records">
          <thead>
            <tr>
              <th>When (UTC)</th>
              <th>Record</th>
              <th>Subject</th>
              <th>Signed by</th>
              <th>Recorded by</th>
              <th>Comment</th>
            </tr>
          </thead>
          <tbody>
            {person.records.map((record) => (
              <tr key={record.id}>
                <td>{record.recordedAtUtc.replace('T', ' ').slice(0, 16)}</td>
                <td>{record.kind === 'assessment' ? 'Practical assessment' : 'Read and understood'}</td>
                <td>{record.subject}</td>
                <td>{record.signerName}</td>
                <td>{record.recordedByName}</td>
                <td>{record.comment}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Panel>
    </div>
  );
}
