import type Database from 'better-sqlite3-multiple-ciphers';
import { EbrError, isErrorCode } from '../../../shared/errors';
import type { AuditTrail } from '../audit/audit-trail';
import { toUtcIso, type Clock } from '../clock';
import type { TerminalIdentity } from '../startup';
import { createPublicKey } from 'node:crypto';
import { fingerprintOf } from '../terminal/terminal-key';
import { assertServerSigned, fetchServerCertificate, plantRequest } from './plant-client';
import { readPlantLink, writePlantLink, type PlantLink } from './plant-link';
import { enrolmentProofMessage } from './request-signing';
import type { EnrolAccepted, EnrolRequest } from './wire';

export interface EnrolDeps {
  dataDir: string;
  sqlite: Database.Database;
  terminal: TerminalIdentity;
  audit: AuditTrail;
  clock: Clock;
  /** Who enrols, for the audit trail. */
  actor: { userId: string | null; userName: string | null };
}

function normalizeFingerprint(fingerprint: string): string {
  return fingerprint.toUpperCase().replace(/[^0-9A-F]/g, '');
}

/** An error answer from the server, as the EbrError it sent. */
export function serverError(status: number, body: unknown): EbrError {
  const data = body as { code?: unknown; message?: unknown; details?: Record<string, unknown> } | null;
  if (data && isErrorCode(data.code) && typeof data.message === 'string')
    return new EbrError(data.code, data.message, data.details);
  return new EbrError('INTERNAL', `The plant server answered HTTP ${status}.`);
}

/**
 * Registers this terminal's keys with the plant server (one-time code) and pins the server's
 * TLS certificate and signing key in the data folder; audited. With `expectedTlsFingerprint`
 * (read to the installer out of band) a different certificate is refused before anything is sent.
 */
export async function enrolTerminal(
  deps: EnrolDeps,
  request: { serverUrl: string; code: string; expectedTlsFingerprint?: string },
): Promise<PlantLink> {
  const existing = readPlantLink(deps.dataDir);
  if (existing)
    throw new EbrError(
      'ALREADY_INITIALIZED',
      `This terminal is already enrolled with ${existing.serverUrl}.`,
    );
  const tls = await fetchServerCertificate(request.serverUrl);
  if (
    request.expectedTlsFingerprint !== undefined &&
    normalizeFingerprint(request.expectedTlsFingerprint) !== normalizeFingerprint(tls.fingerprint)
  ) {
    throw new EbrError(
      'UNAUTHENTICATED',
      `The server's TLS certificate ${tls.fingerprint} is not the expected ${request.expectedTlsFingerprint}: not enrolled.`,
    );
  }
  const { terminal } = deps;
  const keys = deps.sqlite
    .prepare('SELECT id AS terminalId, public_key_pem AS publicKeyPem FROM terminals')
    .all() as {
    terminalId: string;
    publicKeyPem: string;
  }[];
  const unsigned = { code: request.code, nodeId: terminal.id, publicKeyPem: terminal.key.publicKeyPem };
  const proof = terminal.key.sign(enrolmentProofMessage(unsigned)).toString('base64');
  const body: EnrolRequest = { ...unsigned, name: terminal.name, keys, proof };
  const response = await plantRequest({
    base: request.serverUrl,
    tls,
    method: 'POST',
    path: '/v1/enrol',
    body,
  });
  if (response.status !== 200) throw serverError(response.status, response.body);
  const accepted = response.body as EnrolAccepted;
  if (fingerprintOf(createPublicKey(accepted.serverPublicKeyPem)) !== accepted.serverFingerprint)
    throw new EbrError('UNAUTHENTICATED', 'The plant server sent a key that does not match its fingerprint.');
  assertServerSigned(response, proof, accepted.serverPublicKeyPem);
  const link: PlantLink = {
    format: 'ebr-plant-link/1',
    serverUrl: new URL(request.serverUrl).origin,
    nodeId: terminal.id,
    serverPublicKeyPem: accepted.serverPublicKeyPem,
    serverFingerprint: accepted.serverFingerprint,
    tlsCertificatePem: tls.certificatePem,
    tlsFingerprint: tls.fingerprint,
    enrolledAtUtc: toUtcIso(deps.clock.now()),
  };
  deps.audit.change(deps.actor, (audit) =>
    audit.record({
      action: 'plant.enrolled',
      entityType: 'terminal',
      entityId: terminal.id,
      newValue: {
        serverUrl: link.serverUrl,
        serverFingerprint: link.serverFingerprint,
        tlsFingerprint: link.tlsFingerprint,
      },
    }),
  );
  writePlantLink(deps.dataDir, link);
  return link;
}
