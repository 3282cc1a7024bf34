import { useSystemInfo } from '../system/system-info-context';
import { LiveClock } from './live-clock';
import { SessionControls } from './session-controls';

export function TopBar() {
  const { info } = useSystemInfo();
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
      <SessionControls />
    </header>
  );
}
