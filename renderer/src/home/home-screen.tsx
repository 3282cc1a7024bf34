import { Link } from 'react-router';
import { EncryptionBadge } from '../system/encryption-badge';
import { useSystemInfo } from '../system/system-info-context';
import { Panel } from '../ui/panel';

export function HomeScreen() {
  const { info } = useSystemInfo();
  return (
    <div className="screen">
      <h1 className="screen__title">{info.terminal ? `Terminal ${info.terminal.name}` : 'Welcome'}</h1>
      <div className="panels">
        <Panel title="Ready for work" wide>
          <p className="lead">
            Nobody is signed in at this terminal. Sign-in, batch execution and reviews arrive in the next
            releases.
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
