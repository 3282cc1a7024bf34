import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { EbrError } from '../../shared/errors';
import { responseMessage, SERVER_SIGNATURE_HEADER, SIGNATURE_HEADER } from '../core/plant/request-signing';
import type { PlantDatabase } from './database';
import { sendError } from './http-errors';
import { metricsText, newMetrics } from './metrics';
import { enrolRoutes } from './routes/enrol';
import { logRoutes } from './routes/log';
import { plantViewRoutes } from './routes/plant-views';
import type { ServerKey } from './server-identity';

export interface PlantServerOptions {
  database: PlantDatabase;
  serverKey: ServerKey;
  tls: { cert: string; key: string };
  /** Terminal clocks further off than this are flagged (A11-12.4). */
  maxClockSkewMs: number;
  logger?: FastifyServerOptions['logger'];
  /** Largest upload body, in bytes. */
  bodyLimit?: number;
}

type SignedRequest = { rawBody?: string; ebrRequestSignature?: string };

/**
 * The plant server: Fastify over TLS. JSON bodies are kept raw too, because node requests are
 * signed over the body's bytes; every answer to a signed request is signed by the server's key.
 */
export function buildPlantServer(options: PlantServerOptions): FastifyInstance {
  const bodyLimit = options.bodyLimit ?? 64 * 1024 * 1024;
  const app = Fastify({
    https: { cert: options.tls.cert, key: options.tls.key },
    logger: options.logger ?? { level: 'info' },
    bodyLimit,
  });
  const metrics = newMetrics();

  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, (request, body, done) => {
    (request as unknown as SignedRequest).rawBody = body as string;
    try {
      done(null, body === '' ? null : JSON.parse(body as string));
    } catch {
      done(new EbrError('VALIDATION_FAILED', 'The body is not valid JSON.'), undefined);
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const signed = request as unknown as SignedRequest;
    const requestSignature = signed.ebrRequestSignature ?? request.headers[SIGNATURE_HEADER];
    if (typeof requestSignature === 'string' && typeof payload === 'string') {
      reply.header(
        SERVER_SIGNATURE_HEADER,
        options.serverKey.sign(responseMessage(requestSignature, payload)).toString('base64'),
      );
    }
    return payload;
  });

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof EbrError) return sendError(reply, error);
    const status = (error as { statusCode?: number }).statusCode;
    if (status && status < 500)
      return sendError(reply.code(status), new EbrError('VALIDATION_FAILED', (error as Error).message));
    request.log.error({ err: error }, 'request failed');
    return sendError(
      reply,
      new EbrError('INTERNAL', 'The plant server failed to handle the request; see its log.'),
    );
  });

  app.get('/health', async (_request, reply) => {
    try {
      await options.database.pool.query('SELECT 1');
      return { status: 'ok', database: 'ok' };
    } catch (error) {
      return reply.code(503).send({ status: 'unavailable', database: (error as Error).message });
    }
  });
  app.get('/metrics', async (_request, reply) =>
    reply.type('text/plain; version=0.0.4').send(await metricsText(options.database, metrics)),
  );
  enrolRoutes(app, options);
  logRoutes(app, { database: options.database, metrics, maxClockSkewMs: options.maxClockSkewMs });
  plantViewRoutes(app, options);
  app.addHook('onClose', async () => {
    await options.database.close();
  });
  return app;
}
