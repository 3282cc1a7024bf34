import { Panel } from '../ui/panel';

/** Placeholder until the audit viewer exists; only roles with `audit.read` see it in the navigation. */
export function AuditScreen() {
  return (
    <div className="screen">
      <h1 className="screen__title">Audit trail</h1>
      <div className="panels">
        <Panel title="Audit trail viewer" wide>
          <p className="lead">The audit trail viewer and verifier are coming in the next release.</p>
        </Panel>
      </div>
    </div>
  );
}
