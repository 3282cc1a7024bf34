import type { BatchEntryView, BatchStepView } from '../../../shared/contract/batches';
import type { StepIndex } from '../recipes/step-places';
import { shortLocalTime } from '../recipes/recipe-time';
import { SignatureBlock } from '../signatures/signature-block';
import { useSystemInfo } from '../system/system-info-context';
import { StatusBadge } from '../ui/status-badge';
import { entryKindLabels, originLabels } from './batch-labels';
import { limitsOf, verdictOf } from './step-subject';
import { ValueDetails } from './value-details';

/** A sentence ends with one stop, whether or not the person typed it. */
function withStop(text: string): string {
  return /[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;
}

function Verdict({ entry, testId }: { entry: BatchEntryView; testId: string }) {
  const verdict = verdictOf(entry.withinLimits);
  if (!verdict) return null;
  return (
    <StatusBadge tone={entry.withinLimits ? 'ok' : 'fail'} testId={testId}>
      {verdict}
    </StatusBadge>
  );
}

/** Each entry of a step, oldest first: superseded ones struck through, never hidden (A11-8.2). */
function EntryHistory({ step }: { step: BatchStepView }) {
  const { info } = useSystemInfo();
  return (
    <section className="entry-history" aria-label="Entries of this step" data-testid="entry-history">
      <h3 className="step-section__title">History of this value</h3>
      <ol className="entry-history__list">
        {step.entries.map((entry) => (
          <li
            key={entry.id}
            className={entry.superseded ? 'history-entry history-entry--superseded' : 'history-entry'}
            data-testid="history-entry"
            data-kind={entry.kind}
            data-superseded={String(entry.superseded)}
          >
            <div className="history-entry__head">
              <span className="history-entry__kind">{entryKindLabels[entry.kind]}</span>
              {entry.superseded ? (
                <del className="history-entry__value" data-testid="history-value">
                  {entry.display}
                </del>
              ) : (
                <span className="history-entry__value" data-testid="history-value">
                  {entry.display}
                </span>
              )}
              <Verdict entry={entry} testId="history-verdict" />
              {entry.superseded ? <span className="history-entry__note">superseded</span> : null}
            </div>
            <p className="history-entry__who">
              {entry.enteredByName} · {shortLocalTime(entry.enteredAtUtc, info.timeZone)} ·{' '}
              {originLabels[entry.origin]}
            </p>
            {entry.reason ? (
              <p className="history-entry__reason" data-testid="history-reason">
                Reason: {entry.reason}
              </p>
            ) : null}
            {entry.signatures.length > 0 && entry.id === step.current?.id ? (
              <p className="history-entry__signed">Signed as shown under Signatures above.</p>
            ) : entry.signatures.length > 0 ? (
              <div className="signature-grid">
                {entry.signatures.map((signature) => (
                  <SignatureBlock key={signature.id} signature={signature} />
                ))}
              </div>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** A completed step, read-only: the value as it stands, its verdict, origin, signatures and history. */
export function RecordedStep({ step, index }: { step: BatchStepView; index: StepIndex }) {
  const { info } = useSystemInfo();
  const current = step.current;
  if (!current) return null;
  const limits = limitsOf(current.value);
  const original = step.entries[0];
  return (
    <section className="recorded" aria-label="Recorded value" data-testid="recorded-step">
      <p className="recorded-value">
        <span className="recorded-value__text" data-testid="recorded-value">
          {current.display}
        </span>
        <Verdict entry={current} testId="recorded-verdict" />
      </p>
      {step.changed ? (
        <p className="changed-notice" data-testid="changed-notice">
          <span className="changed-notice__symbol" aria-hidden="true">
            ✎
          </span>
          <span>
            <strong>Changed since original entry</strong>
            {original ? ` (${original.display})` : ''}: {entryKindLabels[current.kind].toLowerCase()} by{' '}
            {current.enteredByName}, {shortLocalTime(current.enteredAtUtc, info.timeZone)}
            {current.reason ? ` — ${withStop(current.reason)}` : '.'}
          </span>
        </p>
      ) : null}
      <dl className="recorded__facts">
        {limits ? (
          <div className="recorded__fact">
            <dt>Limits</dt>
            <dd data-testid="recorded-limits">{limits}</dd>
          </div>
        ) : null}
        <div className="recorded__fact">
          <dt>Origin</dt>
          <dd data-testid="recorded-origin">{originLabels[current.origin]}</dd>
        </div>
        <div className="recorded__fact">
          <dt>Recorded</dt>
          <dd data-testid="recorded-by">
            {current.enteredByName} · {shortLocalTime(current.enteredAtUtc, info.timeZone)}
          </dd>
        </div>
      </dl>
      <ValueDetails value={current.value} index={index} />
      <section className="step-section" aria-label="Signatures">
        <h3 className="step-section__title">Signatures</h3>
        {current.signatures.length > 0 ? (
          <div className="signature-grid" data-testid="step-signatures">
            {current.signatures.map((signature) => (
              <SignatureBlock key={signature.id} signature={signature} />
            ))}
          </div>
        ) : (
          <p className="muted" data-testid="no-step-signatures">
            {current.kind === 'recomputed'
              ? 'Recomputed by the workstation: the signatures of the original entry stay with it (below).'
              : 'The recipe asks for no signature on this step.'}
          </p>
        )}
      </section>
      {step.entries.length > 1 ? <EntryHistory step={step} /> : null}
    </section>
  );
}
