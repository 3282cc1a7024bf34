import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { BatchStepView, BatchView, StepPreview } from '../../../shared/contract/batches';
import type { CaptureView } from '../../../shared/contract/live-instruments';
import type { EbrErrorData } from '../../../shared/errors';
import { call } from '../ipc/client';
import { toIpcError } from '../ipc/ipc-error';
import { useLiveInstruments } from '../instruments-live/live-instruments-context';
import { useScannerFill } from '../instruments-live/use-scanner-fill';
import { ScanSimulatorPanel } from '../instruments-live/simulator-panel';
import type { StepIndex } from '../recipes/step-places';
import { StepRules } from '../recipes/step-rules';
import { StepTypeTag } from '../recipes/step-type-tag';
import { shortLocalTime } from '../recipes/recipe-time';
import { useSession } from '../session/session-context';
import { usePermission } from '../shell/use-permission';
import { useSystemInfo } from '../system/system-info-context';
import { CalculationPreview } from './calculation-preview';
import { CorrectionForm } from './correction-form';
import { useLanguage } from '../i18n/use-language';
import { emptyDraft, readEntry } from './entry-draft';
import { ExceptionCard } from './exception-card';
import {
  capturedInput,
  capturingCandidates,
  capturingKind,
  InstrumentEntry,
  UseInstrumentButton,
} from './instrument-entry';
import { ReasonDialog } from './reason-dialog';
import { RecordFlow, type RecordRequest } from './record-flow';
import { RecordedStep } from './recorded-step';
import { StepComments } from './step-comments';
import { StepEntry, type EntryProblem } from './step-entry';
import { correctableTypes, progressSymbols, progressText, stepProgress } from './step-progress';
import { StepRequirements } from './step-requirements';
import { TimerPanel, timerState } from './timer-panel';
import { useCoreClock } from './use-core-clock';

const submitLabels: Partial<Record<BatchStepView['definition']['type'], string>> = {
  instruction: 'Acknowledge',
  timer: 'Stop the timer and complete',
  calculation: 'Record the computed value',
};

/** The core's refusal of what was just tried, in its own words (written for operators). */
function Refusal({ error }: { error: EbrErrorData }) {
  return (
    <div
      className="step-refusal"
      role="alert"
      data-testid="step-refusal"
      data-code={error.code}
      data-reason={typeof error.details?.reason === 'string' ? error.details.reason : undefined}
    >
      <span className="step-refusal__symbol" aria-hidden="true">
        ✗
      </span>
      <div>
        <p className="step-refusal__message" data-testid="step-refusal-message">
          {error.message}
        </p>
        <p className="step-refusal__note">Nothing was recorded. {error.code}</p>
      </div>
    </div>
  );
}

/**
 * The step shown large in the centre: what to do, what it asks for, the controls while it is the
 * operator's, the recorded value with its signatures once complete, exceptions and comments.
 */
