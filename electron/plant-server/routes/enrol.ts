import { createPublicKey } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { EbrError } from '../../../shared/errors';
import { nodeKeys, nodes } from '../../../db/plant/schema';
import { enrolmentProofMessage } from '../../core/plant/request-signing';
import { enrolRequest, type EnrolAccepted } from '../../core/plant/wire';
import { fingerprintOf, verifyWithPublicKey } from '../../core/terminal/terminal-key';
import type { PlantDatabase } from '../database';
import { redeemEnrolmentCode } from '../enrolment-codes';
import { parseBody } from '../http-errors';
import type { ServerKey } from '../server-identity';
import { isUniqueViolation } from '../pg-errors';

function fingerprintOfPem(pem: string, field: string): string {
  try {
    return fingerprintOf(createPublicKey(pem));
  } catch {
    throw new EbrError('VALIDATION_FAILED', `${field}: not a PEM public key.`, { path: field });
  }
}

/** POST /v1/enrol: a one-time code registers the terminal's keys; the answer carries the server's key. */
export function enrolRoutes(
  app: FastifyInstance,
  deps: { database: PlantDatabase; serverKey: ServerKey },
): void {
  app.post('/v1/enrol', async (request) => {
    const enrolment = parseBody(enrolRequest, request.body);
    (request as { ebrRequestSignature?: string }).ebrRequestSignature = enrolment.proof;
    const fingerprint = fingerprintOfPem(enrolment.publicKeyPem, 'publicKeyPem');
    if (
      !verifyWithPublicKey(
        enrolment.publicKeyPem,
        enrolmentProofMessage(enrolment),
        Buffer.from(enrolment.proof, 'base64'),
      )
    )
      throw new EbrError(
        'UNAUTHENTICATED',
        'proof: the enrolment proof is not signed by the key being enrolled.',
        { path: 'proof' },
      );
    const keys = enrolment.keys.map((key, index) => ({
      ...key,
      fingerprint: fingerprintOfPem(key.publicKeyPem, `keys.${index}.publicKeyPem`),
    }));
    const own = keys.find((key) => key.fingerprint === fingerprint);
    if (!own || own.terminalId !== enrolment.nodeId)
      throw new EbrError(
        'VALIDATION_FAILED',
        'keys: the node key must be listed with the node id as its terminal.',
        { path: 'keys' },
      );
    try {
      await deps.database.db.transaction(async (tx) => {
        await redeemEnrolmentCode(tx, enrolment.code, { nodeId: enrolment.nodeId, name: enrolment.name });
        await tx.insert(nodes).values({
          id: enrolment.nodeId,
          name: enrolment.name,
          status: 'active',
          publicKeyPem: enrolment.publicKeyPem,
          fingerprint,
        });
        await tx.insert(nodeKeys).values(
          [...new Map(keys.map((key) => [key.fingerprint, key])).values()].map((key) => ({
            nodeId: enrolment.nodeId,
            terminalId: key.terminalId,
            fingerprint: key.fingerprint,
            publicKeyPem: key.publicKeyPem,
          })),
        );
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw new EbrError(
          'CONFLICT',
          `Terminal ${enrolment.nodeId} (or its key) is already enrolled on this server.`,
        );
      throw error;
    }
    request.log.info({ nodeId: enrolment.nodeId, name: enrolment.name, fingerprint }, 'terminal enrolled');
    const accepted: EnrolAccepted = {
      nodeId: enrolment.nodeId,
      serverPublicKeyPem: deps.serverKey.publicKeyPem,
      serverFingerprint: deps.serverKey.fingerprint,
    };
    return accepted;
  });
}
