import { useRef, useState } from 'react';
import { rolesGrant } from '../../../shared/permissions';
import { zonedTime } from '../format/zoned-time';
import { useChannel } from '../ipc/use-channel';
import { useSession } from '../session/session-context';
import { useSystemInfo } from '../system/system-info-context';
import { ErrorNotice } from '../ui/error-notice';
import { FactList } from '../ui/fact-list';
import { Flash } from '../ui/flash';
import { LoadingNotice } from '../ui/loading-notice';
import { Panel } from '../ui/panel';
import { ScreenHeader } from '../ui/screen-header';
import { BackupList } from './backup-list';
import { BackupNow } from './backup-now';
import { BackupSettingsForm } from './backup-settings-form';
import { backupPath } from './file-size';
import { RestoreNote } from './restore-note';
import { VerifyBackupForm } from './verify-backup-form';
import '../styles/backup.css';

/** Backups (A11-7.2): where and when the daily one goes, one now, the latest ones, and a restore check. */
export function BackupScreen() {
  const settings = useChannel('backup.settings.get', {});
  const list = useChannel('backup.list', {});
  const { session } = useSession();
  const { info } = useSystemInfo();
  const mayConfigure = rolesGrant(session.user.roles, 'settings.manage');
  const [flash, setFlash] = useState<string | null>(null);
  const [verifyFile, setVerifyFile] = useState('');
  const verifyRef = useRef<HTMLDivElement>(null);
  const view = settings.state.status === 'ready' ? settings.state.value : null;
  const next = view?.nextScheduledUtc ? zonedTime(view.nextScheduledUtc, info.timeZone) : null;

  return (
    <div className="screen">
      <ScreenHeader
        title="Backup"
        purpose="Encrypted copies of the whole record store, daily and on demand, each with a signed manifest and its SHA-256. A backup is unreadable without the recovery key."
      />
      <Flash message={flash} />
      <div className="panels">
        <Panel title="Backup settings">
          {settings.state.status === 'loading' ? <LoadingNotice what="backup settings" /> : null}
          {settings.state.status === 'failed' ? (
            <ErrorNotice error={settings.state.error.toData()} onRetry={settings.reload} />
          ) : null}
          {view ? (
            <div className="backup-settings">
              <FactList
                facts={[
                  {
                    label: 'Daily backup',
                    value: view.settings.folder ? `Daily at ${view.settings.timeOfDay}` : 'Off (no folder)',
                    testId: 'backup-schedule',
                  },
                  {
                    label: 'Next',
                    value: view.dueNow
                      ? 'Due now: it runs at the next check, within a minute'
                      : next
                        ? `${next.date} ${next.time.slice(0, 5)} ${next.zoneName}`
                        : '—',
                    testId: 'backup-next',
                  },
                ]}
              />
              {mayConfigure ? (
                <BackupSettingsForm
                  view={view}
                  timeZone={info.timeZone}
                  onSaved={() => {
                    setFlash('Backup settings saved.');
                    settings.reload();
                  }}
                />
              ) : (
                <FactList
                  facts={[{ label: 'Backup folder', value: view.settings.folder ?? 'Not set', code: true }]}
                />
              )}
            </div>
          ) : null}
        </Panel>
        <Panel title="Back up now">
          <BackupNow
            folder={view?.settings.folder ?? null}
            onCreated={() => {
              list.reload();
              settings.reload();
            }}
          />
        </Panel>
        <Panel title="Recent backups" wide>
          {list.state.status === 'loading' ? <LoadingNotice what="backups" /> : null}
          {list.state.status === 'failed' ? (
            <ErrorNotice error={list.state.error.toData()} onRetry={list.reload} />
          ) : null}
          {list.state.status === 'ready' ? (
            <BackupList
              backups={list.state.value}
              timeZone={info.timeZone}
              onVerify={(backup) => {
                setVerifyFile(backupPath(backup.folder, backup.file));
                verifyRef.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
              }}
            />
          ) : null}
        </Panel>
        <div className="backup-screen__verify" ref={verifyRef}>
          <Panel title="Verify a backup" wide>
            <VerifyBackupForm file={verifyFile} timeZone={info.timeZone} onFileChange={setVerifyFile} />
          </Panel>
        </div>
        <Panel title="Restore" wide>
          <RestoreNote />
        </Panel>
      </div>
    </div>
  );
}
