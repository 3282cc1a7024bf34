import { decimalsOf, formatLimits, formatQuantity } from '../format/numbers';
/**
 * A value as recorded for a step: what was entered or computed, with everything needed to read
 * it later without the recipe (unit, limits applied, formula inputs, timer start and stop).
 */
export interface AppliedLimits {
  min?: number;
  target?: number;
  max?: number;
}

/** Where an instrument value came from (ALCOA+ original): kept with the value it produced. */
export interface InstrumentSource {
  captureId: string;
  instrumentId: string;
  assetId: string;
  serialNumber: string;
  model: string | null;
  protocol: string;
  port: string;
  /** The reply line exactly as received (terminator included), upper-case hex. */
  rawHex: string;
  receivedAtUtc: string;
}

export type RecordedValue =
  | { type: 'instruction'; acknowledged: true }
  | { type: 'check'; items: { text: string; checked: true }[] }
  | { type: 'numeric'; value: number; text: string; unit: string; limits: AppliedLimits }
  | {
      type: 'weighing';
      material: string;
      net: number;
      text: string;
      tare: number | null;
      unit: string;
      limits: AppliedLimits;
      instrument?: InstrumentSource;
      /** A potency-adjusted target: the lot's assay and the arithmetic, as shown to the operator. */
      potency?: { declaredPercent: number; lotPercent: number; lotNumber: string; arithmetic: string };
      /** Lots drawn from (registered materials): one per portion. */
      portions?: { lotNumber: string; container: number | null; net: number }[];
    }
  | {
      type: 'measurement';
      quantity: string;
      value: number;
      text: string;
      unit: string;
      limits: AppliedLimits;
      instrument?: InstrumentSource;
    }
  | {
      type: 'scan';
      code: string;
      expected: { code?: string; pattern?: string };
      instrument?: InstrumentSource;
    }
  | {
      type: 'timer';
      startedAtUtc: string;
      stoppedAtUtc: string;
      elapsedMinutes: number;
      limits: AppliedLimits;
    }
  | {
      type: 'calculation';
      value: number;
      text: string;
      unit: string;
      formula: string;
      inputs: Record<string, number>;
      limits: AppliedLimits;
    };

export type EntryOrigin = 'manual' | 'instrument' | 'computed' | 'clock';

/** The number a later formula reads from a value, if it carries one. */
export function numberOf(value: RecordedValue): number | undefined {
  switch (value.type) {
    case 'numeric':
    case 'measurement':
    case 'calculation':
      return value.value;
    case 'weighing':
      return value.net;
    case 'timer':
      return value.elapsedMinutes;
    default:
      return undefined;
  }
}

/** One line for lists, reports and the CLI. */
export function describeValue(value: RecordedValue): string {
  switch (value.type) {
    case 'instruction':
      return 'Acknowledged';
    case 'check':
      return `${value.items.length} of ${value.items.length} checked`;
    case 'numeric':
    case 'measurement':
    case 'calculation':
      return `${value.text} ${value.unit}`;
    case 'weighing':
      return `${value.text} ${value.unit} net${
        value.tare === null ? '' : ` (tare ${formatQuantity(value.tare, value.unit, decimalsOf(value.text))})`
      }`;
    case 'scan':
      return value.code.replaceAll('\u001d', '<GS>');
    case 'timer':
      return `${value.elapsedMinutes.toFixed(1)} min`;
  }
}

/** Limits in words with the step's decimals (`1.990 – 2.010 kg (target 2.000)`): see shared/format/numbers. */
export function describeLimits(limits: AppliedLimits, unit: string, decimals?: number): string {
  return formatLimits(limits, unit, decimals);
}
