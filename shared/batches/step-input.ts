import { z } from 'zod';
import { GS1_SCAN_TEXT, safeText } from '../text/safe-text';

/**
 * What the operator submits to complete (or correct) a step, by step type. Numbers travel as the
 * text typed, so the core can check the decimals shown; computed and clock-timed steps carry
 * nothing typed: their value is made by the core (a calculation is never typed).
 */
const decimalText = safeText()
  .trim()
  .regex(/^[+-]?\d{1,12}(\.\d{1,9})?$/, 'Enter a number such as 12.345 (digits, one decimal point).');

const captureId = safeText().uuid('Not a capture id.');

/** A scanned code: GS1 group separators (0x1D) that scanners type for FNC1 kept, every other control refused. */
const scannedCode = () => safeText('Code', GS1_SCAN_TEXT).trim().min(1, 'Scan or type the code.').max(200);

/**
 * Where a weighing draws from (R211-84): the source container scanned first, and whether this
 * portion emptied it. Without `source`, the lot scanned earlier in the batch for the material.
 */
const weighingSource = {
  source: scannedCode().optional(),
  containerEmptied: z.boolean().optional(),
};

/** A multi-lot weighing: each portion with its own lot (the step's net is their sum). */
const weighingPortions = z
  .array(
    z.object({ source: scannedCode(), net: decimalText, containerEmptied: z.boolean().optional() }).strict(),
  )
  .min(2, 'A multi-lot weighing has at least two portions.')
  .max(20);

/**
 * Inputs whose value comes from an instrument name the capture the core made and stored
 * (`instruments.capture`); the renderer never sends the number itself.
 */
export const stepInputSchema = z.union([
  z.object({ type: z.literal('instruction'), acknowledged: z.literal(true) }).strict(),
  z.object({ type: z.literal('check'), checked: z.array(z.boolean()).max(30) }).strict(),
  z.object({ type: z.literal('numeric'), value: decimalText }).strict(),
  z
    .object({
      type: z.literal('weighing'),
      origin: z.literal('manual'),
      net: decimalText,
      tare: decimalText.optional(),
      ...weighingSource,
      portions: weighingPortions.optional(),
    })
    .strict(),
  z
    .object({ type: z.literal('weighing'), origin: z.literal('instrument'), captureId, ...weighingSource })
    .strict(),
  z.object({ type: z.literal('measurement'), origin: z.literal('manual'), value: decimalText }).strict(),
  z.object({ type: z.literal('measurement'), origin: z.literal('instrument'), captureId }).strict(),
  z
    .object({
      type: z.literal('scan'),
      code: scannedCode(),
      /** Set when the code came from a registered scanner (its read is stored with raw bytes). */
      captureId: captureId.optional(),
    })
    .strict(),
  z.object({ type: z.literal('timer') }).strict(),
  z.object({ type: z.literal('calculation') }).strict(),
]);

export type StepInput = z.infer<typeof stepInputSchema>;
