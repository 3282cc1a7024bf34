import { useState } from 'react';
import type { TerminalView } from '../../../shared/contract/identity';
import { useChannel } from '../ipc/use-channel';
import { useSystemInfo } from '../system/system-info-context';
import { ErrorNotice } from '../ui/error-notice';
import { Flash } from '../ui/flash';
import { LoadingNotice } from '../ui/loading-notice';
import { Panel } from '../ui/panel';
import { ScreenHeader } from '../ui/screen-header';
import { TerminalChangeDialog, type TerminalChange } from './terminal-change-dialog';
import { TerminalsTable } from './terminals-table';

/** Terminals identified by their key pair (P11-10h): only registered ones execute batches. */
export function TerminalsScreen() {
  const { state, reload } = useChannel('terminals.list', {});
  const { refresh: refreshSystemInfo } = useSystemInfo();
  const [open, setOpen] = useState<{ terminal: TerminalView; change: TerminalChange } | null>(null);
  const [flash, setFlash] = useState<string | null>(null);

  return (
    <div className="screen">
      <ScreenHeader
        title="Terminals"
        purpose="Installations that write to this store. An unregistered or revoked terminal admits administrators only and executes nothing."
      />
      <Flash message={flash} />
      <Panel title="Known terminals" wide>
        {state.status === 'loading' ? <LoadingNotice what="terminals" /> : null}
        {state.status === 'failed' ? <ErrorNotice error={state.error.toData()} onRetry={reload} /> : null}
        {state.status === 'ready' ? (
          <TerminalsTable
            terminals={state.value}
            onChange={(terminal, change) => setOpen({ terminal, change })}
          />
        ) : null}
      </Panel>
      {open ? (
        <TerminalChangeDialog
          terminal={open.terminal}
          change={open.change}
          onClose={() => setOpen(null)}
          onDone={(changed) => {
            setOpen(null);
            setFlash(`Terminal ${changed.name} ${changed.status === 'revoked' ? 'revoked' : 'registered'}.`);
            reload();
            if (changed.isThisTerminal) refreshSystemInfo();
          }}
        />
      ) : null}
    </div>
  );
}
