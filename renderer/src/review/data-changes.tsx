import type { AuditRowView } from '../../../shared/contract/audit-trail';
import type { BatchView } from '../../../shared/contract/batches';
import { ValueDiffView } from '../audit/value-diff-view';
import { formatUtcInstant } from '../format/time';
import { shortLocalTime } from '../recipes/recipe-time';
import { useSystemInfo } from '../system/system-info-context';

const actionLabels: Record<string, string> = {
  'batch.value-corrected': 'Value corrected',
  'batch.value-recomputed': 'Value recomputed',
  'batch.step-released': 'Step released',
};

interface RecordedFacts {
  stepId?: string;
  /** The value as recorded, in words: "12.510 kg". */
  shown?: string;
}

/** The step and the value an audit row of a recorded value names, read from its JSON. */
function factsOf(text: string | null): RecordedFacts {
  if (!text) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null) return {};
    const row = parsed as { stepId?: unknown; value?: { text?: unknown; unit?: unknown } };
    const value = row.value;
    return {
      ...(typeof row.stepId === 'string' ? { stepId: row.stepId } : {}),
      ...(value && typeof value.text === 'string'
        ? { shown: typeof value.unit === 'string' ? `${value.text} ${value.unit}` : value.text }
        : {}),
    };
  } catch {
    // Not JSON: nothing to name.
    return {};
  }
}

/** Audit rows after execution started that changed recorded data, each with its old and new values. */
export function DataChanges({ rows, batch }: { rows: readonly AuditRowView[]; batch: BatchView }) {
  const { info } = useSystemInfo();
  const titles = new Map(batch.steps.map((step) => [step.id, step.definition.title]));
  return (
    <section className="review-section" aria-labelledby="data-changes-title" data-testid="data-changes">
      <header className="review-section__header">
        <h2 className="review-section__title" id="data-changes-title">
          Data changed after execution started
        </h2>
        <p className="review-section__explain">
          Corrections and the values recomputed from them, old → new; who, why and the full records on demand.
        </p>
      </header>
      {rows.length === 0 ? (
        <p className="lead muted" data-testid="no-data-changes">
          No recorded value was changed after entry.
        </p>
      ) : (
        <ol className="data-changes">
          {rows.map((row) => {
            const before = factsOf(row.oldValue);
            const after = factsOf(row.newValue);
            const stepId = after.stepId ?? before.stepId ?? null;
            return (
              <li className="data-change" key={row.seq} data-testid="data-change" data-action={row.action}>
                {/* What changed and where, beside who and why (on demand); the values on the line below. */}
                <p className="data-change__line">
                  <strong className="data-change__action">{actionLabels[row.action] ?? row.action}</strong>
                  {stepId ? (
                    <span className="data-change__step">
                      {titles.get(stepId) ?? stepId} <code className="step__id">{stepId}</code>
                    </span>
                  ) : null}
                </p>
                {before.shown !== undefined && after.shown !== undefined ? (
                  <p className="data-change__values" data-testid="data-change-values">
                    Recorded value <del>{before.shown}</del> → <strong>{after.shown}</strong>
                    {before.shown === after.shown ? ' (unchanged at the recorded precision)' : ''}
                  </p>
                ) : null}
                <details className="data-change__diff">
                  <summary>Who, why, old and new (audit row {row.seq})</summary>
                  <p className="data-change__who">
                    {row.userName ?? '(not signed in)'} · {shortLocalTime(row.atUtc, info.timeZone)} ·{' '}
                    {formatUtcInstant(row.atUtc)}
                  </p>
                  {row.reason ? (
                    <p className="data-change__reason">
                      <span className="exception-card__label">Reason:</span> {row.reason}
                    </p>
                  ) : null}
                  <ValueDiffView oldValue={row.oldValue} newValue={row.newValue} />
                </details>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
