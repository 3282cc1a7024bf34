import type { Language } from '../i18n/languages';
import type { SignatureMeaning } from '../signatures';

/** Which record a signature belongs to. */
export interface RecordRef {
  type: string;
  id: string;
}

/** A signature as shown wherever its record is shown (P11-50a/b): with its verification. */
export interface SignatureView {
  id: string;
  record: RecordRef;
  meaning: SignatureMeaning;
  /** The statement the signer agreed to, in the words and language they saw it in. */
  statement: string;
  /** The language of `statement`; null on signatures made before it was recorded (English). */
  statementLanguage: Language | null;
  signerUserId: string;
  signerUsername: string;
  /** Printed name at the time of signing. */
  signerName: string;
  signedAtUtc: string;
  /** The terminal's IANA time zone at signing, for showing local time with its zone. */
  timeZone: string;
  terminalId: string;
  terminalName: string;
  contentHash: string;
  keyId: string;
  verification: SignatureVerification;
}

export interface SignatureVerification {
  valid: boolean;
  /** Why not, for people; null when valid. */
  problem: string | null;
}

/** How the signer re-authenticates: the session user re-enters the password, or a second person signs. */
export type SignerCredentials =
  { kind: 'self'; password: string } | { kind: 'cosigner'; username: string; password: string };
