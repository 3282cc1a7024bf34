import type { FastifyRequest } from 'fastify';
import { eq } from 'drizzle-orm';
import { EbrError } from '../../shared/errors';
import { nodes } from '../../db/plant/schema';
import { NODE_HEADER, requestMessage, SIGNATURE_HEADER, TIME_HEADER } from '../core/plant/request-signing';
import { verifyWithPublicKey } from '../core/terminal/terminal-key';
import type { PlantDatabase } from './database';
import { raiseAlert } from './ingest';

export interface AuthenticatedNode {
  nodeId: string;
  status: 'active' | 'revoked';
  terminalTime: string;
  /** Terminal clock minus server clock. */
  clockSkewMs: number;
}

function header(request: FastifyRequest, name: string): string {
  const value = request.headers[name];
  if (typeof value !== 'string' || value === '')
    throw new EbrError('UNAUTHENTICATED', `The request is not signed: header ${name} is missing.`);
  return value;
}

/**
 * Every request after enrolment is signed by the node's key over method, path, node id, the
 * terminal's time and the body's SHA-256. Replays need no time window: uploads are idempotent.
 * A revoked node is authenticated (so its upload can be quarantined) but marked.
 */
export async function authenticateNode(
  database: PlantDatabase,
  request: FastifyRequest & { rawBody?: string },
): Promise<AuthenticatedNode> {
  const nodeId = header(request, NODE_HEADER);
  const time = header(request, TIME_HEADER);
  const signature = header(request, SIGNATURE_HEADER);
  const terminalMs = Date.parse(time);
  if (Number.isNaN(terminalMs))
    throw new EbrError('UNAUTHENTICATED', `Header ${TIME_HEADER} is not an ISO time.`);
  const [node] = await database.db.select().from(nodes).where(eq(nodes.id, nodeId));
  if (!node) {
    await raiseAlert(
      database,
      null,
      'unknown-node',
      `A request signed as unknown node ${nodeId} was refused.`,
    );
    throw new EbrError('UNAUTHENTICATED', `Node ${nodeId} is not enrolled on this server.`);
  }
  const message = requestMessage({
    method: request.method,
    path: request.url,
    nodeId,
    time,
    body: request.rawBody ?? '',
  });
  if (!verifyWithPublicKey(node.publicKeyPem, message, Buffer.from(signature, 'base64'))) {
    await raiseAlert(
      database,
      nodeId,
      'bad-request-signature',
      `A request for node ${nodeId} (${node.name}) carried a signature its key did not make.`,
    );
    throw new EbrError(
      'UNAUTHENTICATED',
      `The request signature does not verify with node ${nodeId}'s enrolled key.`,
    );
  }
  return { nodeId, status: node.status, terminalTime: time, clockSkewMs: terminalMs - Date.now() };
}
