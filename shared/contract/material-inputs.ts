import { z } from 'zod';
import { FILE_TEXT, safeText } from '../text/safe-text';
import { lotStatuses, materialKinds } from '../materials/lot-rules';
import { units } from '../recipes/units';
import { cosignerCredentialsSchema, idField, reasonField, selfCredentialsSchema } from './inputs';

/** Register fields, checked the same way by the forms, the CSV import and the core. */
export const materialCodeField = safeText()
  .trim()
  .toUpperCase()
  .regex(
    /^[A-Z0-9][A-Z0-9._-]{0,31}$/,
    'Material code: 1–32 uppercase letters, digits, dot, dash or underscore.',
  );

export const lotNumberField = safeText()
  .trim()
  .toUpperCase()
  .regex(
    /^[A-Z0-9][A-Z0-9._/-]{0,23}$/,
    'Lot number: 1–24 uppercase letters, digits, dot, dash, slash or underscore.',
  );

export const equipmentCodeField = safeText()
  .trim()
  .toUpperCase()
  .regex(
    /^[A-Z0-9][A-Z0-9._-]{0,31}$/,
    'Equipment id: 1–32 uppercase letters, digits, dot, dash or underscore.',
  );

const calendarDate = safeText()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'A date as YYYY-MM-DD.')
  .refine(
    (text) =>
      !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) &&
      new Date(`${text}T00:00:00Z`).toISOString().startsWith(text),
    'Not a calendar date.',
  );

const utcInstant = safeText().datetime({
  offset: false,
  message: 'A date and time in UTC (ISO 8601, ending in Z).',
});

export const materialFieldsSchema = z
  .object({
    code: materialCodeField,
    name: safeText().trim().min(1, 'Enter the material name.').max(120),
    kind: z.enum(materialKinds),
    baseUnit: z.enum(units as [string, ...string[]]),
    storageConditions: safeText().trim().max(200).default(''),
  })
  .strict();
export type MaterialFields = z.output<typeof materialFieldsSchema>;

export const lotFieldsSchema = z
  .object({
    lotNumber: lotNumberField,
    materialCode: materialCodeField,
    supplier: safeText().trim().min(1, 'Enter the supplier.').max(120),
    supplierLot: safeText().trim().min(1, "Enter the supplier's lot.").max(40),
    gtin: safeText()
      .trim()
      .regex(/^\d{14}$/, 'GTIN: 14 digits.')
      .optional(),
    receivedDate: calendarDate,
    receivedQuantity: z.number().finite().positive('The received quantity must be more than 0.'),
    containerCount: z.number().int().min(1, 'At least one container.').max(999),
    expiryDate: calendarDate,
    retestDate: calendarDate.optional(),
    potencyPercent: z
      .number()
      .finite()
      .gt(0, 'Potency is more than 0 %.')
      .max(100, 'Potency is at most 100 %.')
      .optional(),
  })
  .strict()
  .refine((lot) => lot.expiryDate > lot.receivedDate, {
    message: 'The expiry date must be after the received date.',
    path: ['expiryDate'],
  })
  .refine((lot) => lot.retestDate === undefined || lot.retestDate <= lot.expiryDate, {
    message: 'The retest date cannot be after the expiry date.',
    path: ['retestDate'],
  });
export type LotFields = z.output<typeof lotFieldsSchema>;

export const lotListInput = z
  .object({
    status: z.enum([...lotStatuses, 'expired', 'retest-due']).optional(),
    materialCode: materialCodeField.optional(),
    search: safeText().trim().max(40).optional(),
    /** Lots still usable that expire or are due for retest within this many days. */
    expiringWithinDays: z.number().int().min(1).max(365).optional(),
  })
  .strict();

export const lotStatusChangeInput = z
  .object({
    lotNumber: lotNumberField,
    status: z.enum(lotStatuses),
    reason: reasonField,
    credentials: selfCredentialsSchema,
  })
  .strict();

export const lotImportInput = z
  .object({
    fileName: safeText().trim().min(1).max(255),
    text: safeText('File', FILE_TEXT).max(2_000_000, 'The file is larger than 2 MB.'),
  })
  .strict();

export const equipmentFieldsSchema = z
  .object({
    code: equipmentCodeField,
    kind: z.enum(['equipment', 'room']),
    description: safeText().trim().min(1, 'Describe the item.').max(200),
    room: safeText().trim().min(1, 'Name the room.').max(60),
    cleanHoldHours: z.number().finite().positive('The clean hold time is more than 0 hours.').max(8760),
    dirtyHoldHours: z.number().finite().positive('The dirty hold time is more than 0 hours.').max(8760),
    campaignBatches: z.number().int().min(1).max(100).default(1),
  })
  .strict();
export type EquipmentFields = z.output<typeof equipmentFieldsSchema>;

export const cleaningRecordInput = z
  .object({
    equipmentCode: equipmentCodeField,
    procedure: safeText().trim().min(3, 'Name the cleaning procedure (SOP number).').max(80),
    startedAtUtc: utcInstant,
    endedAtUtc: utcInstant,
    /** The person who cleaned signs "performed"; a second person signs "verified". */
    performer: selfCredentialsSchema,
    verifier: cosignerCredentialsSchema,
  })
  .strict()
  .refine((record) => record.endedAtUtc > record.startedAtUtc, {
    message: 'Cleaning ends after it starts.',
    path: ['endedAtUtc'],
  });

export const equipmentStatusInput = z
  .object({
    equipmentCode: equipmentCodeField,
    change: z.enum(['maintenance-started', 'maintenance-ended', 'out-of-service', 'returned-to-service']),
    reason: reasonField,
    credentials: selfCredentialsSchema,
  })
  .strict();

export const genealogyLotInput = z.object({ lotNumber: lotNumberField }).strict();
export const genealogyBatchInput = z.object({ batchId: idField }).strict();
