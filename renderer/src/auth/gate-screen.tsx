import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LiveClock } from '../shell/live-clock';
import { useSystemInfo } from '../system/system-info-context';
import { TerminalStatusBadge, terminalStatusOf } from '../terminals/terminal-status';
import { B2MML_ACKNOWLEDGEMENT } from '../../../shared/acknowledgements';

/**
 * The whole window while nobody is working at it (sign-in, forced password change, lock): which
 * terminal this is on the left, the one task on the right. Nothing of the shell is mounted.
 */
export function GateScreen({
  kicker,
  title,
  children,
  tone = 'normal',
  testId,
}: {
  kicker: string;
  title: string;
  children: ReactNode;
  tone?: 'normal' | 'locked';
  testId: string;
}) {
  const { info } = useSystemInfo();
  const { t } = useTranslation('auth');
  return (
    <main className={tone === 'locked' ? 'gate gate--locked' : 'gate'} data-testid={testId}>
      <section className="gate__identity" aria-label={t('gate.thisTerminal')}>
        <p className="gate__product">{info.application.name}</p>
        <p className="gate__terminal" data-testid="gate-terminal-name">
          {info.terminal?.name ?? t('gate.unnamedTerminal')}
        </p>
        {info.terminal?.location ? <p className="gate__location">{info.terminal.location}</p> : null}
        <p className="gate__registration">
          <TerminalStatusBadge status={terminalStatusOf(info.terminal)} testId="gate-terminal-status" />
        </p>
        <div className="gate__clock">
          <LiveClock timeZone={info.timeZone} />
        </div>
        <p className="gate__version">{t('gate.version', { version: info.application.version })}</p>
        <p className="gate__acknowledgement" data-testid="gate-acknowledgement">
          {B2MML_ACKNOWLEDGEMENT}
        </p>
      </section>
      <section className="gate__panel">
        <div className="gate__task">
          <p className="gate__kicker">{kicker}</p>
          <h1 className="gate__title">{title}</h1>
          {children}
        </div>
      </section>
    </main>
  );
}
