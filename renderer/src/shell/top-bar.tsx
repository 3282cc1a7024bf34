import { useTranslation } from 'react-i18next';
import { useSystemInfo } from '../system/system-info-context';
import { LiveClock } from './live-clock';
import { SessionControls } from './session-controls';

export function TopBar() {
  const { info } = useSystemInfo();
  const { t } = useTranslation('shell');
  return (
    <header className="top-bar">
      <div className="top-bar__terminal">
        <span className="top-bar__product">{info.application.name}</span>
        <span className="top-bar__terminal-name" data-testid="top-bar-terminal">
          {info.terminal?.name ?? t('unregisteredTerminal')}
        </span>
        {info.terminal ? <span className="top-bar__location">{info.terminal.location}</span> : null}
        {info.store.demo ? (
          // Persistent, like the training mark: everything recorded here is demonstration data.
          <span className="top-bar__demo" data-testid="demo-tag" title={t('demoTitle')}>
            <span aria-hidden="true">◆</span> {t('demoTag')}
          </span>
        ) : null}
      </div>
      <LiveClock timeZone={info.timeZone} />
      <SessionControls />
    </header>
  );
}
