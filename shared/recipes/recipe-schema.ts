import { z } from 'zod';
import { GS1_SCAN_TEXT, safeText } from '../text/safe-text';
import { roles } from '../permissions';
import { signatureMeanings } from '../signatures';
import { units } from './units';

/**
 * The master recipe file format `ebr-recipe/1` (ISA-88 flavoured: procedure → operations →
 * steps). This schema checks the shape; `electron/core/recipes/validate.ts` checks the meaning
 * (references, formulas, limits). Documented in docs/recipe-format.md.
 */
/** The largest recipe file accepted, checked before reading in the UI and again in the core. */
export const RECIPE_FILE_MAX_BYTES = 5 * 1024 * 1024;

/** The message for an oversized file, the same wherever it is refused. */
export function recipeFileTooLarge(size: number): string {
  return `the file is ${size} bytes; a recipe file may be at most ${RECIPE_FILE_MAX_BYTES} bytes (5 MB)`;
}

const text = (max: number) => safeText().trim().min(1).max(max);
/** Step ids are formula symbols too: lowercase letters, digits and underscores. */
export const stepIdSchema = safeText().regex(
  /^[a-z][a-z0-9_]{0,47}$/,
  'a step id is 1–48 lowercase letters, digits or _, starting with a letter',
);
const codeSchema = safeText().regex(
  /^[A-Z0-9][A-Z0-9._-]{0,31}$/,
  'a code is 1–32 uppercase letters, digits, dot, dash or underscore',
);
/**
 * Qualification codes (issue 20) the performer (or a signer) must hold. Optional and without a
 * default, so a recipe that names none parses to the same content (and content hash) as before.
 */
const qualificationsSchema = z.array(codeSchema).min(1).max(10).optional();
const unitSchema = z.enum(units as [string, ...string[]]);
const finite = z.number().finite();

export const limitsSchema = z
  .object({ min: finite.optional(), target: finite.optional(), max: finite.optional() })
  .strict();

export const toleranceSchema = z.object({ kind: z.enum(['absolute', 'percent']), value: finite }).strict();

const requiredSignatureSchema = z
  .object({
    meaning: z.enum(signatureMeanings),
    role: z.enum(roles),
    /** A second person: must not be the one who performed the step. */
    distinctFromPerformer: z.boolean().default(false),
    /** Qualifications the signer must hold, e.g. a qualified verifier of a potent-compound weighing. */
    qualifications: qualificationsSchema,
  })
  .strict();

const stepBase = {
  id: stepIdSchema,
  title: text(120),
  instruction: safeText().max(4000).default(''),
  requiredRole: z.enum(roles).default('operator'),
  signatures: z.array(requiredSignatureSchema).max(4).default([]),
  critical: z.boolean().default(false),
  onLimitViolation: z.enum(['block', 'deviation']).default('block'),
  /** Steps that must be complete first; without it, the previous step (strict sequence). */
  dependsOn: z.array(stepIdSchema).max(20).optional(),
  qualifications: qualificationsSchema,
};

const instructionStep = z.object({ ...stepBase, type: z.literal('instruction') }).strict();
const checkStep = z
  .object({ ...stepBase, type: z.literal('check'), items: z.array(text(300)).min(1).max(30) })
  .strict();
const numericStep = z
  .object({
    ...stepBase,
    type: z.literal('numeric'),
    unit: unitSchema,
    decimals: z.number().int().min(0).max(6),
    limits: limitsSchema,
  })
  .strict();
const weighingStep = z
  .object({
    ...stepBase,
    type: z.literal('weighing'),
    material: codeSchema,
    unit: unitSchema,
    decimals: z.number().int().min(0).max(6),
    /** Overrides the material's tolerance for this weighing. */
    tolerance: toleranceSchema.optional(),
    equipment: codeSchema.optional(),
    /**
     * Potency-adjusted target: target × declared potency / the dispensed lot's potency (assay %),
     * so a weaker lot gives the same amount of active substance.
     */
    potency: z
      .object({
        declaredPercent: finite
          .gt(0, 'the declared potency is more than 0 %')
          .max(100, 'the declared potency is at most 100 %'),
      })
      .strict()
      .optional(),
    balance: z
      .object({
        capacity: finite.positive().optional(),
        readability: finite.positive().optional(),
        minimumWeight: finite.positive().optional(),
      })
      .strict()
      .default({}),
  })
  .strict();
