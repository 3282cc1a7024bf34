import { Link } from 'react-router';
import { roleLabels } from '../../../shared/permissions';
import { useSession } from '../session/session-context';
import { EncryptionBadge } from '../system/encryption-badge';
import { useSystemInfo } from '../system/system-info-context';
import { Panel } from '../ui/panel';

export function HomeScreen() {
  const { info } = useSystemInfo();
  const { session } = useSession();
  return (
    <div className="screen">
      <h1 className="screen__title">{info.terminal ? `Terminal ${info.terminal.name}` : 'Welcome'}</h1>
      <div className="panels">
        <Panel title={`Signed in: ${session.user.fullName}`} wide>
          <p className="lead" data-testid="home-signed-in">
            You are working as {session.user.roles.map((role) => roleLabels[role]).join(', ')}. Batch
            execution and reviews arrive in the next releases.
          </p>
          <p className="home__status">
            <EncryptionBadge store={info.store} />
          </p>
          <Link className="button button--primary button--large" to="/system">
            Open system status
          </Link>
        </Panel>
      </div>
    </div>
  );
}
