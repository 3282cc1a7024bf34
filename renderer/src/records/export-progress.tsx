import { overallShare, type ExportRun } from './use-export';

/** The export under way as a bar (native `<progress>`: no inline style for the strict CSP) and a line. */
export function ExportProgress({ run }: { run: Extract<ExportRun, { phase: 'running' | 'done' }> }) {
  let share: number;
  let line: string;
  switch (run.phase) {
    case 'running': {
      share = overallShare(run.progress, run.batchCount);
      const { progress } = run;
      line = progress
        ? `Batch ${progress.batchIndex} of ${progress.batchCount} · ${progress.batchNumber} — ${progress.label}`
        : 'Starting…';
      break;
    }
    case 'done': {
      share = 1;
      const written = run.result.packages.length;
      line = `Export complete — ${written} ${written === 1 ? 'package' : 'packages'} written, read back and checked`;
      break;
    }
  }
  const percent = Math.round(share * 100);
  return (
    <div
      className={`export-progress export-progress--${run.phase}`}
      data-testid="export-progress"
      data-phase={run.phase}
    >
      <div className="export-progress__row">
        <progress
          className="export-progress__bar"
          max={100}
          value={percent}
          aria-label="Export progress"
          data-testid="export-progress-bar"
        />
        <span className="export-progress__percent" data-testid="export-progress-percent">
          {percent} %
        </span>
      </div>
      <p className="export-progress__label" role="status" data-testid="export-progress-label">
        {line}
      </p>
    </div>
  );
}
