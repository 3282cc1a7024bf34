import { useSignedInUser } from '../session/session-context';
import { useSystemInfo } from '../system/system-info-context';
import { LiveClock } from './live-clock';

export function TopBar() {
  const { info } = useSystemInfo();
  const user = useSignedInUser();
  return (
    <header className="top-bar">
      <div className="top-bar__terminal">
        <span className="top-bar__product">{info.application.name}</span>
        <span className="top-bar__terminal-name" data-testid="top-bar-terminal">
          {info.terminal?.name ?? 'Unregistered terminal'}
        </span>
        {info.terminal ? <span className="top-bar__location">{info.terminal.location}</span> : null}
      </div>
      <LiveClock timeZone={info.timeZone} />
      <div className="top-bar__user" data-testid="signed-in-user">
        {user ? (
          <>
            <span className="top-bar__user-name">{user.fullName}</span>
            <span className="top-bar__user-meta">
              {user.username} · {user.roles.join(', ')}
            </span>
          </>
        ) : (
          <span className="top-bar__user-name top-bar__user-name--none">Not signed in</span>
        )}
      </div>
    </header>
  );
}
