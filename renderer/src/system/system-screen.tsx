import { formatUtcInstant } from '../format/time';
import { TerminalStatusBadge, terminalStatusOf } from '../terminals/terminal-status';
import { FactList } from '../ui/fact-list';
import { Panel } from '../ui/panel';
import { StatusBadge } from '../ui/status-badge';
import { EncryptionBadge } from './encryption-badge';
import { HealthPanel } from './health-panel';
import { useSystemInfo } from './system-info-context';

function SchemaVersion({ current, latest }: { current: number | null; latest: number }) {
  if (current === null) return <StatusBadge tone="warn">Not created</StatusBadge>;
  return current === latest ? (
    <>
      {current} <span className="muted">(latest)</span>
    </>
  ) : (
    <StatusBadge tone="warn">{`${current} — this version expects ${latest}`}</StatusBadge>
  );
}

/** Everything a technician or auditor asks first: which build, which store, which terminal, is it healthy. */
export function SystemScreen() {
  const { info } = useSystemInfo();
  const { store, terminal, auditHead, counts } = info;
  return (
    <div className="screen">
      <h1 className="screen__title">System</h1>
      <div className="panels">
        <Panel title="Data store">
          <FactList
            facts={[
              { label: 'Encryption', value: <EncryptionBadge store={store} /> },
              { label: 'Store', value: store.state, testId: 'store-state' },
              {
                label: 'Schema version',
                value: <SchemaVersion current={store.schemaVersion} latest={store.latestSchemaVersion} />,
                testId: 'schema-version',
              },
              {
                label: 'Application',
                value: `${info.application.name} ${info.application.version}`,
                testId: 'app-version',
              },
            ]}
          />
        </Panel>
        <Panel title="Terminal">
          {terminal ? (
            <FactList
              facts={[
                { label: 'Name', value: terminal.name, testId: 'terminal-name' },
                { label: 'Location', value: terminal.location, testId: 'terminal-location' },
                {
                  label: 'Registration',
                  value: (
                    <TerminalStatusBadge status={terminalStatusOf(terminal)} testId="terminal-registration" />
                  ),
                },
                {
                  label: 'Key fingerprint',
                  value: terminal.fingerprint,
                  testId: 'terminal-fingerprint',
                  code: true,
                },
                { label: 'Time zone', value: info.timeZone },
              ]}
            />
          ) : (
            <StatusBadge tone="warn">This terminal is not registered</StatusBadge>
          )}
        </Panel>
        <Panel title="Audit trail" wide>
          <FactList
            facts={[
              {
                label: 'Head',
                value: auditHead
                  ? `#${auditHead.seq} · ${formatUtcInstant(auditHead.atUtc)}`
                  : 'No audit rows yet',
                testId: 'audit-head',
              },
              ...(auditHead
                ? [{ label: 'Head hash', value: auditHead.hash, code: true, testId: 'audit-head-hash' }]
                : []),
              {
                label: 'Audit rows',
                value: counts ? String(counts.auditRows) : '—',
                testId: 'count-audit-rows',
              },
              { label: 'Users', value: counts ? String(counts.users) : '—', testId: 'count-users' },
            ]}
          />
        </Panel>
        <HealthPanel />
      </div>
    </div>
  );
}
