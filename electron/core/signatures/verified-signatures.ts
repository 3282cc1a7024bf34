import { createHash } from 'node:crypto';

/**
 * Verify once (issue 22 item 3): the terminal's Ed25519 signatures that already verified, so that
 * views stop verifying every signature again each time they are built.
 *
 * What is remembered is the exact verification that succeeded: the public key, every signed field
 * of the row (signedPayload, which includes the content hash stored at signing) and the signature
 * bytes, as one SHA-256. A signature row changed in any field, a different key, or a forged
 * signature is a different entry and is verified in full. The record's content is NOT cached:
 * callers hash the content as it is now on every view and compare it with the stored hash (which
 * the remembered signature covers), so a record changed through a raw connection is still caught.
 * Rows are append-only, so a remembered entry never needs invalidating; only successes are kept.
 */
export class VerifiedSignatures {
  private readonly verified = new Set<string>();
  private ed25519Verifications = 0;
  private remembered = 0;

  /** Bounded so that a terminal's memory does not grow with years of records (about 80 bytes each). */
  constructor(private readonly capacity = 200_000) {}

  /** Runs `verifyNow` unless this exact key + payload + signature verified before. */
  check(publicKeyPem: string, payload: Buffer, signature: string, verifyNow: () => boolean): boolean {
    const entry = createHash('sha256')
      .update(publicKeyPem)
      .update('\0')
      .update(payload)
      .update('\0')
      .update(signature)
      .digest('base64');
    if (this.verified.has(entry)) {
      this.remembered += 1;
      return true;
    }
    this.ed25519Verifications += 1;
    const valid = verifyNow();
    if (valid) {
      if (this.verified.size >= this.capacity) this.verified.clear();
      this.verified.add(entry);
    }
    return valid;
  }

  /** How many signatures were verified with Ed25519, and how many were answered from memory. */
  counts(): { ed25519Verifications: number; remembered: number } {
    return { ed25519Verifications: this.ed25519Verifications, remembered: this.remembered };
  }
}
