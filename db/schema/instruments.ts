import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { flag, id, utc } from './columns';

/**
 * The instrument registry (P11-10h, A11-5): what may be connected where, with the facts a capture
 * is checked against. Changed only through the registry service, every change audited with a reason.
 */
export const instruments = sqliteTable(
  'instruments',
  {
    id: id(),
    /** The equipment id recipes name (e.g. EQ-BAL-032). */
    assetId: text('asset_id').notNull(),
    kind: text('kind', { enum: ['balance', 'ph-meter', 'barcode-scanner'] }).notNull(),
    protocol: text('protocol', { enum: ['mt-sics', 'sartorius-sbi', 'and', 'ph-mt', 'scanner'] }).notNull(),
    port: text('port').notNull(),
    baudRate: integer('baud_rate').notNull(),
    dataBits: integer('data_bits').notNull(),
    parity: text('parity', { enum: ['none', 'even', 'odd'] }).notNull(),
    stopBits: integer('stop_bits').notNull(),
    flowControl: text('flow_control', { enum: ['none', 'xon-xoff', 'rts-cts'] }).notNull(),
    expectedSerialNumber: text('expected_serial_number').notNull(),
    model: text('model').notNull(),
    unit: text('unit'),
    capacity: real('capacity'),
    readability: real('readability'),
    minimumWeight: real('minimum_weight'),
    calibrationDueUtc: text('calibration_due_utc'),
    terminalId: text('terminal_id'),
    status: text('status', { enum: ['active', 'out-of-service', 'retired'] }).notNull(),
    /** A simulated instrument: usable only by training batches. */
    simulated: flag('simulated'),
    createdAtUtc: utc('created_at_utc'),
    updatedAtUtc: utc('updated_at_utc'),
  },
  (table) => [uniqueIndex('instruments_asset_id').on(table.assetId)],
);

/** Calibrations and daily checks entered by technicians: append-only history. */
export const instrumentChecks = sqliteTable(
  'instrument_checks',
  {
    id: id(),
    instrumentId: text('instrument_id').notNull(),
    kind: text('kind', { enum: ['calibration', 'daily-check'] }).notNull(),
    result: text('result', { enum: ['pass', 'fail'] }).notNull(),
    performedAtUtc: text('performed_at_utc').notNull(),
    /** For a calibration: when the next one is due. */
    nextDueUtc: text('next_due_utc'),
    reference: text('reference').notNull(),
    comment: text('comment').notNull(),
    enteredByUserId: text('entered_by_user_id').notNull(),
    enteredByName: text('entered_by_name').notNull(),
    enteredAtUtc: utc('entered_at_utc'),
  },
  (table) => [index('instrument_checks_instrument').on(table.instrumentId)],
);

/**
 * Every value taken from an instrument for a step, as received (ALCOA+ "original"): raw bytes,
 * what they were read as, which instrument on which port, when. Append-only; an entry that
 * records the value names its capture.
 */
export const instrumentCaptures = sqliteTable(
  'instrument_captures',
  {
    id: id(),
    instrumentId: text('instrument_id').notNull(),
    batchId: text('batch_id').notNull(),
    stepId: text('step_id').notNull(),
    kind: text('kind', { enum: ['reading', 'scan'] }).notNull(),
    serialNumber: text('serial_number').notNull(),
    model: text('model'),
    protocol: text('protocol').notNull(),
    port: text('port').notNull(),
    value: real('value'),
    valueText: text('value_text').notNull(),
    unit: text('unit'),
    tare: real('tare'),
    rawHex: text('raw_hex').notNull(),
    receivedAtUtc: text('received_at_utc').notNull(),
    capturedByUserId: text('captured_by_user_id').notNull(),
    capturedAtUtc: utc('captured_at_utc'),
  },
  (table) => [index('instrument_captures_step').on(table.batchId, table.stepId)],
);
