import { stepDecimals } from '../../../../shared/format/numbers';
import {
  describeLimits,
  numberOf,
  type AppliedLimits,
  type RecordedValue,
} from '../../../../shared/batches/recorded-value';
import type { StepInput } from '../../../../shared/batches/step-input';
import type { RecipeStep } from '../../../../shared/recipes/recipe-schema';
import { evaluateFormula, formulaReferences, RecipeFormulaError } from '../../recipes/formula';
import { scanCodeMatches } from '../../recipes/scan-pattern';
import { toUtcIso } from '../../clock';
import type {
  EngineState,
  EngineStep,
  LimitViolation,
  RequiredSignature,
  ResolvedCapture,
  StepEvaluation,
} from './engine-types';
import { looksLikeGs1 } from '../../../../shared/materials/gs1';
import { potencyAdjusted } from '../../../../shared/materials/lot-rules';
import { weighingLimits, withinLimits } from './limits';
import { isEnforcedMaterialStep } from './world-checks';
import { refuse } from './refusal';
import { stepOf } from './sequence';

type Mode = 'complete' | 'correct';
type StepOfType<T extends RecipeStep['type']> = Extract<RecipeStep, { type: T }>;

/** The typed text as a number, refusing more decimals than the step records. */
function parseDecimal(text: string, decimals: number, step: RecipeStep): { value: number; text: string } {
  const trimmed = text.trim();
  // Plain decimals only, as the channel schema asks: Number() alone would read "" as 0 and "1e3" as 1000.
  if (!/^[+-]?\d+(\.\d+)?$/.test(trimmed))
    refuse('invalid-value', `${trimmed || 'An empty entry'} is not a number such as 12.345.`, {
      stepId: step.id,
    });
  const places = trimmed.includes('.') ? trimmed.split('.')[1]!.length : 0;
  if (places > decimals) {
    refuse(
      'invalid-value',
      `${step.title} is recorded with ${decimals} decimal${decimals === 1 ? '' : 's'}; ${trimmed} has ${places}.`,
      { stepId: step.id },
    );
  }
  const value = Number(trimmed);
  if (!Number.isFinite(value)) refuse('invalid-value', `${trimmed} is not a number.`, { stepId: step.id });
  return { value, text: value.toFixed(decimals) };
}

function violationOf(step: RecipeStep, shown: string, limits: AppliedLimits, unit: string): LimitViolation {
  return {
    handling: step.onLimitViolation,
    type: step.type === 'timer' ? 'timer-exceeded' : 'out-of-limit',
    message: `${step.title}: ${shown} is outside ${describeLimits(limits, unit, stepDecimals(step))}.`,
  };
}

