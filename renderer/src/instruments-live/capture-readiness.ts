import type { InstrumentView } from '../../../shared/contract/instruments';
import type { LiveInstrument, LiveReading } from '../../../shared/contract/live-instruments';
import { instrumentKindLabels } from '../../../shared/instruments/instrument-kinds';

/** Why an instrument cannot capture at all right now, whatever it reads. */
export interface InstrumentBlock {
  kind:
    | 'connecting'
    | 'disconnected'
    | 'refused'
    | 'calibration-overdue'
    | 'out-of-service'
    | 'simulated'
    | 'other-equipment';
  message: string;
}

export interface StepContext {
  /** The asset id the recipe step names, if any: the core accepts no other instrument. */
  equipment: string | undefined;
  training: boolean;
}

/** `2026-11-02` from an ISO instant or date. */
function day(isoUtc: string): string {
  return isoUtc.slice(0, 10);
}

/** What the device checks will refuse before any reading is taken, in the words the operator acts on. */
export function instrumentBlock(
  live: LiveInstrument,
  registered: InstrumentView | undefined,
  step: StepContext,
): InstrumentBlock | null {
  const name = `${instrumentKindLabels[live.kind]} ${live.assetId}`;
  // As the core does: a simulated instrument stands in for the named one (in training; refused below otherwise).
  if (step.equipment !== undefined && step.equipment !== live.assetId && !live.simulated) {
    return {
      kind: 'other-equipment',
      message: `This step is done on ${step.equipment}; ${live.assetId} is another instrument — choose ${step.equipment}.`,
    };
  }
  if (live.state === 'refused') {
    return {
      kind: 'refused',
      message:
        live.message ??
        `${name} was refused: it is not the registered instrument — connect the registered instrument or ask a technician.`,
    };
  }
  if (live.state === 'disconnected' || live.state === 'closed' || live.state === 'idle') {
    return {
      kind: 'disconnected',
      message: live.message ?? `${name} is not connected — check the cable and that it is switched on.`,
    };
  }
  if (live.state === 'connecting') return { kind: 'connecting', message: `Connecting to ${name}…` };
  if (registered?.status !== undefined && registered.status !== 'active') {
    return {
      kind: 'out-of-service',
      message: `${name} is ${registered.status === 'retired' ? 'retired' : 'out of service'} — use another instrument.`,
    };
  }
  if (registered?.calibrationState === 'overdue') {
    return {
      kind: 'calibration-overdue',
      message: registered.calibrationDueUtc
        ? `${name} calibration expired on ${day(registered.calibrationDueUtc)} — ask a technician to calibrate it, or use another instrument.`
        : `${name} has no calibration on record — ask a technician to calibrate it, or use another instrument.`,
    };
  }
  if (live.simulated && !step.training) {
    return {
      kind: 'simulated',
      message: `${name} is a simulated instrument: it serves training batches only — use a real instrument.`,
    };
  }
  return null;
}

/** The stability indicator: what the latest reading says, or that none has come yet. */
export type ReadingIndicator = LiveReading['status'] | 'none';

export function readingIndicator(reading: LiveReading | null): ReadingIndicator {
  return reading ? reading.status : 'none';
}

export interface ToleranceBand {
  min?: number;
  target?: number;
  max?: number;
}

export type BandPosition = 'below' | 'inside' | 'above';

/** Where a value lies against the band (limits inclusive); null without both limits. */
export function bandPosition(value: number, band: ToleranceBand, decimals: number): BandPosition | null {
  if (band.min === undefined || band.max === undefined) return null;
  // Compared at the step's resolution, as the core rounds what it records.
  const scale = 10 ** decimals;
  const at = Math.round(value * scale);
  if (at < Math.round(band.min * scale)) return 'below';
  if (at > Math.round(band.max * scale)) return 'above';
  return 'inside';
}

export interface CaptureReadiness {
  enabled: boolean;
  /** Why Capture is not offered now (shown beside the button), or null. */
  reason: string | null;
  /** The position of the value against the band, when a stable or unstable value is shown. */
  position: BandPosition | null;
}

export interface WeighingNeed {
  unit: string;
  decimals: number;
  band: ToleranceBand;
}

function amount(value: number, unit: string, decimals: number): string {
  return `${value.toFixed(decimals)} ${unit}`;
}

/**
 * Whether Capture is offered for a balance reading: stable, in the step's unit, at or above the
 * balance's minimum weight and within the band. The core checks everything again on capture.
 */
