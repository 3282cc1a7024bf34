import type { ReactNode } from 'react';
import { roleLabels, roles as allRoles, type Role } from '../../../shared/permissions';
import { useSession } from '../session/session-context';
import { EncryptionBadge } from '../system/encryption-badge';
import { useSystemInfo } from '../system/system-info-context';
import { AdminSection } from './admin-section';
import { MaterialHandlerSection } from './material-handler-section';
import { OperatorSection } from './operator-section';
import { QaSection } from './qa-section';
import { SupervisorSection } from './supervisor-section';
import { TechnicianSection } from './technician-section';
import { TrainingSection } from './training-section';
import '../styles/home.css';

/** What each role should do next; a person with several roles sees each section once, in this order. */
const sections: Record<Role, () => ReactNode> = {
  operator: OperatorSection,
  supervisor: SupervisorSection,
  qa: QaSection,
  technician: TechnicianSection,
  'material-handler': MaterialHandlerSection,
  trainer: TrainingSection,
  administrator: AdminSection,
};

/** The start page: at a glance, what this person should do next, each tile opening its screen. */
export function HomeScreen() {
  const { info } = useSystemInfo();
  const { session } = useSession();
  const mine = allRoles.filter((role) => session.user.roles.includes(role));
  // Supervisors and administrators plan retraining too; the trainer's own section already shows it.
  const seesTraining =
    !mine.includes('trainer') && mine.some((role) => role === 'supervisor' || role === 'administrator');
  return (
    <div className="screen home" data-testid="home-screen">
      <header className="home__header">
        <h1 className="screen__title">{session.user.fullName}</h1>
        <p className="home__who" data-testid="home-signed-in">
          {mine.map((role) => roleLabels[role]).join(', ')} at{' '}
          {info.terminal ? info.terminal.name : 'this terminal'}
        </p>
        <EncryptionBadge store={info.store} />
      </header>
      <div className="home__sections">
        {mine.map((role) => {
          const Section = sections[role];
          return <Section key={role} />;
        })}
        {seesTraining && <TrainingSection />}
      </div>
    </div>
  );
}
