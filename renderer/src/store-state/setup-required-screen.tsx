/** The data folder is empty: this installation has never been set up. */
export function SetupRequiredScreen({ applicationVersion }: { applicationVersion?: string }) {
  return (
    <main className="state-screen state-screen--warn" data-testid="setup-required">
      <div className="state-screen__card">
        <p className="state-screen__kicker">Setup required</p>
        <h1 className="state-screen__title">This terminal's data folder is not set up</h1>
        <p className="state-screen__lead">
          No records can be kept until an administrator sets up the encrypted data folder and registers this
          terminal.
        </p>
        <h2 className="state-screen__subtitle">How to set it up</h2>
        <ol className="steps">
          <li>
            An administrator runs <code className="inline-code">ebr init</code> on this terminal, or uses the
            setup wizard (coming).
          </li>
          <li>The administrator stores the recovery key shown once at setup in a safe place.</li>
          <li>Restart EBR Workstation.</li>
        </ol>
        {applicationVersion ? (
          <p className="state-screen__footer">EBR Workstation {applicationVersion}</p>
        ) : null}
      </div>
    </main>
  );
}