export function weighingReadiness(
  live: LiveInstrument,
  registered: InstrumentView | undefined,
  reading: LiveReading | null,
  need: WeighingNeed,
  block: InstrumentBlock | null,
): CaptureReadiness {
  const name = `Balance ${live.assetId}`;
  const value = reading?.value ?? null;
  const sameUnit = reading?.unit === null || reading?.unit === undefined || reading.unit === need.unit;
  const position =
    value !== null && sameUnit && (reading?.status === 'stable' || reading?.status === 'unstable')
      ? bandPosition(value, need.band, need.decimals)
      : null;
  const refuse = (reason: string): CaptureReadiness => ({ enabled: false, reason, position });
  if (block) return refuse(block.message);
  if (!reading) return refuse(`Waiting for a reading from ${name}…`);
  switch (reading.status) {
    case 'overload':
      return refuse(`${name} is overloaded — take load off the pan.`);
    case 'underload':
      return refuse(`${name} reads below its range — put the pan back and zero the empty balance.`);
    case 'unstable':
      return refuse(
        `The reading is not stable — wait for the stability indicator (close the draft shield, keep the bench still).`,
      );
    case 'stable':
      break;
  }
  if (value === null) return refuse(`${name} sent no value — wait for the next reading.`);
  if (!sameUnit) {
    return refuse(
      `${name} shows ${reading.unit}, but this step is in ${need.unit} — set the balance to ${need.unit}.`,
    );
  }
  const minimumWeight = registered?.minimumWeight ?? null;
  const registeredUnit = registered?.unit ?? need.unit;
  if (minimumWeight !== null && registeredUnit === need.unit && value > 0 && value < minimumWeight) {
    return refuse(
      `Net ${amount(value, need.unit, need.decimals)} is below the minimum weight of ${name}, ${amount(minimumWeight, need.unit, need.decimals)} (USP <41>) — weigh more.`,
    );
  }
  if (value <= 0) return refuse('Put the material on the pan: the net weight is not above zero.');
  if (position === 'below') {
    return refuse(
      `Below the tolerance — add ${amount(need.band.min! - value, need.unit, need.decimals)} or more.`,
    );
  }
  if (position === 'above') {
    return refuse(
      `Above the tolerance — remove ${amount(value - need.band.max!, need.unit, need.decimals)} or more.`,
    );
  }
  return { enabled: true, reason: null, position };
}

/** Whether Capture is offered for a pH meter reading: stable, in the step's unit. Limits are judged on record. */
export function measurementReadiness(
  live: LiveInstrument,
  reading: LiveReading | null,
  unit: string,
  block: InstrumentBlock | null,
): CaptureReadiness {
  const name = `pH meter ${live.assetId}`;
  const refuse = (reason: string): CaptureReadiness => ({ enabled: false, reason, position: null });
  if (block) return refuse(block.message);
  if (!reading) return refuse(`Waiting for a reading from ${name}…`);
  if (reading.status === 'overload' || reading.status === 'underload') {
    return refuse(`${name} reads outside its measuring range — check the electrode and the sample.`);
  }
  if (reading.status === 'unstable') {
    return refuse(
      'The reading is drifting — wait until it is stable (keep the electrode still in the sample).',
    );
  }
  if (reading.value === null) return refuse(`${name} sent no value — wait for the next reading.`);
  if (reading.unit !== null && reading.unit !== unit) {
    return refuse(`${name} shows ${reading.unit}, but this step is in ${unit} — set the meter to ${unit}.`);
  }
  return { enabled: true, reason: null, position: null };
}

/** The track of the tolerance bar: the band in the middle third, the value clamped to the ends. */
export interface ToleranceScale {
  bandStart: number;
  bandEnd: number;
  target: number | null;
  /** 0–1 along the track, or null without a value. */
  marker: number | null;
  /** The value lies beyond the track's ends (the marker is pinned there). */
  offScale: 'below' | 'above' | null;
}

export function toleranceScale(band: ToleranceBand, value: number | null): ToleranceScale | null {
  if (band.min === undefined || band.max === undefined || !(band.max > band.min)) return null;
  const width = band.max - band.min;
  const low = band.min - width;
  const high = band.max + width;
  const at = (x: number) => (x - low) / (high - low);
  const raw = value === null ? null : at(value);
  return {
    bandStart: at(band.min),
    bandEnd: at(band.max),
    target: band.target === undefined ? null : at(band.target),
    marker: raw === null ? null : Math.min(1, Math.max(0, raw)),
    offScale: raw === null ? null : raw < 0 ? 'below' : raw > 1 ? 'above' : null,
  };
}
