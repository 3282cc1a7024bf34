import { useState } from 'react';
import { useChannel } from '../ipc/use-channel';
import { ErrorNotice } from '../ui/error-notice';
import { Flash } from '../ui/flash';
import { LoadingNotice } from '../ui/loading-notice';
import { Panel } from '../ui/panel';
import { ScreenHeader } from '../ui/screen-header';
import { SecuritySettingsForm } from './security-settings-form';

export function SecuritySettingsScreen() {
  const { state, reload } = useChannel('settings.get', {});
  const [flash, setFlash] = useState<string | null>(null);
  return (
    <div className="screen">
      <ScreenHeader
        title="Security settings"
        purpose="Apply to every user at this site from the next sign-in or password change. Each change is audited with its reason."
      />
      <Flash message={flash} />
      <Panel title="Settings" wide>
        {state.status === 'loading' ? <LoadingNotice what="security settings" /> : null}
        {state.status === 'failed' ? <ErrorNotice error={state.error.toData()} onRetry={reload} /> : null}
        {state.status === 'ready' ? (
          <SecuritySettingsForm
            settings={state.value}
            onSaved={() => {
              setFlash('Security settings saved.');
              reload();
            }}
          />
        ) : null}
      </Panel>
    </div>
  );
}
