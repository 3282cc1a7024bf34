export function StartingScreen() {
  return (
    <main className="state-screen" data-testid="starting-screen">
      <div className="state-screen__card">
        <p className="state-screen__kicker">EBR Workstation</p>
        <h1 className="state-screen__title" role="status">
          Starting…
        </h1>
      </div>
    </main>
  );
}
