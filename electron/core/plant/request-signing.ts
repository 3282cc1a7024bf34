import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../shared/canonical-json';

/** Headers of a node-signed request. */
export const NODE_HEADER = 'x-ebr-node';
export const TIME_HEADER = 'x-ebr-time';
export const SIGNATURE_HEADER = 'x-ebr-signature';
/** The server's Ed25519 signature over the response, bound to the request's signature. */
export const SERVER_SIGNATURE_HEADER = 'x-ebr-server-signature';

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** What a node signs: method, path, node id, its clock's time and the body's SHA-256. */
export function requestMessage(request: {
  method: string;
  path: string;
  nodeId: string;
  time: string;
  body: string;
}): Buffer {
  return Buffer.from(
    canonicalJson({
      method: request.method.toUpperCase(),
      path: request.path,
      nodeId: request.nodeId,
      time: request.time,
      bodySha256: sha256Hex(request.body),
    }),
    'utf8',
  );
}

/** What the server signs: the request's signature (or enrolment proof) and the response body. */
export function responseMessage(requestSignature: string, body: string): Buffer {
  return Buffer.from(canonicalJson({ request: requestSignature, bodySha256: sha256Hex(body) }), 'utf8');
}

/** What an enrolling terminal signs to prove it holds the key it registers. */
export function enrolmentProofMessage(enrolment: {
  code: string;
  nodeId: string;
  publicKeyPem: string;
}): Buffer {
  return Buffer.from(
    canonicalJson({ code: enrolment.code, nodeId: enrolment.nodeId, publicKeyPem: enrolment.publicKeyPem }),
    'utf8',
  );
}
