import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import { canonicalJson } from '../../../shared/canonical-json';
import type { RecordRef, SignatureVerification } from '../../../shared/contract/signatures';
import type { SignatureMeaning } from '../../../shared/signatures';
import { keyringOf, verifyWithPublicKey } from '../terminal/terminal-key';
import type { SignedRecords } from './signed-records';
import type { VerifiedSignatures } from './verified-signatures';

export interface StoredSignature {
  id: string;
  recordType: string;
  recordId: string;
  meaning: SignatureMeaning;
  signerUserId: string;
  signerUsername: string;
  signerName: string;
  signedAtUtc: string;
  timeZone: string;
  terminalId: string;
  contentHash: string;
  keyId: string;
  signature: string;
  /** The statement as the signer saw it and its language; null on signatures made before they were recorded. */
  statement?: string | null;
  statementLanguage?: string | null;
}

export const signatureColumns = `id, record_type AS recordType, record_id AS recordId, meaning, signer_user_id AS signerUserId,
  signer_username AS signerUsername, signer_name AS signerName, signed_at_utc AS signedAtUtc, time_zone AS timeZone,
  terminal_id AS terminalId, content_hash AS contentHash, key_id AS keyId, signature,
  statement, statement_language AS statementLanguage`;

/** SHA-256 of the RFC 8785 canonical JSON: the same content in any key order hashes the same. */
export function contentHashOf(content: unknown): string {
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}

/**
 * Exactly what the terminal key signs: every stored field but the signature itself. The statement
 * and its language join the payload where they were recorded; a signature made before that signed
 * without them and still verifies.
 */
export function signedPayload(row: Omit<StoredSignature, 'signature'>): Buffer {
  const statement =
    row.statementLanguage == null && row.statement == null
      ? {}
      : { statement: row.statement ?? null, statementLanguage: row.statementLanguage ?? null };
  return Buffer.from(
    canonicalJson({
      ...statement,
      id: row.id,
      recordType: row.recordType,
      recordId: row.recordId,
      meaning: row.meaning,
      signerUserId: row.signerUserId,
      signerUsername: row.signerUsername,
      signerName: row.signerName,
      signedAtUtc: row.signedAtUtc,
      timeZone: row.timeZone,
      terminalId: row.terminalId,
      contentHash: row.contentHash,
      keyId: row.keyId,
    }),
    'utf8',
  );
}

export { keyringOf };

/**
 * Checks the terminal signature over the row, then recomputes the content hash from the record
 * as it is now: a changed record, or a signature moved to another record, fails (P11-70). With
 * `verified` (views), a row that verified before under the same key is not verified with Ed25519
 * again; the content is still read and hashed now (verified-signatures.ts).
 */
export function verifySignatureRow(
  row: StoredSignature,
  records: SignedRecords,
  keys: Map<string, string>,
  verified?: VerifiedSignatures,
): SignatureVerification {
  const pem = keys.get(row.keyId);
  const payload = pem === undefined ? undefined : signedPayload(row);
  const verifyNow = () => verifyWithPublicKey(pem!, payload!, Buffer.from(row.signature, 'base64'));
  const terminalSignatureValid =
    pem !== undefined && (verified ? verified.check(pem, payload!, row.signature, verifyNow) : verifyNow());
  if (!terminalSignatureValid) {
    return {
      valid: false,
      problem: 'The terminal signature does not match: the signature row was altered, moved or forged.',
    };
  }
  const content = records.contentOf({ type: row.recordType, id: row.recordId });
  if (content === undefined) return { valid: false, problem: 'The signed record no longer exists.' };
  if (contentHashOf(content) !== row.contentHash)
    return { valid: false, problem: 'The record changed after it was signed.' };
  return { valid: true, problem: null };
}

export interface SignaturesReport {
  valid: number;
  invalid: { id: string; record: RecordRef; problem: string }[];
}

export function verifyAllSignatures(
  sqlite: Database.Database,
  records: SignedRecords,
  trustedPublicKeys: string[],
): SignaturesReport {
  const keys = keyringOf(trustedPublicKeys);
  const report: SignaturesReport = { valid: 0, invalid: [] };
  const rows = sqlite
    .prepare(`SELECT ${signatureColumns} FROM signatures ORDER BY rowid`)
    .all() as StoredSignature[];
  for (const row of rows) {
    const verification = verifySignatureRow(row, records, keys);
    if (verification.valid) report.valid += 1;
    else
      report.invalid.push({
        id: row.id,
        record: { type: row.recordType, id: row.recordId },
        problem: verification.problem!,
      });
  }
  return report;
}
