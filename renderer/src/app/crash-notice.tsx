/** What an operator sees when a screen fails: what happened and one way out. Never a stack trace. */
export function CrashNotice() {
  return (
    <main className="state-screen state-screen--fail" data-testid="crash-notice">
      <div className="state-screen__card">
        <p className="state-screen__kicker">Screen error</p>
        <h1 className="state-screen__title">This screen stopped working</h1>
        <p className="state-screen__lead">
          Records already saved are safe. Reload the screen, then check that your last entry is shown. If this
          happens again, call an administrator and note the time.
        </p>
        <button
          type="button"
          className="button button--primary button--large"
          onClick={() => window.location.reload()}
        >
          Reload
        </button>
      </div>
    </main>
  );
}
