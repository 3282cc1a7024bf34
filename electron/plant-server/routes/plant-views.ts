import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { EbrError } from '../../../shared/errors';
import type { PlantDatabase } from '../database';
import { parseBody } from '../http-errors';
import { authenticateNode } from '../node-auth';

export interface PlantBatchRow {
  nodeId: string;
  terminalName: string;
  batchId: string;
  batchNumber: string | null;
  recipe: string | null;
  plannedQuantity: number | null;
  plannedUnit: string | null;
  training: boolean | null;
  status: string;
  createdAtUtc: string;
  lastChangeAtUtc: string;
}

const auditSearch = z.object({
  node: z.string().optional(),
  entityType: z.string().optional(),
  entityId: z.string().optional(),
  userId: z.string().optional(),
  action: z.string().optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/**
 * Read-only plant views over the server's copy, for any active enrolled terminal: the batch list
 * across terminals (from each batch's audit rows: created, then its latest status) and audit
 * search across nodes with the terminal's filters.
 */
export function plantViewRoutes(app: FastifyInstance, deps: { database: PlantDatabase }): void {
  const reader = async (request: Parameters<typeof authenticateNode>[1]) => {
    const node = await authenticateNode(deps.database, request);
    if (node.status === 'revoked')
      throw new EbrError('FORBIDDEN', `Terminal ${node.nodeId} is revoked on this server.`);
  };

  app.get('/v1/plant/batches', async (request) => {
    await reader(request);
    const { rows } = await deps.database.pool.query<PlantBatchRow>(
      `WITH created AS (
         SELECT e.node_id, e.entity_id, e.at_utc, e.new_value::jsonb AS value
         FROM log_entries e WHERE e.entity_type = 'batch' AND e.action = 'batch.created'),
       latest AS (
         SELECT DISTINCT ON (e.node_id, e.entity_id) e.node_id, e.entity_id, e.at_utc,
                e.new_value::jsonb ->> 'status' AS status
         FROM log_entries e
         WHERE e.entity_type = 'batch' AND e.new_value IS NOT NULL AND e.new_value::jsonb ? 'status'
         ORDER BY e.node_id, e.entity_id, e.seq DESC)
       SELECT c.node_id AS "nodeId", n.name AS "terminalName", c.entity_id AS "batchId",
              c.value ->> 'batchNumber' AS "batchNumber", c.value ->> 'recipe' AS recipe,
              (c.value ->> 'plannedQuantity')::float8 AS "plannedQuantity", c.value ->> 'plannedUnit' AS "plannedUnit",
              (c.value ->> 'training')::boolean AS training, coalesce(l.status, 'created') AS status,
              c.at_utc AS "createdAtUtc", coalesce(l.at_utc, c.at_utc) AS "lastChangeAtUtc"
       FROM created c JOIN nodes n ON n.id = c.node_id
       LEFT JOIN latest l ON l.node_id = c.node_id AND l.entity_id = c.entity_id
       ORDER BY c.at_utc DESC, c.entity_id`,
    );
    return { batches: rows };
  });

  app.get('/v1/plant/audit', async (request) => {
    await reader(request);
    const filter = parseBody(auditSearch, request.query);
    const conditions: string[] = [];
    const values: unknown[] = [];
    const add = (column: string, value: string | undefined, operator = '=') => {
      if (value === undefined) return;
      values.push(value);
      conditions.push(`e.${column} ${operator} $${values.length}`);
    };
    add('node_id', filter.node);
    add('entity_type', filter.entityType);
    add('entity_id', filter.entityId);
    add('user_id', filter.userId);
    add('action', filter.action);
    add('at_utc', filter.from, '>=');
    add('at_utc', filter.to, '<');
    values.push(filter.limit);
    const { rows } = await deps.database.pool.query(
      `SELECT e.node_id AS "nodeId", n.name AS "terminalName", e.seq::int AS seq, e.at_utc AS "atUtc",
              e.received_at AS "receivedAt", e.user_id AS "userId", e.user_name AS "userName", e.action,
              e.entity_type AS "entityType", e.entity_id AS "entityId", e.old_value AS "oldValue",
              e.new_value AS "newValue", e.reason
       FROM log_entries e JOIN nodes n ON n.id = e.node_id
       ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
       ORDER BY e.at_utc DESC, e.node_id, e.seq DESC LIMIT $${values.length}`,
      values,
    );
    return { entries: rows };
  });
}