function evaluateValue(
  state: EngineState,
  step: EngineStep,
  input: StepInput,
  nowMs: number,
  capture: ResolvedCapture | undefined,
): { value: RecordedValue; origin: StepEvaluation['origin']; manualWhereInstrumentExpected: boolean } {
  const definition = step.definition;
  const fromInstrument = 'origin' in input && input.origin === 'instrument';
  if (fromInstrument || (input.type === 'scan' && input.captureId !== undefined)) {
    if (!capture) {
      refuse(
        'invalid-value',
        `${definition.title}: the instrument reading to record was not found; capture it again.`,
        {
          stepId: step.id,
        },
      );
    }
    if (
      fromInstrument &&
      capture.value !== null &&
      capture.unit !== null &&
      'unit' in definition &&
      capture.unit !== definition.unit
    ) {
      refuse(
        'invalid-value',
        `${definition.title} is recorded in ${definition.unit}; the instrument gave ${capture.unit}.`,
        {
          stepId: step.id,
        },
      );
    }
  }
  if (input.type !== definition.type) {
    refuse(
      'wrong-input',
      `${definition.title} is a ${definition.type} step; the entry given is for a ${input.type} step.`,
      {
        stepId: step.id,
      },
    );
  }
  switch (definition.type) {
    case 'instruction':
      return {
        value: { type: 'instruction', acknowledged: true },
        origin: 'manual',
        manualWhereInstrumentExpected: false,
      };
    case 'check': {
      const checked = (input as Extract<StepInput, { type: 'check' }>).checked;
      // More ticks than items would otherwise be reported as the first item "not ticked".
      if (checked.length > definition.items.length) {
        refuse(
          'checklist-incomplete',
          `${definition.title} has ${definition.items.length} items; ${checked.length} were ticked.`,
          { stepId: step.id },
        );
      }
      const open = definition.items.findIndex((_, index) => checked[index] !== true);
      if (open >= 0) {
        refuse(
          'checklist-incomplete',
          `Tick every item of ${definition.title}: "${definition.items[open]}" is not ticked.`,
          {
            stepId: step.id,
          },
        );
      }
      return {
        value: { type: 'check', items: definition.items.map((text) => ({ text, checked: true as const })) },
        origin: 'manual',
        manualWhereInstrumentExpected: false,
      };
    }
    case 'numeric': {
      const parsed = parseDecimal(
        (input as Extract<StepInput, { type: 'numeric' }>).value,
        definition.decimals,
        definition,
      );
      return {
        value: { type: 'numeric', ...parsed, unit: definition.unit, limits: definition.limits },
        origin: 'manual',
        manualWhereInstrumentExpected: false,
      };
    }
    case 'weighing': {
      const drawn = weighingDraw(state, definition);
      const limits = weighingLimits(
        state.recipe,
        definition,
        state.plannedQuantity,
        definition.decimals,
        drawn.potencyFactor,
      );
      if (fromInstrument && capture?.value != null) {
        // As the balance printed it (its resolution), with the bytes it came in (ALCOA+ original).
        return {
          value: {
            type: 'weighing',
            material: definition.material,
            net: capture.value,
            text: capture.valueText,
            tare: capture.tare,
            unit: definition.unit,
            limits,
            instrument: capture.source,
            ...drawn.recorded(capture.value),
          },
          origin: 'instrument',
          manualWhereInstrumentExpected: false,
        };
      }
      const entry = input as Extract<StepInput, { type: 'weighing'; origin: 'manual' }>;
      const net = parseDecimal(entry.net, definition.decimals, definition);
      if (entry.portions) {
        const sum = entry.portions.reduce(
          (total, portion) => total + parseDecimal(portion.net, definition.decimals, definition).value,
          0,
        );
        if (Math.abs(sum - net.value) > 10 ** -(definition.decimals + 3)) {
          refuse(
            'invalid-value',
            `${definition.title}: the net ${net.text} ${definition.unit} is not the sum of its portions (${sum.toFixed(definition.decimals)} ${definition.unit}).`,
            { stepId: step.id },
          );
        }
      }
      if (net.value <= 0)
        refuse('invalid-value', `${definition.title}: the net weight must be above zero.`, {
          stepId: step.id,
        });
      const tare =
        entry.tare === undefined ? null : parseDecimal(entry.tare, definition.decimals, definition).value;
      if (tare !== null && tare < 0)
        refuse('invalid-value', `${definition.title}: the tare cannot be negative.`, { stepId: step.id });
      return {
        value: {
          type: 'weighing',
          material: definition.material,
          net: net.value,
          text: net.text,
          tare,
          unit: definition.unit,
          limits,
          ...drawn.recorded(net.value),
        },
        origin: 'manual',
        manualWhereInstrumentExpected: true,
      };
    }
    case 'measurement': {
      if (fromInstrument && capture?.value != null) {
        return {
          value: {
            type: 'measurement',
            quantity: definition.quantity,
            value: capture.value,
            text: capture.valueText,
            unit: definition.unit,
            limits: definition.limits,
            instrument: capture.source,
          },
          origin: 'instrument',
          manualWhereInstrumentExpected: false,
        };
      }
      const parsed = parseDecimal(
        (input as Extract<StepInput, { type: 'measurement'; origin: 'manual' }>).value,
        definition.decimals,
        definition,
      );
      return {
        value: {
          type: 'measurement',
          quantity: definition.quantity,
          ...parsed,
          unit: definition.unit,
          limits: definition.limits,
        },
        origin: 'manual',
        manualWhereInstrumentExpected: definition.source === 'instrument',
      };
    }
    case 'scan': {
      const code = (input as Extract<StepInput, { type: 'scan' }>).code;
      const { expected } = definition;
      // A GS1 label of a registered material is checked against the lot register instead of a pattern.
      const registeredLabel = isEnforcedMaterialStep(state, step) && looksLikeGs1(code);
      const matches =
        registeredLabel ||
        ((expected.code === undefined || expected.code === code) &&
          (expected.pattern === undefined || scanCodeMatches(expected.pattern, code)));
      if (!matches) {
        // GS1 group separators are invisible control characters: shown as <GS> on both sides.
        const readable = (text: string) => text.replaceAll('\u001d', '<GS>');
        const wanted = readable(expected.code ?? `a code matching ${expected.pattern}`);
        refuse(
          'scan-mismatch',
          `${definition.title}: scanned ${readable(code)}, expected ${wanted}. Check that you have the right item.`,
          {
            stepId: step.id,
          },
        );
      }
      if (capture && capture.valueText !== code) {
        refuse(
          'invalid-value',
          `${definition.title}: the code differs from what the scanner read; scan again.`,
          {
            stepId: step.id,
          },
        );
      }
      return {
        value: capture
          ? { type: 'scan', code, expected, instrument: capture.source }
          : { type: 'scan', code, expected },
        origin: capture ? 'instrument' : 'manual',
        manualWhereInstrumentExpected: false,
      };
    }
    case 'timer':
      return {
        value: timerValue(state, step, definition, nowMs),
        origin: 'clock',
        manualWhereInstrumentExpected: false,
      };
    case 'calculation':
      return {
        value: calculationValue(state, definition),
        origin: 'computed',
        manualWhereInstrumentExpected: false,
      };
  }
}

