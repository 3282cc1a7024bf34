import type { FastifyInstance, FastifyRequest } from 'fastify';
import { EbrError } from '../../../shared/errors';
import { uploadRequest } from '../../core/plant/wire';
import type { PlantDatabase } from '../database';
import { ingestUpload, logHeadOf, quarantineUpload, raiseAlert, recordContact } from '../ingest';
import { parseBody } from '../http-errors';
import type { PlantMetrics } from '../metrics';
import { authenticateNode } from '../node-auth';

export interface LogRouteDeps {
  database: PlantDatabase;
  metrics: PlantMetrics;
  maxClockSkewMs: number;
}

function reportedHead(request: FastifyRequest): number | null {
  const value = (request.query as Record<string, string | undefined>).headSeq;
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : null;
}

/** GET /v1/log/head and POST /v1/log: the node's acknowledged high-water mark and its uploads. */
export function logRoutes(app: FastifyInstance, deps: LogRouteDeps): void {
  const { database, metrics } = deps;

  app.get('/v1/log/head', async (request) => {
    const node = await authenticateNode(database, request);
    if (node.status === 'revoked') {
      await raiseAlert(
        database,
        node.nodeId,
        'revoked-node-contact',
        `Revoked node ${node.nodeId} asked for its head.`,
      );
      throw new EbrError(
        'FORBIDDEN',
        `Terminal ${node.nodeId} is revoked on this server; its uploads are refused.`,
        { reason: 'revoked-node' },
      );
    }
    await recordContact(database.db, node.nodeId, {
      ...node,
      reportedHeadSeq: reportedHead(request),
      maxClockSkewMs: deps.maxClockSkewMs,
    });
    return logHeadOf(database.db, node.nodeId, new Date().toISOString());
  });

  app.post('/v1/log', async (request) => {
    const node = await authenticateNode(database, request);
    if (node.status === 'revoked') {
      const found = {
        reason: 'revoked-node' as const,
        seq: null,
        message: `Terminal ${node.nodeId} is revoked; its upload is kept in quarantine, not stored.`,
      };
      const quarantineId = await quarantineUpload(database, node.nodeId, request.body ?? null, found);
      metrics.uploadsRefused++;
      throw new EbrError('FORBIDDEN', found.message, { reason: found.reason, quarantineId });
    }
    const upload = parseBody(uploadRequest, request.body);
    if (upload.nodeId !== node.nodeId) {
      const found = {
        reason: 'wrong-terminal' as const,
        seq: upload.entries[0]?.seq ?? null,
        message: `The upload is for node ${upload.nodeId} but was signed by node ${node.nodeId}.`,
      };
      const quarantineId = await quarantineUpload(database, node.nodeId, upload, found);
      metrics.uploadsRefused++;
      throw new EbrError('AUDIT_CHAIN_BROKEN', found.message, {
        reason: found.reason,
        seq: found.seq,
        quarantineId,
      });
    }
    const started = process.hrtime.bigint();
    const result = await ingestUpload(database, node.nodeId, upload, {
      ...node,
      reportedHeadSeq: reportedHead(request),
      maxClockSkewMs: deps.maxClockSkewMs,
    });
    metrics.ingestSeconds += Number(process.hrtime.bigint() - started) / 1e9;
    if (!result.ok) {
      metrics.uploadsRefused++;
      request.log.warn(
        { nodeId: node.nodeId, ...result.break, quarantineId: result.quarantineId },
        'upload quarantined',
      );
      throw new EbrError('AUDIT_CHAIN_BROKEN', result.break.message, {
        reason: result.break.reason,
        seq: result.break.seq,
        quarantineId: result.quarantineId,
      });
    }
    metrics.uploadsAccepted++;
    metrics.entriesStored += result.accepted.stored;
    request.log.info({ nodeId: node.nodeId, ...result.accepted }, 'upload stored');
    return result.accepted;
  });
}
