import type { TerminalView } from '../../../shared/contract/identity';
import { DataTable, type Column } from '../ui/data-table';
import { GroupedCode } from '../ui/grouped-code';
import { UtcStamp } from '../ui/utc-stamp';
import type { TerminalChange } from './terminal-change-dialog';
import { TerminalStatusBadge } from './terminal-status';

/** When the terminal entered its current status. */
function since(terminal: TerminalView): string | null {
  if (terminal.status === 'registered') return terminal.registeredAtUtc;
  if (terminal.status === 'revoked') return terminal.revokedAtUtc;
  return null;
}

export function TerminalsTable({
  terminals,
  onChange,
}: {
  terminals: readonly TerminalView[];
  onChange: (terminal: TerminalView, change: TerminalChange) => void;
}) {
  const columns: Column<TerminalView>[] = [
    {
      header: 'Terminal',
      cell: (terminal) => (
        <span className="table__stack">
          <span className="table__key">{terminal.name}</span>
          {terminal.isThisTerminal ? (
            <span className="this-terminal" data-testid="this-terminal">
              This terminal
            </span>
          ) : null}
        </span>
      ),
    },
    { header: 'Location', cell: (terminal) => terminal.location || <span className="muted">—</span> },
    {
      header: 'Key fingerprint',
      cell: (terminal) => <GroupedCode value={terminal.fingerprint} size="small" testId="fingerprint" />,
    },
    {
      header: 'Status',
      cell: (terminal) => {
        const at = since(terminal);
        return (
          <span className="table__stack">
            <TerminalStatusBadge status={terminal.status} testId="terminal-status" compact />
            {at ? <UtcStamp iso={at} /> : null}
          </span>
        );
      },
    },
    {
      header: 'Actions',
      align: 'end',
      cell: (terminal) =>
        terminal.status === 'registered' ? (
          <button
            type="button"
            className="button button--danger-outline"
            onClick={() => onChange(terminal, 'revoke')}
            data-testid="row-revoke"
          >
            Revoke
          </button>
        ) : (
          <button
            type="button"
            className="button button--primary"
            onClick={() => onChange(terminal, 'register')}
            data-testid="row-register"
          >
            Register
          </button>
        ),
    },
  ];
  return (
    <DataTable
      caption="Terminals"
      columns={columns}
      rows={terminals}
      rowKey={(terminal) => terminal.name}
      rowTestId="terminal-row"
      empty="No terminals are known to this store."
    />
  );
}