function timerValue(
  state: EngineState,
  step: EngineStep,
  definition: StepOfType<'timer'>,
  nowMs: number,
): RecordedValue {
  const from = stepOf(state, definition.from);
  if (!from || from.completedAtMs === null) {
    refuse(
      'out-of-order',
      `${definition.title} times from "${from?.definition.title ?? definition.from}", which is not complete.`,
      {
        stepId: step.id,
      },
    );
  }
  const elapsedMinutes = Math.max(0, (nowMs - from.completedAtMs) / 60_000);
  if (definition.minMinutes !== undefined && elapsedMinutes < definition.minMinutes) {
    const remaining = definition.minMinutes - elapsedMinutes;
    refuse(
      'timer-not-elapsed',
      `${definition.title} cannot complete before ${definition.minMinutes} min; ${remaining.toFixed(1)} min remain.`,
      { stepId: step.id, remainingMs: Math.ceil(remaining * 60_000) },
    );
  }
  return {
    type: 'timer',
    startedAtUtc: toUtcIso(from.completedAtMs),
    stoppedAtUtc: toUtcIso(nowMs),
    elapsedMinutes: Number(elapsedMinutes.toFixed(3)),
    limits: { min: definition.minMinutes, max: definition.maxMinutes },
  };
}

/** A calculation's value from the current values of the steps its formula reads. */
export function calculationValue(
  state: EngineState,
  definition: StepOfType<'calculation'>,
): RecordedValue & { type: 'calculation' } {
  const inputs: Record<string, number> = {};
  for (const id of formulaReferences(definition.formula)) {
    const source = stepOf(state, id);
    const number = source?.value ? numberOf(source.value) : undefined;
    if (number === undefined) {
      refuse(
        'out-of-order',
        `${definition.title} needs the value of "${source?.definition.title ?? id}", which is not recorded yet.`,
        {
          stepId: definition.id,
        },
      );
    }
    inputs[id] = number;
  }
  let result: number;
  try {
    result = evaluateFormula(definition.formula, inputs);
  } catch (error) {
    if (error instanceof RecipeFormulaError)
      refuse('invalid-value', `${definition.title}: ${error.message}.`, { stepId: definition.id });
    throw error;
  }
  if (!Number.isFinite(result)) {
    refuse(
      'invalid-value',
      `${definition.title}: ${definition.formula} gives no finite number with these values (division by zero?).`,
      {
        stepId: definition.id,
      },
    );
  }
  const text = result.toFixed(definition.decimals);
  return {
    type: 'calculation',
    value: Number(text),
    text,
    unit: definition.unit,
    formula: definition.formula,
    inputs,
    limits: definition.limits,
  };
}

function limitsAndShown(
  value: RecordedValue,
): { number: number; limits: AppliedLimits; shown: string; unit: string } | null {
  switch (value.type) {
    case 'numeric':
    case 'measurement':
    case 'calculation':
      return {
        number: value.value,
        limits: value.limits,
        shown: `${value.text} ${value.unit}`,
        unit: value.unit,
      };
    case 'weighing':
      return {
        number: value.net,
        limits: value.limits,
        shown: `${value.text} ${value.unit}`,
        unit: value.unit,
      };
    case 'timer':
      return {
        number: value.elapsedMinutes,
        limits: value.limits,
        shown: `${value.elapsedMinutes.toFixed(1)} min`,
        unit: 'min',
      };
    default:
      return null;
  }
}

