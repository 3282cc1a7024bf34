/**
 * The bare durable commit the audited benches compare against: a table as wide as one weighing
 * record, and one INSERT of such a row in its own IMMEDIATE transaction, on the store's own
 * encrypted connection (durable-commit, signatures, batch-execution).
 */
import type Database from 'better-sqlite3-multiple-ciphers';

/** One weighing record's row: the same width in every bench that compares with the bare commit. */
export interface BenchItem {
  batchId: string;
  stepId: string;
  material: string;
  quantity: number;
  unit: string;
  payload: string;
}

/** The weighing row of durable-commit (and of batch-execution's bare commit). */
export function benchItem(i: number): BenchItem {
  const value = {
    balance: 'BAL-07',
    gross: 12.5 + i / 1000,
    tare: 0.412,
    stable: true,
    serial: 'SN-2231-88',
  };
  return {
    batchId: `B-2026-${String(1 + (i % 40)).padStart(4, '0')}`,
    stepId: `OP10.S${i % 25}`,
    material: 'API-0042',
    quantity: value.gross - value.tare,
    unit: 'kg',
    payload: JSON.stringify(value),
  };
}

/**
 * Creates a bench table and prepares its INSERT. `rowid`: an INTEGER PRIMARY KEY the insert leaves
 * to SQLite; `text-id`: a TEXT PRIMARY KEY the row carries as `id`.
 */
export function createBenchTable(
  sqlite: Database.Database,
  name: string,
  key: 'rowid' | 'text-id' = 'rowid',
): Database.Statement {
  sqlite.exec(`CREATE TABLE ${name} (
  id ${key === 'rowid' ? 'INTEGER' : 'TEXT'} PRIMARY KEY,
  batch_id TEXT NOT NULL,
  step_id TEXT NOT NULL,
  material TEXT NOT NULL,
  quantity REAL NOT NULL,
  unit TEXT NOT NULL,
  payload TEXT NOT NULL
) STRICT`);
  const id = key === 'rowid' ? '' : 'id, ';
  const idValue = key === 'rowid' ? '' : '@id, ';
  return sqlite.prepare(
    `INSERT INTO ${name} (${id}batch_id, step_id, material, quantity, unit, payload) ` +
      `VALUES (${idValue}@batchId, @stepId, @material, @quantity, @unit, @payload)`,
  );
}

/** The bare durable commit: the prepared INSERT of one row in its own IMMEDIATE transaction. */
export function bareDurableCommit<Row extends BenchItem>(
  sqlite: Database.Database,
  insert: Database.Statement,
): (row: Row) => void {
  const commit = sqlite.transaction((row: Row) => insert.run(row));
  return (row) => {
    commit.immediate(row);
  };
}
