import type { ImportRefusal } from './import-refusal';

/** Why a file was not imported: every problem as "path: message", and that nothing was imported. */
export function ImportProblems({ refusal, onDismiss }: { refusal: ImportRefusal; onDismiss: () => void }) {
  return (
    <section
      className="import-problems"
      role="alert"
      data-testid="import-problems"
      data-code={refusal.code}
      aria-label="Import refused"
    >
      <header className="import-problems__header">
        <span className="import-problems__symbol" aria-hidden="true">
          ✗
        </span>
        <div className="import-problems__heading">
          <p className="import-problems__title" data-testid="import-problems-title">
            Nothing was imported. {refusal.summary}
          </p>
          <p className="import-problems__advice">Correct the file and import it again.</p>
        </div>
        <button type="button" className="button" onClick={onDismiss} data-testid="import-problems-dismiss">
          Dismiss
        </button>
      </header>
      <ol className="import-problems__list" data-testid="import-problem-list">
        {refusal.problems.map((problem, position) => (
          <li key={position} className="import-problem" data-testid="import-problem" data-path={problem.path}>
            <code className="import-problem__path">{problem.path || 'file'}</code>
            <span className="import-problem__message">: {problem.message}</span>
          </li>
        ))}
      </ol>
      <p className="import-problems__code">{refusal.code}</p>
    </section>
  );
}
