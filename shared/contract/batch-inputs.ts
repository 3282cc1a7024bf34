import { z } from 'zod';
import { safeText } from '../text/safe-text';
import { BATCH_NUMBER_PATTERN, BATCH_NUMBER_RULE } from '../batches/batch-status';
import { stepInputSchema } from '../batches/step-input';
import { stepIdSchema } from '../recipes/recipe-schema';
import { signatureMeanings } from '../signatures';
import { idField, reasonField, selfCredentialsSchema, signerCredentialsSchema } from './inputs';

/** Input schemas of the batch channels, shared with the forms that fill them. */
export const batchNumberField = safeText()
  .trim()
  .toUpperCase()
  .regex(BATCH_NUMBER_PATTERN, `Batch number: ${BATCH_NUMBER_RULE}.`);

export const batchRef = z.object({ batchId: idField }).strict();
export const stepRef = z.object({ batchId: idField, stepId: stepIdSchema }).strict();

const signaturesField = z
  .array(z.object({ meaning: z.enum(signatureMeanings), credentials: signerCredentialsSchema }).strict())
  .max(6);
const overrideField = z.object({ reason: reasonField, credentials: signerCredentialsSchema }).strict();
const deviationField = safeText().trim().min(3, 'Explain the deviation (at least 3 characters).').max(1000);

export const createBatchInput = z
  .object({
    recipeVersionId: idField,
    batchNumber: batchNumberField,
    plannedQuantity: z.number().finite().positive('The planned quantity must be above zero.').max(1e9),
    training: z.boolean(),
  })
  .strict();

export const completeStepInput = z
  .object({
    batchId: idField,
    stepId: stepIdSchema,
    input: stepInputSchema,
    signatures: signaturesField,
    override: overrideField.optional(),
    deviationComment: deviationField.optional(),
  })
  .strict();

export const correctStepInput = completeStepInput.extend({ reason: reasonField }).strict();

export const previewStepInput = z
  .object({
    batchId: idField,
    stepId: stepIdSchema,
    input: stepInputSchema,
    mode: z.enum(['complete', 'correct']),
  })
  .strict();

export const abortBatchInput = z
  .object({ batchId: idField, reason: reasonField, credentials: signerCredentialsSchema })
  .strict();
export const completeExecutionInput = z
  .object({ batchId: idField, credentials: selfCredentialsSchema })
  .strict();
export const batchCommentInput = z
  .object({
    batchId: idField,
    stepId: stepIdSchema.optional(),
    text: safeText('Comment').trim().min(1, 'Write the comment.').max(2000, 'At most 2000 characters.'),
  })
  .strict();