const measurementStep = z
  .object({
    ...stepBase,
    type: z.literal('measurement'),
    quantity: text(60),
    unit: unitSchema,
    decimals: z.number().int().min(0).max(6),
    limits: limitsSchema,
    source: z.enum(['instrument', 'manual', 'either']).default('either'),
    equipment: codeSchema.optional(),
  })
  .strict();
const scanStep = z
  .object({
    ...stepBase,
    type: z.literal('scan'),
    subject: z.enum(['material-lot', 'container', 'equipment']),
    material: codeSchema.optional(),
    equipment: codeSchema.optional(),
    expected: z
      .object({
        code: safeText(undefined, GS1_SCAN_TEXT).min(1).max(120).optional(),
        pattern: safeText(undefined, GS1_SCAN_TEXT).min(1).max(200).optional(),
      })
      .strict()
      .refine(
        (expected) => expected.code !== undefined || expected.pattern !== undefined,
        'give an expected code or a pattern',
      ),
  })
  .strict();
const timerStep = z
  .object({
    ...stepBase,
    type: z.literal('timer'),
    /** The earlier step whose completion starts the clock. */
    from: stepIdSchema,
    minMinutes: finite.nonnegative().optional(),
    maxMinutes: finite.positive().optional(),
  })
  .strict();
const calculationStep = z
  .object({
    ...stepBase,
    type: z.literal('calculation'),
    formula: text(500),
    unit: unitSchema,
    decimals: z.number().int().min(0).max(6),
    limits: limitsSchema,
  })
  .strict();

export const stepSchema = z.discriminatedUnion('type', [
  instructionStep,
  checkStep,
  numericStep,
  weighingStep,
  measurementStep,
  scanStep,
  timerStep,
  calculationStep,
]);

export const recipeSchema = z
  .object({
    format: z.literal('ebr-recipe/1'),
    header: z
      .object({
        code: codeSchema,
        name: text(120),
        product: z.object({ code: codeSchema, name: text(120) }).strict(),
        versionLabel: safeText().regex(
          /^[0-9A-Za-z][0-9A-Za-z.-]{0,15}$/,
          'a version label such as 1.0 or 2.1-rc1',
        ),
        nominalBatchSize: z.object({ quantity: finite.positive(), unit: unitSchema }).strict(),
        description: safeText().max(4000).default(''),
        /** Every performer of every step needs these. */
        qualifications: qualificationsSchema,
      })
      .strict(),
    materials: z
      .array(
        z
          .object({
            code: codeSchema,
            name: text(120),
            quantity: finite.positive(),
            unit: unitSchema,
            tolerance: toleranceSchema,
          })
          .strict(),
      )
      .max(200),
    equipment: z
      .array(
        z.object({ id: codeSchema, class: text(60), description: safeText().max(300).default('') }).strict(),
      )
      .max(100),
    procedure: z
      .object({
        operations: z
          .array(
            z
              .object({
                id: stepIdSchema,
                title: text(120),
                /** Every performer of this operation's steps needs these. */
                qualifications: qualificationsSchema,
                steps: z.array(stepSchema).min(1).max(200),
              })
              .strict(),
          )
          .min(1)
          .max(50),
      })
      .strict(),
  })
  .strict();

export type Recipe = z.infer<typeof recipeSchema>;
export type RecipeStep = z.infer<typeof stepSchema>;
export type StepType = RecipeStep['type'];
export type Limits = z.infer<typeof limitsSchema>;
export type Tolerance = z.infer<typeof toleranceSchema>;
export const stepTypes: StepType[] = [
  'instruction',
  'check',
  'numeric',
  'weighing',
  'measurement',
  'scan',
  'timer',
  'calculation',
];