export function StepPanel({
  batch,
  step,
  index,
  focusToken,
  focusOnOpen,
  onBatch,
  onRecorded,
}: {
  batch: BatchView;
  step: BatchStepView;
  index: StepIndex;
  /** Changes when this step became current by moving on: its main control takes the focus. */
  focusToken: number;
  /** Shown as the batch's current step on opening the batch: its main control takes the focus at once. */
  focusOnOpen: boolean;
  onBatch: (batch: BatchView, message?: string) => void;
  onRecorded: (
    batch: BatchView,
    step: BatchStepView,
    preview: StepPreview,
    mode: RecordRequest['mode'],
  ) => void;
}) {
  const { session } = useSession();
  const { info } = useSystemInfo();
  const canExecute = usePermission('batches.execute');
  const canSupervise = usePermission('batches.supervise');
  const definition = step.definition;
  const progress = stepProgress(step, session.user.id);
  const mine = progress === 'mine';
  const batchActive = batch.status === 'in-progress';
  const { language } = useLanguage();
  const [draft, setDraft] = useState(() => emptyDraft(definition));
  const [problem, setProblem] = useState<EntryProblem | null>(null);
  const [refusal, setRefusal] = useState<EbrErrorData | null>(null);
  const [recording, setRecording] = useState<RecordRequest | null>(null);
  const [correcting, setCorrecting] = useState(false);
  const [releasing, setReleasing] = useState(false);
  const [starting, setStarting] = useState(false);
  const [focusEntry, setFocusEntry] = useState(0);
  const article = useRef<HTMLElement>(null);
  const firstInput = useRef<HTMLInputElement>(null);
  const primary = useRef<HTMLButtonElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const timerRunning = definition.type === 'timer' && step.status !== 'completed';
  const coreNow = useCoreClock(timerRunning);
  const timer = timerRunning ? timerState(batch, step, coreNow) : null;
  const { live } = useLiveInstruments();
  const instrumentKind = capturingKind(definition);
  const candidates = capturingCandidates(live, instrumentKind);
  const [byHand, setByHand] = useState(false);
  const [captured, setCaptured] = useState<CaptureView | null>(null);
  // With an instrument at the terminal the value is captured; typing it is the operator's explicit choice.
  const instrumentOffered = candidates.length > 0 && !byHand;
  const byInstrument = instrumentOffered && mine && batchActive && canExecute;

  // A code read by a registered serial scanner fills the field (its read id goes with the entry).
  useScannerFill(definition.type === 'scan' && mine && batchActive && recording === null, (code, read) => {
    setDraft((current) => ({ ...current, code, scan: read }));
    setProblem(null);
    setRefusal(null);
  });

  // Keyboard alone: the main control of the step is where the cursor waits.
  const [openedHere] = useState(focusOnOpen);
  useEffect(() => {
    if (focusToken === 0 && focusEntry === 0 && !openedHere) return;
    // A step that became current by moving on is read from its top.
    if (focusEntry === 0 && article.current && article.current.getBoundingClientRect().top < 0) {
      article.current.scrollIntoView({ block: 'start' });
    }
    const target =
      firstInput.current && !firstInput.current.disabled
        ? firstInput.current
        : (form.current?.querySelector<HTMLElement>(
            'input:not(:disabled), button[data-autofocus]:not(:disabled)',
          ) ??
          primary.current ??
          // Nothing to do in the step itself (a batch not started, on hold): the batch's own action.
          article.current
            ?.closest('[data-testid="batch-screen"]')
            ?.querySelector<HTMLElement>('[data-primary-action]:not(:disabled)'));
    target?.focus();
    if (target instanceof HTMLInputElement) target.select();
  }, [focusToken, focusEntry, openedHere]);

  const startStep = async () => {
    setStarting(true);
    setRefusal(null);
    try {
      onBatch(await call('batches.startStep', { batchId: batch.id, stepId: step.id }));
      setFocusEntry((n) => n + 1);
    } catch (error) {
      setRefusal(toIpcError(error).toData());
    } finally {
      setStarting(false);
    }
  };

  const complete = (event: FormEvent) => {
    event.preventDefault();
    if (!mine || recording) return;
    if (byInstrument) {
      const input = captured ? capturedInput(definition, captured) : null;
      if (input) {
        setRefusal(null);
        setRecording({ mode: 'complete', input });
      }
      return;
    }
    const { input, problem: found } = readEntry(definition, draft, language);
    setProblem(found);
    setRefusal(null);
    if (!input) {
      firstInput.current?.focus();
      return;
    }
    setRecording({ mode: 'complete', input });
  };

  const refused = (error: EbrErrorData) => {
    setRecording(null);
    setRefusal(error);
    // A scanner's next code replaces the refused one: the field is selected again.
    setFocusEntry((n) => n + 1);
  };

  const stepNumber = step.position + 1;
  const exceptions = batch.exceptions.filter((exception) => exception.stepId === step.id);
  const missing = step.prerequisites
    .map((id) => batch.steps.find((candidate) => candidate.id === id))
    .filter((other): other is BatchStepView => !!other && other.status !== 'completed');
  const completeDisabled = timer !== null && !timer.minReached;

  const asked = (
    <>
      {definition.instruction ? (
        <p className="step-panel__instruction" data-testid="step-instruction">
          {definition.instruction}
        </p>
      ) : null}
      <StepRequirements step={step} index={index} capturing={byInstrument && step.status !== 'completed'} />
    </>
  );

  const actions =
    canExecute && batchActive ? (
      <div className="step-form__actions">
        {progress === 'ready' ? (
          <button
            type="button"
            ref={primary}
            className="button button--primary button--huge"
            onClick={startStep}
            disabled={starting}
            data-primary-action
            data-testid="start-step"
          >
            {starting ? 'Starting…' : 'Start step'}
          </button>
        ) : null}
        {/* Capturing from the instrument comes first: its Capture is the step's one action until then. */}
        {mine && !(byInstrument && captured === null) ? (
          <button
            type="submit"
            ref={primary}
            className="button button--primary button--huge"
            disabled={recording !== null || completeDisabled}
            data-primary-action
            data-testid="complete-step"
          >
            {submitLabels[definition.type] ?? 'Complete step'}
          </button>
        ) : null}
        {/* Back from typing to the instrument: a second action beside the first, not above the fields. */}
        {byHand && instrumentKind && mine ? (
          <UseInstrumentButton
            kind={instrumentKind}
            onUse={() => {
              setByHand(false);
              setProblem(null);
              setRefusal(null);
            }}
          />
        ) : null}
        {mine || (progress === 'theirs' && canSupervise) ? (
          <button
            type="button"
            className="button button--large"
            onClick={() => setReleasing(true)}
            data-testid="release-step"
          >
            Release step…
          </button>
        ) : null}
      </div>
    ) : null;

  return (
    <article
      ref={article}
      className={definition.critical ? 'step-panel step-panel--critical' : 'step-panel'}
      aria-label={`Step ${stepNumber}: ${definition.title}`}
      data-testid="step-panel"
      data-step-id={step.id}
      data-type={definition.type}
      data-status={step.status}
      data-progress={progress}
    >
      <header className="step-panel__header">
        <div className="step-panel__tags">
          <p className="step-panel__place">
            Step {stepNumber} of {batch.stepCount} · {step.operationTitle}
          </p>
          <StepTypeTag type={definition.type} />
          {definition.critical ? (
            <span className="step__critical" data-testid="step-critical">
              <span aria-hidden="true">◆</span> Critical
            </span>
          ) : null}
        </div>
        <div className="step-panel__title-row">
          <h2 className="step-panel__title" data-testid="step-title">
            {definition.title}
          </h2>
          <span className={`step-state step-state--${progress}`} data-testid="step-state">
            <span aria-hidden="true">{progressSymbols[progress]}</span> {progressText(step, progress)}
          </span>
        </div>
        {step.status === 'completed' && step.completedAtUtc ? (
          <p className="step-panel__when">
            Completed by {step.ownerName ?? 'unknown'}, {shortLocalTime(step.completedAtUtc, info.timeZone)}
          </p>
        ) : null}
      </header>
      {step.status !== 'completed' ? asked : null}

      {step.status === 'completed' ? (
        <>
          <RecordedStep step={step} index={index} />
          {correcting ? asked : null}
          {correcting ? (
            <CorrectionForm
              step={step}
              onCancel={() => setCorrecting(false)}
              onContinue={(request) => {
                setRefusal(null);
                setRecording(request);
              }}
            />
          ) : canExecute && batchActive && correctableTypes.has(definition.type) ? (
            <div className="form__actions">
              <button
                type="button"
                className="button button--large"
                onClick={() => setCorrecting(true)}
                data-testid="correct-step"
              >
                Correct…
              </button>
            </div>
          ) : null}
          {refusal ? <Refusal error={refusal} /> : null}
          {correcting ? null : (
            <section className="step-section step-panel__asked" aria-label="What the step asked for">
              <h3 className="step-section__title">What the step asked for</h3>
              {asked}
            </section>
          )}
        </>
      ) : (
        <form className="step-form" ref={form} onSubmit={complete} noValidate data-testid="step-form">
          {definition.type === 'timer' ? <TimerPanel batch={batch} step={step} nowMs={coreNow} /> : null}
          {definition.type === 'calculation' && canExecute && batchActive ? (
            <CalculationPreview batch={batch} step={step} index={index} />
          ) : null}
          {progress === 'ready' ? actions : null}
          {byInstrument ? (
            <InstrumentEntry
              batch={batch}
              step={step}
              candidates={candidates}
              captured={captured}
              onCaptured={(capture) => {
                setCaptured(capture);
                setRefusal(null);
                const input = capturedInput(definition, capture);
                // Captured: straight on to the preview and the signatures.
                if (input) setRecording({ mode: 'complete', input });
              }}
              onDiscard={() => {
                setCaptured(null);
                setRefusal(null);
              }}
              onManual={() => {
                setByHand(true);
                setCaptured(null);
                setRefusal(null);
                setFocusEntry((n) => n + 1);
              }}
              disabled={recording !== null}
            />
          ) : instrumentOffered ? (
            <p className="step-panel__wait" data-testid="instrument-waiting">
              Captured from the {instrumentKind === 'balance' ? 'balance' : 'pH meter'} once the step is
              started.
            </p>
          ) : (
            <>
              <StepEntry
                step={step}
                draft={draft}
                onDraftChange={(next) => {
                  setDraft(next);
                  setProblem(null);
                  setRefusal(null);
                }}
                disabled={!mine || recording !== null}
                problem={problem}
                firstInputRef={firstInput}
              />
              {definition.type === 'scan' && batch.training && mine ? (
                <ScanSimulatorPanel disabled={recording !== null} />
              ) : null}
            </>
          )}
          {refusal ? <Refusal error={refusal} /> : null}
          {!batchActive ? (
            <p className="step-panel__wait" data-testid="step-wait">
              {batch.status === 'created'
                ? 'The batch has not started: start it to work on its steps.'
                : batch.status === 'on-hold'
                  ? 'The batch is on hold: resume it to go on.'
                  : 'The batch is no longer in progress.'}
            </p>
          ) : progress === 'pending' ? (
            <p className="step-panel__wait" data-testid="step-wait">
              Waits for:{' '}
              {missing.map((other) => `${other.position + 1}. ${other.definition.title}`).join(', ')}
            </p>
          ) : progress === 'theirs' ? (
            <p className="step-panel__wait" data-testid="step-wait">
              In progress by {step.ownerName ?? 'another operator'}: it is theirs until they release it
              {canSupervise ? ' (a supervisor may release it)' : ''}.
            </p>
          ) : null}
          {progress !== 'ready' ? actions : null}
        </form>
      )}

      {recording ? (
        <RecordFlow
          batch={batch}
          step={step}
          request={recording}
          onCancel={() => setRecording(null)}
          onRefused={refused}
          onDone={(view, preview) => {
            const { mode } = recording;
            setRecording(null);
            setCorrecting(false);
            onRecorded(view, step, preview, mode);
          }}
        />
      ) : null}

      {exceptions.length > 0 ? (
        <section className="step-section" aria-label="Exceptions of this step">
          <h3 className="step-section__title">Exceptions · {exceptions.length}</h3>
          <div className="exception-list" data-testid="step-exceptions">
            {exceptions.map((exception) => (
              <ExceptionCard key={exception.id} exception={exception} />
            ))}
          </div>
        </section>
      ) : null}

      <details className="step-panel__rules">
        <summary className="step-panel__rules-summary">Who performs and signs this step</summary>
        <StepRules step={definition} index={index} />
      </details>

      <StepComments
        batch={batch}
        stepId={step.id}
        canComment={canExecute}
        onCommented={(view) => onBatch(view)}
      />

      {releasing ? (
        <ReasonDialog
          title={`Release step ${stepNumber}: ${definition.title}`}
          explain="The step goes back to ready: another operator (or you, later) can start it. Nothing typed so far is recorded."
          label="Reason for releasing the step"
          submitLabel="Release step"
          testId="release-step-dialog"
          action={(reason) => call('batches.releaseStep', { batchId: batch.id, stepId: step.id, reason })}
          onDone={(view) => {
            setReleasing(false);
            onBatch(view, `Step ${stepNumber} released.`);
          }}
          onClose={() => setReleasing(false)}
        />
      ) : null}
    </article>
  );
}
