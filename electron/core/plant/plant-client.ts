import { X509Certificate } from 'node:crypto';
import { request as httpsRequest } from 'node:https';
import { connect, rootCertificates, type PeerCertificate } from 'node:tls';
import { EbrError } from '../../../shared/errors';
import { verifyWithPublicKey, type TerminalKey } from '../terminal/terminal-key';
import {
  NODE_HEADER,
  requestMessage,
  responseMessage,
  SERVER_SIGNATURE_HEADER,
  SIGNATURE_HEADER,
  TIME_HEADER,
} from './request-signing';

export interface PlantResponse {
  status: number;
  body: unknown;
  rawBody: string;
  serverSignature: string | undefined;
  /** The node's signature of the request, when it was signed. */
  requestSignature: string | undefined;
}

/** Trust exactly the pinned certificate: its fingerprint must match, whatever signed it. */
export interface PinnedTls {
  certificatePem: string;
  fingerprint: string;
}

function serverUrl(base: string, path: string): URL {
  let url: URL;
  try {
    url = new URL(path, base);
  } catch {
    throw new EbrError('VALIDATION_FAILED', `--server "${base}" is not a URL (https://HOST:PORT).`);
  }
  if (url.protocol !== 'https:')
    throw new EbrError('VALIDATION_FAILED', `--server must be an https:// URL, not ${url.protocol}//.`);
  return url;
}

function unreachable(url: URL, error: Error): EbrError {
  return new EbrError(
    'STORE_UNAVAILABLE',
    `The plant server at ${url.host} cannot be reached: ${error.message}`,
    {
      reason: 'unreachable',
    },
  );
}

/** The server's TLS certificate, read without trusting it: enrolment pins what it shows. */
export function fetchServerCertificate(base: string, timeoutMs = 15_000): Promise<PinnedTls> {
  const url = serverUrl(base, '/');
  return new Promise((resolve, reject) => {
    const socket = connect({
      host: url.hostname,
      port: Number(url.port || 443),
      servername: /^[\d.]+$/.test(url.hostname) ? undefined : url.hostname,
      rejectUnauthorized: false,
      timeout: timeoutMs,
    });
    socket.once('secureConnect', () => {
      const peer = socket.getPeerCertificate(true) as PeerCertificate;
      socket.end();
      const certificate = new X509Certificate(peer.raw);
      resolve({ certificatePem: certificate.toString(), fingerprint: certificate.fingerprint256 });
    });
    socket.once('timeout', () => socket.destroy(new Error(`no TLS answer within ${timeoutMs / 1000} s`)));
    socket.once('error', (error) => reject(unreachable(url, error)));
  });
}

/**
 * One HTTPS request to the plant server. With `signer`, the request is signed by the node's key.
 * TLS accepts only the pinned certificate (by fingerprint); hostnames do not matter then.
 */
export function plantRequest(options: {
  base: string;
  tls: PinnedTls;
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  signer?: { nodeId: string; key: TerminalKey; now: () => number };
  timeoutMs?: number;
}): Promise<PlantResponse> {
  const url = serverUrl(options.base, options.path);
  const body = options.body === undefined ? '' : JSON.stringify(options.body);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== '') headers['content-type'] = 'application/json';
  if (options.signer) {
    const time = new Date(options.signer.now()).toISOString();
    const path = url.pathname + url.search;
    headers[NODE_HEADER] = options.signer.nodeId;
    headers[TIME_HEADER] = time;
    headers[SIGNATURE_HEADER] = options.signer.key
      .sign(requestMessage({ method: options.method, path, nodeId: options.signer.nodeId, time, body }))
      .toString('base64');
  }
  const timeoutMs = options.timeoutMs ?? 60_000;
  return new Promise((resolve, reject) => {
    const request = httpsRequest(
      url,
      {
        method: options.method,
        headers,
        ca: [...rootCertificates, options.tls.certificatePem],
        checkServerIdentity: (_host, certificate) =>
          certificate.fingerprint256 === options.tls.fingerprint
            ? undefined
            : new Error(
                `the server's TLS certificate ${certificate.fingerprint256} is not the pinned ${options.tls.fingerprint}`,
              ),
        timeout: timeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', (error) => reject(unreachable(url, error)));
        response.on('end', () => {
          const rawBody = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown;
          try {
            parsed = rawBody === '' ? null : JSON.parse(rawBody);
          } catch {
            parsed = rawBody;
          }
          const signature = response.headers[SERVER_SIGNATURE_HEADER];
          resolve({
            status: response.statusCode ?? 0,
            body: parsed,
            rawBody,
            serverSignature: typeof signature === 'string' ? signature : undefined,
            requestSignature: headers[SIGNATURE_HEADER],
          });
        });
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    request.on('error', (error) => reject(unreachable(url, error)));
    request.end(body);
  });
}

/** The answer must be signed by the pinned server key over this request: else it is not the plant's. */
export function assertServerSigned(
  response: PlantResponse,
  requestSignature: string,
  serverPublicKeyPem: string,
): void {
  if (
    !response.serverSignature ||
    !verifyWithPublicKey(
      serverPublicKeyPem,
      responseMessage(requestSignature, response.rawBody),
      Buffer.from(response.serverSignature, 'base64'),
    )
  ) {
    throw new EbrError('UNAUTHENTICATED', 'The plant server answer is not signed by the pinned server key.', {
      reason: 'server-signature-invalid',
    });
  }
}
