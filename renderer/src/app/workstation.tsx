import { useCallback, useMemo, useState } from 'react';
import { RouterProvider } from 'react-router';
import type { SystemInfo } from '../../../shared/contract';
import { useChannel } from '../ipc/use-channel';
import { SessionGate } from '../session/session-gate';
import { SetupWizard } from '../setup/setup-wizard';
import { RefusedScreen } from '../store-state/refused-screen';
import { StartingScreen } from '../store-state/starting-screen';
import { SystemInfoProvider } from '../system/system-info-context';
import { createWorkstationRouter } from './router';

function ReadyWorkstation({ info, refresh }: { info: SystemInfo; refresh: () => void }) {
  // One router for the window's life: unlocking returns to the screen that was open.
  const [router] = useState(createWorkstationRouter);
  const systemInfo = useMemo(() => ({ info, refresh }), [info, refresh]);
  const startAtHome = useCallback(() => void router.navigate('/'), [router]);
  return (
    <SystemInfoProvider value={systemInfo}>
      <SessionGate onSignedIn={startAtHome}>
        <RouterProvider router={router} />
      </SessionGate>
    </SystemInfoProvider>
  );
}

/** Start-up: ask the core what state the store is in; set it up, refuse, or go to sign-in. */
export function Workstation() {
  const { state, reload } = useChannel('system.info', {});
  if (state.status === 'loading') return <StartingScreen />;
  if (state.status === 'failed') return <RefusedScreen refusal={state.error.toData()} />;

  const info = state.value;
  const version = info.application.version;
  switch (info.store.state) {
    case 'setup-required':
      return <SetupWizard applicationVersion={version} onFinished={reload} />;
    case 'refused':
      return (
        <RefusedScreen
          applicationVersion={version}
          refusal={
            info.store.refusal ?? {
              code: 'INTERNAL',
              message: 'The data store was refused without a reason given.',
            }
          }
        />
      );
    case 'ready':
      return <ReadyWorkstation info={info} refresh={reload} />;
  }
}
