import { useMemo, useState } from 'react';
import { RouterProvider } from 'react-router';
import type { SystemInfo } from '../../../shared/contract';
import { useChannel } from '../ipc/use-channel';
import { SessionProvider } from '../session/session-context';
import { RefusedScreen } from '../store-state/refused-screen';
import { SetupRequiredScreen } from '../store-state/setup-required-screen';
import { StartingScreen } from '../store-state/starting-screen';
import { SystemInfoProvider } from '../system/system-info-context';
import { createWorkstationRouter } from './router';

function ReadyWorkstation({ info, refresh }: { info: SystemInfo; refresh: () => void }) {
  const [router] = useState(createWorkstationRouter);
  const systemInfo = useMemo(() => ({ info, refresh }), [info, refresh]);
  return (
    <SystemInfoProvider value={systemInfo}>
      <SessionProvider user={null}>
        <RouterProvider router={router} />
      </SessionProvider>
    </SystemInfoProvider>
  );
}

/** Start-up: ask the core what state the store is in and show the shell only when it is ready. */
export function Workstation() {
  const { state, reload } = useChannel('system.info', {});
  if (state.status === 'loading') return <StartingScreen />;
  if (state.status === 'failed') return <RefusedScreen refusal={state.error.toData()} />;

  const info = state.value;
  const version = info.application.version;
  switch (info.store.state) {
    case 'setup-required':
      return <SetupRequiredScreen applicationVersion={version} />;
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
