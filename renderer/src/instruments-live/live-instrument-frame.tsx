import type { ReactNode } from 'react';
import type { CaptureView, LiveInstrument } from '../../../shared/contract/live-instruments';
import type { CaptureReadiness, InstrumentBlock, ReadingIndicator } from './capture-readiness';
import { InstrumentBlockNotice, InstrumentHeader, InstrumentRefusal } from './instrument-parts';
import { useChosenInstrument } from './use-chosen-instrument';
import { useInstrumentActions } from './use-instrument-actions';
import { useLiveInstruments } from './live-instruments-context';
import { useLiveReading } from './use-live-reading';
import { useStreaming } from './use-streaming';

/** What every live instrument widget needs from the step. */
export interface LiveStepFacts {
  batchId: string;
  stepId: string;
  equipment: string | undefined;
}

/**
 * One step's live instrument: the operator's choice among the candidates, its readings streaming,
 * the stream's failure, and Tare / Zero / Capture for it.
 */
export function useLiveInstrumentSession(
  step: LiveStepFacts,
  candidates: readonly LiveInstrument[],
  onCaptured: (capture: CaptureView) => void,
) {
  const { registered, update } = useLiveInstruments();
  const [chosen, choose] = useChosenInstrument(candidates, step.equipment);
  const streamFailure = useStreaming(chosen, update);
  const reading = useLiveReading(chosen);
  const actions = useInstrumentActions({ batchId: step.batchId, stepId: step.stepId, update, onCaptured });
  return { registered, chosen, choose, streamFailure, reading, actions };
}

type LiveInstrumentSession = ReturnType<typeof useLiveInstrumentSession>;

/**
 * The frame around a live instrument widget: which instrument, why it is blocked or its stream
 * failed, the captured value or the live part, the last refusal and the training simulator.
 */
export function LiveInstrumentFrame({
  label,
  testId,
  session,
  chosen,
  candidates,
  equipment,
  indicator,
  block,
  busy,
  captured,
  capturedView,
  simulator,
  children,
}: {
  label: string;
  testId: string;
  session: LiveInstrumentSession;
  chosen: LiveInstrument;
  candidates: readonly LiveInstrument[];
  equipment: string | undefined;
  indicator: ReadingIndicator;
  block: InstrumentBlock | null;
  busy: boolean;
  captured: CaptureView | null;
  /** Shown instead of the live part once a value is captured. */
  capturedView: ReactNode;
  /** The training simulator, when it is offered. */
  simulator: ReactNode;
  /** The live part: reading, advice and buttons. */
  children: ReactNode;
}) {
  const { actions, choose, streamFailure } = session;
  return (
    <section
      className="live-instrument"
      aria-label={label}
      data-testid={testId}
      data-instrument-id={chosen.instrumentId}
      data-state={chosen.state}
      data-indicator={indicator}
      data-block={block?.kind}
    >
      <InstrumentHeader
        candidates={candidates}
        chosen={chosen}
        equipment={equipment}
        onChoose={(id) => {
          actions.clearRefusal();
          choose(id);
        }}
        disabled={busy || captured !== null}
      />
      {block ? <InstrumentBlockNotice block={block} /> : null}
      {streamFailure && !block ? <InstrumentRefusal error={streamFailure} /> : null}
      {captured ? capturedView : children}
      {actions.refusal ? <InstrumentRefusal error={actions.refusal} /> : null}
      {simulator}
    </section>
  );
}

/** Why Capture is or is not offered now, beside the button. */
export function CaptureAdvice({
  readiness,
  ready,
  blocked,
}: {
  readiness: CaptureReadiness;
  /** The advice when Capture is offered. */
  ready: string;
  /** The advice when the instrument is blocked, or null when it is not. */
  blocked: string | null;
}) {
  return (
    <p
      className={readiness.enabled ? 'capture-advice capture-advice--ready' : 'capture-advice'}
      data-testid="capture-advice"
      data-ready={String(readiness.enabled)}
    >
      {readiness.enabled ? ready : blocked !== null ? blocked : readiness.reason}
    </p>
  );
}

/** The Capture button of a live instrument widget. */
export function CaptureButton({
  session,
  chosen,
  busy,
  readiness,
  autofocus,
}: {
  session: LiveInstrumentSession;
  chosen: LiveInstrument;
  busy: boolean;
  readiness: CaptureReadiness;
  autofocus?: boolean;
}) {
  const { actions } = session;
  return (
    <button
      type="button"
      className="button button--primary button--huge live-instrument__capture"
      onClick={() => void actions.capture(chosen.instrumentId)}
      disabled={busy || !readiness.enabled}
      data-testid="capture-button"
      data-autofocus={autofocus ? true : undefined}
    >
      {actions.running === 'capture' ? 'Capturing…' : 'Capture'}
    </button>
  );
}
