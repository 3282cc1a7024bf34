import type Database from 'better-sqlite3-multiple-ciphers';
import type { GenealogyBatchView, GenealogyLotView } from '../../../shared/contract/materials';
import { EbrError } from '../../../shared/errors';
import type { Clock } from '../clock';
import { LOTS_FROM, lotSummaryOf, readLot, type LotRow } from './lot-records';

/**
 * Genealogy (R211-184) from recorded consumptions and equipment use only: a lot → the batches
 * that used it (forward), a batch → the lots it consumed and the equipment it used (backward).
 */
export class Genealogy {
  constructor(
    private readonly sqlite: Database.Database,
    private readonly clock: Clock,
  ) {}

  forward(lotNumber: string): GenealogyLotView {
    const row = readLot(this.sqlite, lotNumber);
    if (!row) throw new EbrError('NOT_FOUND', `There is no lot ${lotNumber}.`, { field: 'lotNumber' });
    const batches = this.sqlite
      .prepare(
        `SELECT c.batch_id AS batchId, b.batch_number AS batchNumber, b.product_code AS productCode, b.product_name AS productName,
           b.status, sum(c.quantity) AS quantity, c.unit, count(*) AS portions
         FROM lot_consumptions c JOIN batches b ON b.id = c.batch_id
         WHERE c.lot_id = ? GROUP BY c.batch_id, c.unit ORDER BY min(c.dispensed_at_utc), b.batch_number`,
      )
      .all(row.id) as GenealogyLotView['batches'];
    return { lot: lotSummaryOf(row, this.clock.now()), batches };
  }

  backward(batchId: string): GenealogyBatchView {
    const batch = this.sqlite
      .prepare(
        'SELECT id, batch_number AS batchNumber, product_code AS productCode, product_name AS productName, status FROM batches WHERE id = ?',
      )
      .get(batchId) as
      | { id: string; batchNumber: string; productCode: string; productName: string; status: string }
      | undefined;
    if (!batch) throw new EbrError('NOT_FOUND', 'There is no such batch.');
    const lots = (
      this.sqlite
        .prepare(
          `SELECT l.lot_number AS lotNumber, m.code AS materialCode, m.name AS materialName, sum(c.quantity) AS quantity, c.unit,
             group_concat(c.container) AS containers, min(c.status_at_use) AS statusAtUse, c.potency_at_use AS potencyAtUse
           FROM lot_consumptions c JOIN lots l ON l.id = c.lot_id JOIN materials m ON m.id = l.material_id
           WHERE c.batch_id = ? GROUP BY c.lot_id, c.unit ORDER BY min(c.dispensed_at_utc), min(c.rowid)`,
        )
        .all(batchId) as (Omit<GenealogyBatchView['lots'][number], 'containers'> & {
        containers: string | null;
      })[]
    ).map((lot) => ({
      ...lot,
      containers: lot.containers
        ? [...new Set(lot.containers.split(',').map(Number))].sort((a, b) => a - b)
        : [],
    }));
    const equipment = this.sqlite
      .prepare(
        `SELECT q.code, q.description, min(e.recorded_at_utc) AS firstUseUtc, e.reason AS cleanStatusAtUse
         FROM equipment_events e JOIN equipment q ON q.id = e.equipment_id
         WHERE e.batch_id = ? AND e.kind = 'in-use' GROUP BY q.id ORDER BY firstUseUtc`,
      )
      .all(batchId) as GenealogyBatchView['equipment'];
    const output = this.sqlite.prepare(`${LOTS_FROM} WHERE l.produced_by_batch_id = ?`).get(batchId) as
      LotRow | undefined;
    return {
      batchId: batch.id,
      batchNumber: batch.batchNumber,
      productCode: batch.productCode,
      productName: batch.productName,
      status: batch.status,
      lots,
      equipment,
      outputLot: output ? lotSummaryOf(output, this.clock.now()) : null,
    };
  }

  /** The batch with this number, for the command line. */
  batchIdOf(batchNumber: string): string {
    const id = this.sqlite
      .prepare('SELECT id FROM batches WHERE batch_number = ?')
      .pluck()
      .get(batchNumber.toUpperCase()) as string | undefined;
    if (!id) throw new EbrError('NOT_FOUND', `There is no batch ${batchNumber}.`);
    return id;
  }
}
