import type { RecordedValue } from '../../../shared/batches/recorded-value';
import { stepInputSchema, type StepInput } from '../../../shared/batches/step-input';
import { localizeNumberText, parseLocaleNumber } from '../../../shared/format/numbers';
import type { Language } from '../../../shared/i18n/languages';
import type { RecipeStep } from '../../../shared/recipes/recipe-schema';
import type { ScannerRead } from '../instruments-live/use-scanner-fill';

/** What the operator has typed or ticked so far for one step, before it is recorded. */
export interface EntryDraft {
  checked: boolean[];
  /** numeric and measurement */
  value: string;
  net: string;
  tare: string;
  code: string;
  /** Set while the code in the field is the one a registered scanner read; typing clears it. */
  scan: ScannerRead | null;
}

export type EntryField = 'value' | 'net' | 'tare' | 'code' | 'checked';

export function emptyDraft(definition: RecipeStep): EntryDraft {
  return {
    checked: definition.type === 'check' ? definition.items.map(() => false) : [],
    value: '',
    net: '',
    tare: '',
    code: '',
    scan: null,
  };
}

/** A correction starts from the value as recorded (written in the person's language), so only what was wrong is retyped. */
export function draftFromValue(
  definition: RecipeStep,
  value: RecordedValue | undefined,
  language: Language = 'en',
): EntryDraft {
  const draft = emptyDraft(definition);
  if (!value) return draft;
  switch (value.type) {
    case 'check':
      return { ...draft, checked: value.items.map(() => true) };
    case 'numeric':
    case 'measurement':
      return { ...draft, value: localizeNumberText(value.text, language) };
    case 'weighing':
      return {
        ...draft,
        net: localizeNumberText(value.text, language),
        tare:
          value.tare === null
            ? ''
            : localizeNumberText(
                value.tare.toFixed(definition.type === 'weighing' ? definition.decimals : 0),
                language,
              ),
      };
    case 'scan':
      return { ...draft, code: value.code };
    default:
      return draft;
  }
}

/** The entry as the core receives it (checked against the shared schema before it is sent). */
export function inputOf(definition: RecipeStep, draft: EntryDraft): StepInput {
  switch (definition.type) {
    case 'instruction':
      return { type: 'instruction', acknowledged: true };
    case 'check':
      return { type: 'check', checked: draft.checked };
    case 'numeric':
      return { type: 'numeric', value: draft.value.trim() };
    case 'weighing':
      return {
        type: 'weighing',
        origin: 'manual',
        net: draft.net.trim(),
        ...(draft.tare.trim() ? { tare: draft.tare.trim() } : {}),
      };
    case 'measurement':
      return { type: 'measurement', origin: 'manual', value: draft.value.trim() };
    case 'scan':
      // Untrimmed here: the schema trims spaces, and a scanner's GS1 separators (0x1D) stay.
      return draft.scan
        ? { type: 'scan', code: draft.code, captureId: draft.scan.scanId }
        : { type: 'scan', code: draft.code };
    case 'timer':
      return { type: 'timer' };
    case 'calculation':
      return { type: 'calculation' };
  }
}

/** The first problem the shared schema finds, on the field it belongs to. */
export function entryProblem(input: StepInput): { field: EntryField; message: string } | null {
  const parsed = stepInputSchema.safeParse(input);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0]!;
  const field = issue.path[0];
  const known: EntryField[] = ['value', 'net', 'tare', 'code', 'checked'];
  return {
    field: known.includes(field as EntryField) ? (field as EntryField) : 'value',
    message: issue.message,
  };
}

/** The typed number fields of a step: what is read as a number in the person's language. */
function numberFields(definition: RecipeStep): ('value' | 'net' | 'tare')[] {
  switch (definition.type) {
    case 'numeric':
    case 'measurement':
      return ['value'];
    case 'weighing':
      return ['net', 'tare'];
    default:
      return [];
  }
}

/**
 * Reads the typed numbers in the person's language, strictly (German "80,02" → "80.02"; "1.234"
 * refused as an ambiguous thousands separator), so the core receives and records the canonical text
 * whatever language the entry was typed in. A refusal names the field and the position.
 */
export function canonicalDraft(
  definition: RecipeStep,
  draft: EntryDraft,
  language: Language,
): { draft: EntryDraft } | { problem: { field: EntryField; message: string } } {
  const canonical = { ...draft };
  for (const field of numberFields(definition)) {
    const typed = draft[field];
    // Blank: the shared schema says what is missing (a tare may be left out).
    if (typed.trim() === '') continue;
    const parsed = parseLocaleNumber(typed, language);
    if (!parsed.ok) return { problem: { field, message: parsed.message } };
    canonical[field] = parsed.canonical;
  }
  return { draft: canonical };
}

/** The entry as the core receives it, or the first problem with it, on the field it belongs to. */
export function readEntry(
  definition: RecipeStep,
  draft: EntryDraft,
  language: Language,
): { input: StepInput; problem: null } | { input: null; problem: { field: EntryField; message: string } } {
  const read = canonicalDraft(definition, draft, language);
  if ('problem' in read) return { input: null, problem: read.problem };
  const input = inputOf(definition, read.draft);
  const problem = entryProblem(input);
  return problem ? { input: null, problem } : { input, problem: null };
}
