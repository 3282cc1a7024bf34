/**
 * Checks before a value from an instrument is accepted (21 CFR 11.10(h) device checks; 211.68
 * calibrated equipment; USP <41> minimum weight). Pure: same inputs, same answer. Each refusal
 * names what is wrong and what to do about it.
 *
 * Fit of a balance to a step (docs/devices.md, "Capture checks"):
 * - capacity ≥ the most the step puts on the pan: upper limit (target + tolerance, or max) + tare;
 * - readability d ≤ one tenth of the tolerance band: d ≤ 2 × tolerance / 10
 *   (a 10:1 resolution rule, so the display resolves the band it is judged against);
 * - minimum weight ≤ the lower limit (target − tolerance, or min), or no capture could ever pass;
 * - and each requirement the step states itself (recipe `balance`: capacity at least, readability
 *   and minimum weight at most).
 */
import { convert, sameDimension, unitDefinitions, type Unit } from '../../../shared/recipes/units';
import type { Reading } from './reading';

/** Readability must be at most the tolerance band (2 × tolerance) divided by this. */
export const TOLERANCE_BAND_TO_READABILITY = 10;

/** What the registry holds about the instrument, in `unit`. */
export interface InstrumentCaptureConfig {
  /** As operators know it: "Balance WS-03". */
  name: string;
  expectedSerialNumber: string;
  /** ISO 8601 date ("2026-11-02": usable through that UTC day) or date-time. */
  calibrationDueUtc: string;
  unit: string;
  capacity?: number;
  readability?: number;
  minimumWeight?: number;
}

/** What the step asks for, in the step's unit. */
export interface StepNeed {
  unit: string;
  target?: number;
  /** ± around the target, absolute, in the step's unit. */
  tolerance?: number;
  min?: number;
  max?: number;
  /** The step's own requirements on the balance (recipe `balance`). */
  balance?: { capacity?: number; readability?: number; minimumWeight?: number };
}

export type CaptureCheckCode =
  | 'serial-mismatch'
  | 'calibration-overdue'
  | 'capacity-too-small'
  | 'readability-too-coarse'
  | 'minimum-weight-too-high'
  | 'overload'
  | 'underload'
  | 'not-stable'
  | 'unit-mismatch'
  | 'below-minimum-weight'
  | 'out-of-tolerance'
  | 'out-of-limits';

export type CaptureCheck = { ok: true } | { ok: false; code: CaptureCheckCode; message: string };

const passed: CaptureCheck = { ok: true };
const refused = (code: CaptureCheckCode, message: string): CaptureCheck => ({ ok: false, code, message });

/** When calibration runs out, ms since the epoch; a bare date lasts through that UTC day. */
export function calibrationExpiresAtMs(calibrationDueUtc: string): number {
  const text = calibrationDueUtc.trim();
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? Date.parse(`${text}T23:59:59.999Z`) : Date.parse(text);
}

/** `quantity` from the instrument's unit to the step's, when both are units of the same kind. */
function inStepUnit(quantity: number, from: string, to: string): number | undefined {
  if (from === to) return quantity;
  if (!(from in unitDefinitions) || !(to in unitDefinitions)) return undefined;
  if (!sameDimension(from as Unit, to as Unit)) return undefined;
  return convert(quantity, from as Unit, to as Unit);
}

/** Compares with a margin far below any balance's resolution, so 100.5 − 100 = 0.5 counts as 0.5. */
const EPSILON = 1e-9;
const exceeds = (a: number, b: number) => a - b > EPSILON * Math.max(1, Math.abs(a), Math.abs(b));

function show(value: number, unit: string, decimals?: number): string {
  const text = decimals === undefined ? String(Number(value.toPrecision(12))) : value.toFixed(decimals);
  return unit === 'pH' ? `pH ${text}` : `${text} ${unit}`;
}

function band(target: number, tolerance: number, unit: string, decimals: number): string {
  const [center, spread] = [target.toFixed(decimals), tolerance.toFixed(decimals)];
  return unit === 'pH' ? `pH ${center} ± ${spread}` : `${center} ± ${spread} ${unit}`;
}

const decimalsOf = (valueText: string | undefined) => valueText?.split('.')[1]?.length ?? 0;

function lowerLimit(need: StepNeed): number | undefined {
  if (need.target !== undefined && need.tolerance !== undefined) return need.target - need.tolerance;
  return need.min;
}

function upperLimit(need: StepNeed): number | undefined {
  if (need.target !== undefined && need.tolerance !== undefined) return need.target + need.tolerance;
  return need.max ?? need.target;
}

/**
 * Whether this instrument may serve this step at all: identity, calibration, and (balances)
 * capacity, readability and minimum weight. Run when the instrument is chosen and again at capture.
 */
