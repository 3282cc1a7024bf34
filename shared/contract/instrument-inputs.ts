import { z } from 'zod';
import { safeText } from '../text/safe-text';
import { instrumentKinds, instrumentProtocols, protocolsOfKind } from '../instruments/instrument-kinds';
import { units } from '../recipes/units';
import { idField, reasonField } from './inputs';

/** Registry fields, checked the same way by the technician's form and the core. */
const baudRates: readonly number[] = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200];
const positive = z.number().finite().positive();
const utcDate = safeText().datetime({
  offset: false,
  message: 'A date and time in UTC (ISO 8601, ending in Z).',
});

export const instrumentFieldsSchema = z
  .object({
    assetId: safeText()
      .trim()
      .toUpperCase()
      .regex(
        /^[A-Z0-9][A-Z0-9._-]{0,31}$/,
        'Asset id: 1–32 uppercase letters, digits, dot, dash or underscore (e.g. EQ-BAL-032).',
      ),
    kind: z.enum(instrumentKinds),
    protocol: z.enum(instrumentProtocols),
    port: safeText().trim().min(1, 'Choose or type the serial port.').max(200),
    serial: z
      .object({
        baudRate: z
          .number()
          .int()
          .refine((rate) => baudRates.includes(rate), `The baud rate is one of ${baudRates.join(', ')}.`),
        dataBits: z.union([z.literal(7), z.literal(8)]),
        parity: z.enum(['none', 'even', 'odd']),
        stopBits: z.union([z.literal(1), z.literal(2)]),
        flowControl: z.enum(['none', 'xon-xoff', 'rts-cts']),
      })
      .strict(),
    expectedSerialNumber: safeText()
      .trim()
      .min(1, 'Enter the serial number on the instrument’s plate.')
      .max(64),
    model: safeText().trim().min(1, 'Enter the model.').max(120),
    unit: z.enum(units as [string, ...string[]]).optional(),
    capacity: positive.optional(),
    readability: positive.optional(),
    minimumWeight: positive.optional(),
    calibrationDueUtc: utcDate.optional(),
    terminalId: idField.optional(),
    simulated: z.boolean().default(false),
  })
  .strict()
  .superRefine((fields, context) => {
    if (!protocolsOfKind[fields.kind].includes(fields.protocol)) {
      context.addIssue({
        code: 'custom',
        path: ['protocol'],
        message: `A ${fields.kind} speaks ${protocolsOfKind[fields.kind].join(' or ')}, not ${fields.protocol}.`,
      });
    }
    if (fields.kind === 'balance') {
      for (const field of [
        'unit',
        'capacity',
        'readability',
        'minimumWeight',
        'calibrationDueUtc',
      ] as const) {
        if (fields[field] === undefined) {
          context.addIssue({ code: 'custom', path: [field], message: 'Required for a balance.' });
        }
      }
      if (
        fields.capacity !== undefined &&
        fields.readability !== undefined &&
        fields.readability >= fields.capacity
      ) {
        context.addIssue({
          code: 'custom',
          path: ['readability'],
          message: 'The readability must be finer than the capacity.',
        });
      }
      if (
        fields.capacity !== undefined &&
        fields.minimumWeight !== undefined &&
        fields.minimumWeight >= fields.capacity
      ) {
        context.addIssue({
          code: 'custom',
          path: ['minimumWeight'],
          message: 'The minimum weight must be below the capacity.',
        });
      }
    }
    if (fields.kind === 'ph-meter' && fields.calibrationDueUtc === undefined) {
      context.addIssue({ code: 'custom', path: ['calibrationDueUtc'], message: 'Required for a pH meter.' });
    }
  });

export type InstrumentFields = z.infer<typeof instrumentFieldsSchema>;

export const registerInstrumentInput = z
  .object({ fields: instrumentFieldsSchema, reason: reasonField })
  .strict();
export const updateInstrumentInput = z
  .object({ instrumentId: idField, fields: instrumentFieldsSchema, reason: reasonField })
  .strict();
export const instrumentStatusInput = z
  .object({
    instrumentId: idField,
    status: z.enum(['active', 'out-of-service', 'retired']),
    reason: reasonField,
  })
  .strict();
export const instrumentCheckInput = z
  .object({
    instrumentId: idField,
    kind: z.enum(['calibration', 'daily-check']),
    result: z.enum(['pass', 'fail']),
    performedAtUtc: utcDate,
    nextDueUtc: utcDate.optional(),
    reference: safeText().trim().min(1, 'Give the certificate or logbook reference.').max(120),
    comment: safeText().trim().max(1000).default(''),
  })
  .strict()
  .refine(
    (check) => check.kind !== 'calibration' || check.result !== 'pass' || check.nextDueUtc !== undefined,
    {
      path: ['nextDueUtc'],
      message: 'A passed calibration sets the next due date.',
    },
  );