/** The limit verdict of a value: null when the step has no limits. */
export function judge(
  step: RecipeStep,
  value: RecordedValue,
): { withinLimits: boolean | null; violation: LimitViolation | null } {
  const measured = limitsAndShown(value);
  if (!measured) return { withinLimits: null, violation: null };
  const within = withinLimits(measured.number, measured.limits);
  return {
    withinLimits: within,
    violation: within === false ? violationOf(step, measured.shown, measured.limits, measured.unit) : null,
  };
}

function requiredSignaturesOf(
  step: RecipeStep,
  mode: Mode,
  manualWhereInstrumentExpected: boolean,
): RequiredSignature[] {
  const required: RequiredSignature[] =
    mode === 'complete'
      ? step.signatures.map((signature) => ({
          meaning: signature.meaning,
          role: signature.role,
          distinctFromPerformer: signature.distinctFromPerformer,
          byActor: signature.meaning === 'performed',
          why: 'the recipe requires it',
        }))
      : [
          {
            meaning: 'corrected',
            role: step.requiredRole,
            distinctFromPerformer: false,
            byActor: true,
            why: 'a correction is signed',
          },
          // The corrected value is checked as the original was (A11-6): the "corrected" signature
          // takes the place of "performed", the recipe's second-person signatures stay.
          ...step.signatures
            .filter((signature) => signature.meaning !== 'performed')
            .map((signature) => ({
              meaning: signature.meaning,
              role: signature.role,
              distinctFromPerformer: signature.distinctFromPerformer,
              byActor: false,
              why: 'the recipe requires it of the value, corrected or not',
            })),
        ];
  if (
    manualWhereInstrumentExpected &&
    !required.some((signature) => signature.meaning === 'verified' && signature.distinctFromPerformer)
  ) {
    required.push({
      meaning: 'verified',
      role: 'supervisor',
      distinctFromPerformer: true,
      byActor: false,
      why: 'a value entered by hand where an instrument is expected is verified by a second person (21 CFR 211.101(c))',
    });
  }
  return required;
}

/** What completing (or correcting) `step` with `input` would record, and what it needs first. */
export function evaluateStep(
  state: EngineState,
  step: EngineStep,
  input: StepInput,
  nowMs: number,
  mode: Mode,
  capture?: ResolvedCapture,
): StepEvaluation {
  const { value, origin, manualWhereInstrumentExpected } = evaluateValue(state, step, input, nowMs, capture);
  const { withinLimits, violation } = judge(step.definition, value);
  return {
    value,
    origin,
    withinLimits,
    violation,
    manualWhereInstrumentExpected,
    requiredSignatures: requiredSignaturesOf(step.definition, mode, manualWhereInstrumentExpected),
  };
}

/**
 * What a weighing of a registered material records about its lots: the portions, and the
 * potency-adjusted target when the recipe asks for one and the lot has an assay.
 */
function weighingDraw(state: EngineState, definition: StepOfType<'weighing'>) {
  const sources = state.world?.registeredMaterials.includes(definition.material) ? state.world.sources : [];
  const first = sources[0]?.lot ?? null;
  const declared = definition.potency?.declaredPercent;
  const potencies = new Set(sources.map((source) => source.lot?.potencyPercent ?? null));
  const lotPercent =
    declared !== undefined && first?.potencyPercent != null && potencies.size === 1
      ? first.potencyPercent
      : null;
  const potencyFactor = lotPercent === null ? 1 : declared! / lotPercent;
  return {
    potencyFactor,
    recorded(net: number) {
      const portions = sources
        .filter((source) => source.lot)
        .map((source) => ({
          lotNumber: source.lot!.lotNumber,
          container: source.container,
          net: source.net ?? net,
        }));
      const base = weighingLimits(
        state.recipe,
        definition,
        state.plannedQuantity,
        definition.decimals,
      ).target;
      return {
        ...(portions.length > 0 ? { portions } : {}),
        ...(lotPercent !== null && base !== undefined
          ? {
              potency: {
                declaredPercent: declared!,
                lotPercent,
                lotNumber: first!.lotNumber,
                arithmetic: potencyAdjusted(base, declared!, lotPercent, definition.unit, definition.decimals)
                  .arithmetic,
              },
            }
          : {}),
      };
    },
  };
}
