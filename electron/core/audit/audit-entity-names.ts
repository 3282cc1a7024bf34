import type Database from 'better-sqlite3-multiple-ciphers';
import type { AuditRowView } from '../../../shared/contract/audit-trail';

/**
 * What people call the records an audit page names, instead of their ids: batches by number,
 * recipes by code and version, people by name and username, terminals, instruments and equipment
 * by their names, lots and materials by their numbers (the screen puts the kind before the name). The records a batch holds (entries, exceptions,
 * dispositions, audit-trail reviews) are named by their batch (and step). Ids that name nothing
 * known are left out: the screen shows the id itself.
 */
const namers: Record<string, string> = {
  batch: `SELECT batch_number FROM batches WHERE id = ?`,
  'batch-export': `SELECT batch_number FROM batches WHERE id = ?`,
  'batch-entry': `SELECT b.batch_number || ', step ' || e.step_id
    FROM batch_entries e JOIN batches b ON b.id = e.batch_id WHERE e.id = ?`,
  'batch-exception': `SELECT b.batch_number || ', step ' || x.step_id
    FROM batch_exceptions x JOIN batches b ON b.id = x.batch_id WHERE x.id = ?`,
  'batch-disposition': `SELECT b.batch_number
    FROM batch_dispositions d JOIN batches b ON b.id = d.batch_id WHERE d.id = ?`,
  'batch-audit-review': `SELECT b.batch_number
    FROM batch_audit_reviews r JOIN batches b ON b.id = r.batch_id WHERE r.id = ?`,
  recipe: `SELECT code || ' version ' || version_label FROM recipe_versions WHERE id = ?`,
  'recipe-version': `SELECT code || ' version ' || version_label FROM recipe_versions WHERE id = ?`,
  user: `SELECT full_name || ' (' || username || ')' FROM users WHERE id = ?`,
  terminal: `SELECT name FROM terminals WHERE id = ?`,
  instrument: `SELECT asset_id FROM instruments WHERE id = ?`,
  equipment: `SELECT code FROM equipment WHERE id = ?`,
  lot: `SELECT lot_number FROM lots WHERE id = ?`,
  material: `SELECT code FROM materials WHERE id = ?`,
};

/** The key of an entity in `AuditPage.entityNames`. */
export function entityKey(entityType: string, entityId: string): string {
  return `${entityType}:${entityId}`;
}

export class AuditEntityNames {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly sqlite: Database.Database) {}

  /** Names of the entities and terminals of `rows`, one lookup per distinct entity (by primary key). */
  of(rows: readonly AuditRowView[]): {
    entityNames: Record<string, string>;
    terminalNames: Record<string, string>;
  } {
    const entityNames: Record<string, string> = {};
    const terminalNames: Record<string, string> = {};
    for (const row of rows) {
      const key = entityKey(row.entityType, row.entityId);
      if (!(key in entityNames)) {
        const name = this.lookup(row.entityType, row.entityId);
        if (name !== null) entityNames[key] = name;
      }
      if (!(row.terminalId in terminalNames)) {
        const terminal = this.lookup('terminal', row.terminalId);
        if (terminal !== null) terminalNames[row.terminalId] = terminal;
      }
    }
    return { entityNames, terminalNames };
  }

  private lookup(entityType: string, entityId: string): string | null {
    const sql = Object.hasOwn(namers, entityType) ? namers[entityType]! : null;
    if (sql === null) return null;
    let statement = this.statements.get(entityType);
    if (!statement) {
      statement = this.sqlite.prepare(sql).pluck();
      this.statements.set(entityType, statement);
    }
    const name = statement.get(entityId) as string | undefined;
    return name ?? null;
  }
}
