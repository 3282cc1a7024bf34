import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { id, utc } from './columns';

/**
 * The material master (R211-84): what a recipe names by code. Registered once, never changed in
 * place (append-only); a lot always points at the material it was received as.
 */
export const materials = sqliteTable(
  'materials',
  {
    id: id(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['active', 'excipient', 'packaging', 'intermediate'] }).notNull(),
    baseUnit: text('base_unit').notNull(),
    storageConditions: text('storage_conditions').notNull(),
    registeredByUserId: text('registered_by_user_id').notNull(),
    registeredByName: text('registered_by_name').notNull(),
    registeredAtUtc: utc('registered_at_utc'),
  },
  (table) => [uniqueIndex('materials_code').on(table.code)],
);

/**
 * Lots as received (or made by a batch): the facts on the certificate, never changed in place. Its
 * status is the latest row of `lot_status_events`; what is left is the received quantity minus
 * the portions in `lot_consumptions`.
 */
export const lots = sqliteTable(
  'lots',
  {
    id: id(),
    /** Internal lot number: unique, never reused. */
    lotNumber: text('lot_number').notNull(),
    materialId: text('material_id').notNull(),
    supplier: text('supplier').notNull(),
    supplierLot: text('supplier_lot').notNull(),
    /** GTIN (14 digits) on the supplier's labels, when it has one. */
    gtin: text('gtin'),
    receivedDate: text('received_date').notNull(),
    receivedQuantity: real('received_quantity').notNull(),
    unit: text('unit').notNull(),
    containerCount: integer('container_count').notNull(),
    /** Dates as YYYY-MM-DD: the lot is unusable from the day after expiry / on the retest date. */
    expiryDate: text('expiry_date').notNull(),
    retestDate: text('retest_date'),
    potencyPercent: real('potency_percent'),
    origin: text('origin', { enum: ['manual', 'import', 'batch-output'] }).notNull(),
    /** For a batch's output lot: the batch that makes it. */
    producedByBatchId: text('produced_by_batch_id'),
    registeredByUserId: text('registered_by_user_id').notNull(),
    registeredByName: text('registered_by_name').notNull(),
    registeredAtUtc: utc('registered_at_utc'),
  },
  (table) => [
    uniqueIndex('lots_lot_number').on(table.lotNumber),
    index('lots_material').on(table.materialId),
    uniqueIndex('lots_output_batch').on(table.producedByBatchId),
  ],
);

/** Every status a lot has had (R211-84/87): who moved it, why, and the QA signature when signed. */
export const lotStatusEvents = sqliteTable(
  'lot_status_events',
  {
    id: id(),
    lotId: text('lot_id').notNull(),
    status: text('status', { enum: ['quarantine', 'released', 'rejected'] }).notNull(),
    reason: text('reason').notNull(),
    signatureId: text('signature_id'),
    changedByUserId: text('changed_by_user_id'),
    changedByName: text('changed_by_name').notNull(),
    changedAtUtc: utc('changed_at_utc'),
  },
  (table) => [index('lot_status_events_lot').on(table.lotId, table.changedAtUtc)],
);

/**
 * Each portion dispensed from a lot into a batch (R211-184): the forward and backward genealogy
 * and the remaining quantity are derived from these rows only.
 */
export const lotConsumptions = sqliteTable(
  'lot_consumptions',
  {
    id: id(),
    lotId: text('lot_id').notNull(),
    batchId: text('batch_id').notNull(),
    stepId: text('step_id').notNull(),
    container: integer('container'),
    quantity: real('quantity').notNull(),
    unit: text('unit').notNull(),
    /** The lot's status and potency when it was used, as the batch record shows them. */
    statusAtUse: text('status_at_use').notNull(),
    potencyAtUse: real('potency_at_use'),
    /** Set when the operator declared the container empty with this portion. */
    emptied: integer('emptied', { mode: 'boolean' }).notNull(),
    dispensedByUserId: text('dispensed_by_user_id').notNull(),
    dispensedByName: text('dispensed_by_name').notNull(),
    dispensedAtUtc: utc('dispensed_at_utc'),
  },
  (table) => [
    // Covers forward genealogy (a lot used by thousands of batches) without reading the rows.
    index('lot_consumptions_lot').on(
      table.lotId,
      table.batchId,
      table.unit,
      table.quantity,
      table.dispensedAtUtc,
    ),
    index('lot_consumptions_batch').on(table.batchId),
    // Emptied containers of a lot, read with every lot summary.
    index('lot_consumptions_emptied')
      .on(table.lotId, table.container)
      .where(sql`${table.emptied} = 1`),
  ],
);
