import type { TerminalStatus } from '../../../shared/contract/identity';
import type { TerminalSummary } from '../../../shared/contract/system';
import { StatusBadge, type BadgeTone } from '../ui/status-badge';

const shown: Record<TerminalStatus, { tone: BadgeTone; label: string }> = {
  registered: { tone: 'ok', label: 'Registered' },
  unregistered: { tone: 'warn', label: 'Not registered' },
  revoked: { tone: 'fail', label: 'Revoked' },
};

/** This terminal's registration state as `system.info` reports it; null before setup. */
export function terminalStatusOf(terminal: TerminalSummary | null): TerminalStatus | null {
  return terminal?.registration ?? null;
}

export function TerminalStatusBadge({
  status,
  testId,
  compact = false,
}: {
  status: TerminalStatus | null;
  testId?: string;
  compact?: boolean;
}) {
  if (status === null) {
    return (
      <StatusBadge tone="neutral" testId={testId} compact={compact}>
        Not set up
      </StatusBadge>
    );
  }
  return (
    <StatusBadge tone={shown[status].tone} testId={testId} compact={compact}>
      {shown[status].label}
    </StatusBadge>
  );
}
