import { useState } from 'react';
import { rolesGrant } from '../../../shared/permissions';
import { useChannel } from '../ipc/use-channel';
import { useSession } from '../session/session-context';
import { ErrorNotice } from '../ui/error-notice';
import { Flash } from '../ui/flash';
import { LoadingNotice } from '../ui/loading-notice';
import { Panel } from '../ui/panel';
import { ScreenHeader } from '../ui/screen-header';
import { AssessmentDialog } from './assessment-dialog';
import { QualificationMatrix } from './qualification-matrix';
import { ReadAndUnderstoodDialog } from './read-dialog';
import './training.css';

/** The qualification matrix, and the trainer's two records: read-and-understood and assessment. */
export function TrainingScreen() {
  const { session } = useSession();
  const mayRecord = rolesGrant(session.user.roles, 'training.record');
  const { state, reload } = useChannel('training.matrix', {});
  const [dialog, setDialog] = useState<'read' | 'assessment' | null>(null);
  const [flash, setFlash] = useState<string | null>(null);

  const recorded = (text: string) => {
    setDialog(null);
    setFlash(text);
    reload();
  };

  return (
    <div className="screen training">
      <ScreenHeader
        title="Training and qualification"
        purpose="Who holds which qualification. A step or a signature that needs one is refused to anyone who does not hold it now; only training changes that."
        action={
          mayRecord ? (
            <div className="training__actions">
              <button
                type="button"
                className="button button--primary"
                onClick={() => setDialog('read')}
                data-testid="record-read"
              >
                Record read-and-understood…
              </button>
              <button
                type="button"
                className="button button--primary"
                onClick={() => setDialog('assessment')}
                data-testid="record-assessment"
              >
                Record assessment…
              </button>
            </div>
          ) : null
        }
      />
      <Flash message={flash} />
      <Panel title="Qualification matrix" wide>
        {state.status === 'loading' ? <LoadingNotice what="qualification matrix" /> : null}
        {state.status === 'failed' ? <ErrorNotice error={state.error.toData()} onRetry={reload} /> : null}
        {state.status === 'ready' ? <QualificationMatrix matrix={state.value} /> : null}
      </Panel>
      {dialog === 'read' ? (
        <ReadAndUnderstoodDialog
          onClose={() => setDialog(null)}
          onDone={(person, subject) => recorded(`${person.fullName} signed read and understood: ${subject}.`)}
        />
      ) : null}
      {dialog === 'assessment' && state.status === 'ready' ? (
        <AssessmentDialog
          people={state.value.people}
          onClose={() => setDialog(null)}
          onDone={(person, name) => recorded(`Assessment of ${person.fullName} on ${name} signed.`)}
        />
      ) : null}
    </div>
  );
}
