import type { InstrumentView } from '../../../shared/contract/instruments';
import type { CalibrationState, InstrumentStatus } from '../../../shared/instruments/instrument-kinds';
import { StatusBadge, type BadgeTone } from '../ui/status-badge';

const calibrationShown: Record<CalibrationState, { tone: BadgeTone; label: string }> = {
  valid: { tone: 'ok', label: 'Valid' },
  'due-soon': { tone: 'warn', label: 'Due soon' },
  overdue: { tone: 'fail', label: 'OVERDUE' },
  'not-required': { tone: 'neutral', label: 'Not required' },
};

/** Calibration as the core judged it when it answered: a balance past its due date captures nothing. */
export function CalibrationBadge({ state }: { state: CalibrationState }) {
  const { tone, label } = calibrationShown[state];
  return (
    <StatusBadge tone={tone} compact testId="calibration-state">
      {label}
    </StatusBadge>
  );
}

const statusShown: Record<InstrumentStatus, { tone: BadgeTone; label: string }> = {
  active: { tone: 'ok', label: 'In service' },
  'out-of-service': { tone: 'fail', label: 'Out of service' },
  retired: { tone: 'neutral', label: 'Retired' },
};

export const instrumentStatusLabels: Record<InstrumentStatus, string> = {
  active: statusShown.active.label,
  'out-of-service': statusShown['out-of-service'].label,
  retired: statusShown.retired.label,
};

export function InstrumentStatusBadge({ status }: { status: InstrumentStatus }) {
  const { tone, label } = statusShown[status];
  return (
    <StatusBadge tone={tone} compact testId="instrument-status">
      {label}
    </StatusBadge>
  );
}

/** Training instruments are marked wherever they appear: their readings are not real. */
export function SimulatedBadge({ instrument }: { instrument: Pick<InstrumentView, 'simulated'> }) {
  if (!instrument.simulated) return null;
  return (
    <span className="simulated-tag" data-testid="simulated">
      SIMULATED
    </span>
  );
}
