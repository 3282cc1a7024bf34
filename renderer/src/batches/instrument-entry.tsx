import type { StepInput } from '../../../shared/batches/step-input';
import type { BatchStepView, BatchView } from '../../../shared/contract/batches';
import type { CaptureView, LiveInstrument } from '../../../shared/contract/live-instruments';
import type { RecipeStep } from '../../../shared/recipes/recipe-schema';
import { BalanceWidget } from '../instruments-live/balance-widget';
import { PhMeterWidget } from '../instruments-live/ph-meter-widget';

export type CapturingKind = 'balance' | 'ph-meter';

/** Which instrument captures this step's value: a balance for a weighing, a pH meter for a pH or mV measurement. */
export function capturingKind(definition: RecipeStep): CapturingKind | null {
  if (definition.type === 'weighing') return 'balance';
  if (
    definition.type === 'measurement' &&
    definition.source !== 'manual' &&
    (definition.unit === 'pH' || definition.unit === 'mV')
  ) {
    return 'ph-meter';
  }
  return null;
}

/** The instruments of that kind this terminal holds (connected or trying to be). */
export function capturingCandidates(
  live: readonly LiveInstrument[],
  kind: CapturingKind | null,
): LiveInstrument[] {
  return kind ? live.filter((instrument) => instrument.kind === kind && instrument.state !== 'closed') : [];
}

/** What the core records for a capture: the id it stored, never the number itself. */
export function capturedInput(definition: RecipeStep, capture: CaptureView): StepInput | null {
  if (definition.type === 'weighing') {
    return { type: 'weighing', origin: 'instrument', captureId: capture.captureId };
  }
  if (definition.type === 'measurement') {
    return { type: 'measurement', origin: 'instrument', captureId: capture.captureId };
  }
  return null;
}

/**
 * The instrument side of a weighing or measurement step: the live widget of the instrument that
 * captures it, and the way out to typing the value by hand (second-person verification, exception).
 */
export function InstrumentEntry({
  batch,
  step,
  candidates,
  captured,
  onCaptured,
  onDiscard,
  onManual,
  disabled,
}: {
  batch: BatchView;
  step: BatchStepView;
  candidates: readonly LiveInstrument[];
  captured: CaptureView | null;
  onCaptured: (capture: CaptureView) => void;
  onDiscard: () => void;
  onManual: () => void;
  disabled: boolean;
}) {
  const definition = step.definition;
  const common = { batchId: batch.id, stepId: step.id, training: batch.training };
  return (
    <div className="instrument-entry" data-testid="instrument-entry">
      {definition.type === 'weighing' ? (
        <BalanceWidget
          step={{
            ...common,
            equipment: definition.equipment,
            unit: definition.unit,
            decimals: definition.decimals,
            band: step.weighing ?? {},
          }}
          candidates={candidates}
          captured={captured}
          onCaptured={onCaptured}
          onDiscard={onDiscard}
          disabled={disabled}
        />
      ) : definition.type === 'measurement' ? (
        <PhMeterWidget
          step={{
            ...common,
            equipment: definition.equipment,
            quantity: definition.quantity,
            unit: definition.unit,
            decimals: definition.decimals,
            limits: definition.limits,
          }}
          candidates={candidates}
          captured={captured}
          onCaptured={onCaptured}
          onDiscard={onDiscard}
          disabled={disabled}
        />
      ) : null}
      {captured ? null : (
        <div className="instrument-entry__manual">
          <button
            type="button"
            className="button"
            onClick={onManual}
            disabled={disabled}
            data-testid="enter-by-hand"
          >
            Enter by hand — needs second-person verification
          </button>
        </div>
      )}
    </div>
  );
}

/** Back from typing to the instrument, shown above the manual fields. */
export function UseInstrumentButton({ kind, onUse }: { kind: CapturingKind; onUse: () => void }) {
  return (
    <div className="instrument-entry__manual">
      <button type="button" className="button" onClick={onUse} data-testid="use-instrument">
        {kind === 'balance' ? 'Use the balance instead' : 'Use the pH meter instead'}
      </button>
    </div>
  );
}
