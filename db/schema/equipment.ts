import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { id, utc } from './columns';

/**
 * Equipment items and rooms (R211-67, R211-105): identity and the rules their status follows.
 * Registered once, never changed in place; the status is derived from `equipment_events`.
 */
export const equipment = sqliteTable(
  'equipment',
  {
    id: id(),
    /** The distinctive number recipes and labels carry (e.g. EQ-GRN-001, RM-GRAN-2). */
    code: text('code').notNull(),
    kind: text('kind', { enum: ['equipment', 'room'] }).notNull(),
    description: text('description').notNull(),
    room: text('room').notNull(),
    /** A clean status lasts this long; afterwards the item must be cleaned again. */
    cleanHoldHours: real('clean_hold_hours').notNull(),
    /** Dirty longer than this: cleaning is overdue (shown as abnormal, recorded in the logbook). */
    dirtyHoldHours: real('dirty_hold_hours').notNull(),
    /** How many batches of the same product may follow one another before cleaning (1: clean after each). */
    campaignBatches: integer('campaign_batches').notNull(),
    registeredByUserId: text('registered_by_user_id').notNull(),
    registeredByName: text('registered_by_name').notNull(),
    registeredAtUtc: utc('registered_at_utc'),
  },
  (table) => [uniqueIndex('equipment_code').on(table.code)],
);

/**
 * The equipment logbook (R211-182): every use, cleaning, maintenance and status change, in order.
 * Batches and signed records write it; nothing else changes an item's status.
 */
export const equipmentEvents = sqliteTable(
  'equipment_events',
  {
    id: id(),
    equipmentId: text('equipment_id').notNull(),
    kind: text('kind', {
      enum: [
        'registered',
        'in-use',
        'released-dirty',
        'cleaned',
        'maintenance-started',
        'maintenance-ended',
        'out-of-service',
        'returned-to-service',
      ],
    }).notNull(),
    batchId: text('batch_id'),
    batchNumber: text('batch_number'),
    productCode: text('product_code'),
    productName: text('product_name'),
    /** Cleaning: the procedure followed and when it started and ended. */
    procedure: text('procedure'),
    startedAtUtc: text('started_at_utc'),
    endedAtUtc: text('ended_at_utc'),
    reason: text('reason').notNull(),
    performedByUserId: text('performed_by_user_id'),
    performedByName: text('performed_by_name').notNull(),
    verifiedByName: text('verified_by_name'),
    recordedAtUtc: utc('recorded_at_utc'),
  },
  (table) => [index('equipment_events_item').on(table.equipmentId, table.recordedAtUtc)],
);