export function checkInstrumentForStep(
  instrument: InstrumentCaptureConfig,
  connectedSerialNumber: string | undefined,
  need: StepNeed,
  nowMs: number,
  tare = 0,
): CaptureCheck {
  const { name } = instrument;
  if (connectedSerialNumber?.trim() !== instrument.expectedSerialNumber.trim()) {
    return refused(
      'serial-mismatch',
      `The instrument connected as ${name} reports serial number "${connectedSerialNumber ?? 'none'}", ` +
        `not the registered "${instrument.expectedSerialNumber}" — connect the registered instrument or ask a technician`,
    );
  }
  const expiresAt = calibrationExpiresAtMs(instrument.calibrationDueUtc);
  if (Number.isNaN(expiresAt)) {
    return refused(
      'calibration-overdue',
      `${name} has no valid calibration due date — ask a technician to record its calibration`,
    );
  }
  if (nowMs > expiresAt) {
    return refused(
      'calibration-overdue',
      `${name} calibration expired on ${instrument.calibrationDueUtc.trim().slice(0, 10)} — ask a technician to calibrate it, or use another instrument`,
    );
  }
  const convertFromInstrument = (quantity: number | undefined) =>
    quantity === undefined ? undefined : inStepUnit(quantity, instrument.unit, need.unit);
  const capacity = convertFromInstrument(instrument.capacity);
  const readability = convertFromInstrument(instrument.readability);
  const minimumWeight = convertFromInstrument(instrument.minimumWeight);
  const requires = need.balance ?? {};
  const upper = upperLimit(need);
  const lower = lowerLimit(need);
  if (capacity !== undefined) {
    const load = Math.max(upper !== undefined ? upper + tare : 0, requires.capacity ?? 0);
    if (exceeds(load, capacity)) {
      return refused(
        'capacity-too-small',
        `${name} (capacity ${show(capacity, need.unit)}) cannot hold ${show(load, need.unit)} for this step — use a larger balance`,
      );
    }
  }
  if (readability !== undefined) {
    const band =
      need.tolerance !== undefined ? (2 * need.tolerance) / TOLERANCE_BAND_TO_READABILITY : undefined;
    const finest = Math.min(band ?? Infinity, requires.readability ?? Infinity);
    if (exceeds(readability, finest)) {
      return refused(
        'readability-too-coarse',
        `${name} reads to ${show(readability, need.unit)}, too coarse for this step (needs ${show(finest, need.unit)} or finer) — use a finer balance`,
      );
    }
  }
  if (minimumWeight !== undefined) {
    const smallest = Math.min(lower ?? Infinity, requires.minimumWeight ?? Infinity);
    if (exceeds(minimumWeight, smallest)) {
      return refused(
        'minimum-weight-too-high',
        `${name} has a minimum weight of ${show(minimumWeight, need.unit)}, above the ${show(smallest, need.unit)} this step may weigh — use a balance with a smaller minimum weight`,
      );
    }
  }
  return passed;
}

export interface CaptureCandidate {
  instrument: InstrumentCaptureConfig;
  /** The serial number the driver read when it connected. */
  connectedSerialNumber: string | undefined;
  reading: Reading;
  need: StepNeed;
  nowMs: number;
  /** The tare on the balance, in the step's unit, when known: it counts against capacity. */
  tare?: number;
}

/** Every check, instrument first, then the reading itself. */
export function checkCapture(candidate: CaptureCandidate): CaptureCheck {
  const { instrument, reading, need } = candidate;
  const fit = checkInstrumentForStep(
    instrument,
    candidate.connectedSerialNumber,
    need,
    candidate.nowMs,
    candidate.tare ?? 0,
  );
  if (!fit.ok) return fit;
  const { name } = instrument;
  if (reading.status === 'overload') {
    return refused('overload', `${name} is overloaded — take load off the pan`);
  }
  if (reading.status === 'underload') {
    return refused('underload', `${name} shows underload — check the pan is in place, then zero or tare`);
  }
  const { value, unit } = reading;
  if (reading.status !== 'stable' || value === undefined || unit === undefined) {
    return refused(
      'not-stable',
      `The reading of ${name} is not stable — wait for the stability indicator (close the draft shield, keep the bench still)`,
    );
  }
  if (unit !== need.unit) {
    return refused(
      'unit-mismatch',
      `${name} shows ${unit}, but this step is in ${need.unit} — set ${name} to ${need.unit}`,
    );
  }
  const decimals = decimalsOf(reading.valueText);
  const shown = show(value, unit, decimals);
  const minimumWeight =
    instrument.minimumWeight === undefined
      ? undefined
      : inStepUnit(instrument.minimumWeight, instrument.unit, unit);
  if (reading.quantity === 'mass' && minimumWeight !== undefined && exceeds(minimumWeight, value)) {
    return refused(
      'below-minimum-weight',
      `Net ${shown} is below the minimum weight of ${name}, ${show(minimumWeight, unit, decimals)} (USP <41>) — weigh more, or use a balance with a smaller minimum weight`,
    );
  }
  if (need.target !== undefined && need.tolerance !== undefined) {
    if (exceeds(Math.abs(value - need.target), need.tolerance)) {
      return refused(
        'out-of-tolerance',
        `${shown} is outside ${band(need.target, need.tolerance, unit, decimals)} — ${value < need.target ? 'add' : 'remove'} material`,
      );
    }
  }
  if (need.min !== undefined && exceeds(need.min, value)) {
    return refused('out-of-limits', `${shown} is below the lower limit ${show(need.min, unit, decimals)}`);
  }
  if (need.max !== undefined && exceeds(value, need.max)) {
    return refused('out-of-limits', `${shown} is above the upper limit ${show(need.max, unit, decimals)}`);
  }
  return passed;
}
