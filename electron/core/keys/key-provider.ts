import type { AnchorStore } from '../audit/head-anchor';

/**
 * Where the 32-byte database key comes from. The database key never leaves the main process.
 * - `recoveryKeyProvider`: the recovery key shown once at setup (CLI, disaster recovery).
 * - `passphraseKeyProvider`: the key wrapped under an Argon2id-derived key (Linux without a
 *   secure OS keystore).
 * - the Electron `safeStorage` provider lives beside main.ts, because it needs Electron.
 */
export interface KeyProvider {
  /** A short, loggable description: never the key. */
  readonly kind: string;
  /** Returns the database key for an existing data folder. */
  loadKey(dataDir: string): Promise<Buffer>;
  /** Keeps a freshly generated key for a new data folder (wraps and writes it as it sees fit). */
  storeKey(dataDir: string, key: Buffer): Promise<void>;
  /**
   * Where an OS keystore is at hand, it also keeps each folder's audit head anchor (beside the
   * file in the user's profile, which every provider gets): see docs/audit-trail.md.
   */
  readonly anchorStore?: AnchorStore;
}

export const DATABASE_KEY_BYTES = 32;
