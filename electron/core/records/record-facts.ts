import { describeLimits, type RecordedValue } from '../../../shared/batches/recorded-value';
import { stepDecimals } from '../../../shared/format/numbers';
import type { BatchEntryView, BatchStepView, BatchView } from '../../../shared/contract/batches';
import type { SignatureView } from '../../../shared/contract/signatures';
import type { Recipe, RecipeStep } from '../../../shared/recipes/recipe-schema';
import type { Unit } from '../../../shared/recipes/units';
import { weighingTarget } from '../../../shared/recipes/weighing-target';
import { meaningLabels } from '../../../shared/signatures';

/**
 * What the printed records derive from a batch (R211-188b): materials with their lots and the
 * quantities dispensed, equipment used, yield, data origin, limits and results, in words.
 */

/** 2026-11-02T08:00:00.000Z → "2026-11-02 08:00:00 UTC" */
export function utcText(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

/** The instant in an IANA zone with its abbreviation: "2026-11-02 09:00:00 CET". */
export function zonedText(iso: string, timeZone: string): string {
  try {
    const parts = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    }).formatToParts(new Date(iso));
    const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
    return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}:${part('second')} ${part('timeZoneName')}`;
  } catch {
    return `${utcText(iso)} (zone ${timeZone} unknown here)`;
  }
}

/** Local time with zone, then UTC when the zone is not UTC itself. */
export function whenText(iso: string, timeZone: string): string {
  const local = zonedText(iso, timeZone);
  return local.endsWith(' UTC') ? local : `${local} (${iso.slice(11, 19)} UTC)`;
}

const STEP_TYPE_LABELS: Record<RecipeStep['type'], string> = {
  instruction: 'Instruction',
  check: 'Checklist',
  numeric: 'Numeric entry',
  weighing: 'Weighing',
  measurement: 'Measurement',
  scan: 'Scan',
  timer: 'Timed step',
  calculation: 'Calculation',
};

export function stepTypeLabel(step: RecipeStep): string {
  return STEP_TYPE_LABELS[step.type];
}

function textField(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/**
 * The instrument a value came from, when the value carries it: `value.instrument` (the capture
 * record: asset id, registry id, serial number, raw bytes) or the same fields at the top level.
 * The asset id (e.g. EQ-BAL-150) is what people read; the registry id is the fallback.
 */
export function instrumentOf(value: RecordedValue): { id?: string; serialNumber?: string } | null {
  const record = value as unknown as Record<string, unknown>;
  const nested =
    record.instrument !== null && typeof record.instrument === 'object'
      ? (record.instrument as Record<string, unknown>)
      : {};
  const id =
    textField(nested.assetId) ??
    textField(record.assetId) ??
    textField(nested.instrumentId) ??
    textField(record.instrumentId);
  const serialNumber =
    textField(nested.serialNumber) ??
    textField(nested.instrumentSerialNumber) ??
    textField(record.instrumentSerialNumber);
  return id === undefined && serialNumber === undefined ? null : { id, serialNumber };
}

/** Data origin in words: the instrument (id and serial number), or manual / computed / clock. */
export function originText(entry: BatchEntryView): string {
  if (entry.origin === 'instrument') {
    const instrument = instrumentOf(entry.value);
    return [
      'Instrument',
      instrument?.id,
      instrument?.serialNumber ? `S/N ${instrument.serialNumber}` : undefined,
    ]
      .filter((line): line is string => line !== undefined)
      .join('\n');
  }
  return { manual: 'Manual', computed: 'Computed', clock: 'Clock' }[entry.origin];
}

/** The limits or expectation a step was held to: from the value as recorded, else from the recipe. */
export function limitsText(step: RecipeStep, value: RecordedValue | null): string {
  switch (step.type) {
    case 'numeric':
    case 'measurement':
    case 'calculation':
      return describeLimits(
        value && 'limits' in value ? value.limits : step.limits,
        step.unit,
        stepDecimals(step),
      );
    case 'weighing':
      return value?.type === 'weighing' ? describeLimits(value.limits, value.unit, step.decimals) : '';
    case 'timer': {
      const limits = value?.type === 'timer' ? value.limits : { min: step.minMinutes, max: step.maxMinutes };
      return describeLimits(limits, 'min');
    }
    case 'scan':
      return step.expected.code !== undefined
        ? `Expected ${step.expected.code}`
        : `Matching ${step.expected.pattern ?? ''}`;
    case 'check':
      return `${step.items.length} item${step.items.length === 1 ? '' : 's'} to tick`;
    case 'instruction':
      return '';
  }
}

export function resultText(entry: BatchEntryView): string {
  if (entry.withinLimits === true) return 'Within limits';
  if (entry.withinLimits === false) return 'OUT OF LIMITS';
  switch (entry.value.type) {
    case 'scan':
      return 'As expected';
    case 'check':
      return 'All ticked';
    case 'instruction':
      return 'Done';
    default:
      return 'Recorded';
  }
}

/** Lines under the value: what a checklist ticked, a formula's inputs, a timer's start and stop. */
export function valueDetails(value: RecordedValue): string[] {
  switch (value.type) {
    case 'check':
      return value.items.map((item) => `✓ ${item.text}`);
    case 'calculation':
      return [
        `= ${value.formula}`,
        Object.entries(value.inputs)
          .map(([name, input]) => `${name} = ${input}`)
          .join(', '),
      ].filter((line) => line !== '');
    case 'timer':
      return [`${utcText(value.startedAtUtc)} →`, utcText(value.stoppedAtUtc)];
    default:
      return [];
  }
}

/** "Verified — “I verify that this is correct.”" */
export function meaningText(signature: SignatureView): string {
  return `${meaningLabels[signature.meaning]} — “${signature.statement}”`;
}

/** One signature's manifestation on one line (P11-50a): printed name, meaning, date and time with zone. */
export function manifestation(signature: SignatureView): string {
  const validity = signature.verification.valid
    ? 'signature valid'
    : `SIGNATURE INVALID: ${signature.verification.problem ?? 'does not verify'}`;
  return (
    `${meaningLabels[signature.meaning]} by ${signature.signerName} (${signature.signerUsername}), ` +
    `${whenText(signature.signedAtUtc, signature.timeZone)} — “${signature.statement}” — ${validity}`
  );
}

export interface MaterialLine {
  code: string;
  name: string;
  lots: string[];
  /** The quantity the recipe asks for, scaled to the batch (sum of the weighings' targets). */
  planned: string;
  dispensed: string;
  /** Steps that weighed it. */
  steps: string[];
}

const round = (value: number, decimals: number) => Number(value.toFixed(decimals));

/** Every material of the bill of materials: lots scanned, quantity planned and dispensed. */
export function materialsOf(view: BatchView, recipe: Recipe): MaterialLine[] {
  return recipe.materials.map((material) => {
    const lots = view.steps
      .filter(
        (step) =>
          step.definition.type === 'scan' &&
          step.definition.subject === 'material-lot' &&
          step.definition.material === material.code &&
          step.current?.value.type === 'scan',
      )
      .map((step) => (step.current!.value as Extract<RecordedValue, { type: 'scan' }>).code);
    const weighings = view.steps.filter(
      (step) => step.definition.type === 'weighing' && step.definition.material === material.code,
    );
    let dispensed = 0;
    let unit = material.unit as string;
    let decimals = 0;
    let weighed = false;
    for (const step of weighings) {
      const value = step.current?.value;
      if (value?.type !== 'weighing') continue;
      weighed = true;
      dispensed += value.net;
      unit = value.unit;
      decimals = Math.max(decimals, step.definition.type === 'weighing' ? step.definition.decimals : 0);
    }
    const targets = weighings
      .map((step) => step.weighing?.target)
      .filter((target): target is number => target !== undefined);
    const plannedUnit = weighings[0]?.definition.type === 'weighing' ? weighings[0].definition.unit : unit;
    return {
      code: material.code,
      name: material.name,
      lots: lots.length > 0 ? lots : [],
      planned:
        targets.length > 0
          ? `${round(
              targets.reduce((sum, target) => sum + target, 0),
              6,
            )} ${plannedUnit}`
          : `${material.quantity} ${material.unit} (nominal batch)`,
      dispensed: weighed ? `${dispensed.toFixed(decimals)} ${unit}` : 'Not weighed yet',
      steps: weighings.map((step) => step.definition.title),
    };
  });
}

export interface EquipmentLine {
  id: string;
  description: string;
  /** How the record identifies it: a scan, a weighing, a measurement; with the instrument serial when captured. */
  usedFor: string[];
}

/** Equipment identified in the record: scanned, or named by the weighings and measurements done. */
export function equipmentOf(view: BatchView, recipe: Recipe): EquipmentLine[] {
  const lines = new Map<string, EquipmentLine>();
  const describe = (id: string) => {
    const known = recipe.equipment.find((equipment) => equipment.id === id);
    return known ? `${known.class}${known.description ? ` — ${known.description}` : ''}` : '';
  };
  const use = (id: string, what: string) => {
    const line = lines.get(id) ?? { id, description: describe(id), usedFor: [] };
    line.usedFor.push(what);
    lines.set(id, line);
  };
  for (const step of view.steps) {
    const definition = step.definition;
    const entry = step.current;
    if (!entry) continue;
    if (definition.type === 'scan' && definition.subject === 'equipment' && entry.value.type === 'scan') {
      use(entry.value.code, `Scanned at “${definition.title}”, ${utcText(entry.enteredAtUtc)}`);
    }
    if ((definition.type === 'weighing' || definition.type === 'measurement') && definition.equipment) {
      const instrument = entry.origin === 'instrument' ? instrumentOf(entry.value) : null;
      const serial = instrument?.serialNumber ? `, instrument S/N ${instrument.serialNumber}` : '';
      use(
        definition.equipment,
        `${definition.type === 'weighing' ? 'Weighed' : 'Measured'}: “${definition.title}”${serial}`,
      );
    }
    if (entry.origin === 'instrument') {
      const instrument = instrumentOf(entry.value);
      if (instrument?.id && instrument.id !== (definition as { equipment?: string }).equipment) {
        use(
          instrument.id,
          `Captured “${definition.title}”${instrument.serialNumber ? `, S/N ${instrument.serialNumber}` : ''}`,
        );
      }
    }
  }
  return [...lines.values()];
}

export interface YieldFacts {
  /** The product weighing(s): actual yield against the planned quantity. */
  product: {
    stepTitle: string;
    actual: string;
    theoretical: string;
    percent: string | null;
  }[];
  /** The recipe's own yield calculations (those reading a product weighing), as recorded. */
  calculations: { stepTitle: string; value: string; limits: string; result: string }[];
}

export function yieldOf(view: BatchView, recipe: Recipe): YieldFacts {
  const productSteps = view.steps.filter(
    (step) => step.definition.type === 'weighing' && step.definition.material === recipe.header.product.code,
  );
  const planned = { quantity: view.plannedQuantity, unit: view.plannedUnit as Unit };
  const product = productSteps.map((step) => {
    const definition = step.definition as Extract<RecipeStep, { type: 'weighing' }>;
    const target = weighingTarget(recipe, definition, planned);
    const value = step.current?.value.type === 'weighing' ? step.current.value : null;
    return {
      stepTitle: definition.title,
      actual: value ? `${value.text} ${value.unit}` : 'Not weighed yet',
      theoretical: target
        ? `${round(target.quantity, 6)} ${target.unit} (planned quantity ${view.plannedQuantity} ${view.plannedUnit})`
        : `${view.plannedQuantity} ${view.plannedUnit} (planned quantity)`,
      percent:
        value && target && target.quantity > 0
          ? `${((value.net / target.quantity) * 100).toFixed(1)} %`
          : null,
    };
  });
  const productIds = productSteps.map((step) => step.id);
  const reads = (formula: string, id: string) => new RegExp(`\\b${id}\\b`).test(formula);
  const calculations = view.steps
    .filter(
      (step) =>
        step.definition.type === 'calculation' &&
        productIds.some((id) => reads((step.definition as { formula: string }).formula, id)),
    )
    .map((step) => ({
      stepTitle: step.definition.title,
      value: step.current?.display ?? 'Not calculated yet',
      limits: limitsText(step.definition, step.current?.value ?? null),
      result: step.current ? resultText(step.current) : '',
    }));
  return { product, calculations };
}

/** Steps not completed: what a paper continuation record lays out. */
export function remainingSteps(view: BatchView): BatchStepView[] {
  return view.steps.filter((step) => step.status !== 'completed');
}
