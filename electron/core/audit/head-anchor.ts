/**
 * The anchor: the latest signed audit head, kept OUTSIDE the data folder, so that replacing the
 * whole folder (database, head file, checkpoints, key) by an older copy is noticed. The head file
 * beside the database cannot catch that: it is replaced together with the database.
 *
 * An anchor holds the signed checkpoint itself, so editing it to an earlier row breaks the
 * signature; deleting it is reported (a missing anchor), never silently accepted.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { removeStaleTemporaries, writeFileDurably } from '../keys/sealed-file';
import type { SignedCheckpoint } from './head-mirror';

export const ANCHOR_FORMAT = 'ebr-head-anchor/1';

export interface HeadAnchor {
  format: typeof ANCHOR_FORMAT;
  /** The data folder's identity (`store_meta.folderId`): a copy of the folder has the same one. */
  folderId: string;
  /** Where the folder was when last anchored: for people, not trusted. */
  dataDir: string;
  head: SignedCheckpoint;
}

/** Where anchors are kept: a file in the user's profile, or an OS keystore through a key provider. */
export interface AnchorStore {
  /** For messages: "the file /home/op/.config/ebr-workstation/anchors/….json". */
  describe(folderId: string): string;
  /** The anchor of that folder; null when there is none. Throws when it exists but cannot be read. */
  read(folderId: string): Promise<HeadAnchor | null>;
  /** Replaces the anchor, crash-safely: a reader sees the old one or the new one, whole. */
  write(anchor: HeadAnchor): Promise<void>;
  /** A keystore that is not usable on this machine now is skipped, neither read nor written. */
  isAvailable?: () => Promise<boolean>;
}

/**
 * The anchor folder in the user's profile: `EBR_ANCHOR_DIR`, else `%APPDATA%\ebr-workstation\anchors`
 * on Windows and `$XDG_CONFIG_HOME/ebr-workstation/anchors` (default `~/.config`) elsewhere.
 */
export function profileAnchorDirectory(env: NodeJS.ProcessEnv = process.env): string {
  if (env.EBR_ANCHOR_DIR) return env.EBR_ANCHOR_DIR;
  const configRoot =
    process.platform === 'win32'
      ? (env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'))
      : (env.XDG_CONFIG_HOME ?? join(homedir(), '.config'));
  return join(configRoot, 'ebr-workstation', 'anchors');
}

/** Folder ids are UUIDs; anything else never becomes part of a path. */
function anchorFileName(folderId: string): string {
  if (!/^[0-9a-f-]{36}$/.test(folderId)) throw new Error(`not a data folder id: ${folderId}`);
  return `${folderId}.json`;
}

export function parseAnchor(text: string, where: string): HeadAnchor {
  let parsed: Partial<HeadAnchor>;
  try {
    parsed = JSON.parse(text) as Partial<HeadAnchor>;
  } catch (error) {
    throw new Error(`${where} is not readable JSON (${(error as Error).message})`, { cause: error });
  }
  const head = parsed.head as Partial<SignedCheckpoint> | undefined;
  if (
    parsed.format !== ANCHOR_FORMAT ||
    typeof parsed.folderId !== 'string' ||
    !head ||
    !Number.isInteger(head.auditSeq) ||
    typeof head.auditHash !== 'string' ||
    typeof head.signature !== 'string'
  ) {
    throw new Error(`${where} is not an ${ANCHOR_FORMAT} anchor`);
  }
  return parsed as HeadAnchor;
}

/**
 * Temp file, fsync, rename. The folder is fsynced only when the anchor is new: once it exists, a
 * rename lost in a crash leaves the previous anchor, one head behind, which is harmless (behind is
 * never an alarm) — and it halves the cost added to every commit.
 */
function writeAnchorFile(file: string, content: string): void {
  writeFileDurably(file, content, 0o600, !existsSync(file));
}

/** One small JSON file per data folder, mode 0600, in a folder of the user's profile. */
export function profileAnchorStore(directory: string = profileAnchorDirectory()): AnchorStore {
  const fileOf = (folderId: string) => join(directory, anchorFileName(folderId));
  return {
    describe: (folderId) => `the file ${fileOf(folderId)}`,
    async read(folderId) {
      const file = fileOf(folderId);
      // A process killed mid-write leaves its temporary behind: harmless, but not kept.
      if (existsSync(directory)) removeStaleTemporaries(file);
      if (!existsSync(file)) return null;
      return parseAnchor(readFileSync(file, 'utf8'), `The anchor file ${file}`);
    },
    async write(anchor) {
      mkdirSync(directory, { recursive: true, mode: 0o700 });
      writeAnchorFile(fileOf(anchor.folderId), `${JSON.stringify(anchor, null, 2)}\n`);
    },
  };
}

/** How an OS keystore protects bytes (Electron safeStorage; in tests a real cipher). */
export interface AnchorSealer {
  seal(plaintext: string): Promise<Buffer>;
  unseal(sealed: Buffer): Promise<string>;
}

/**
 * Anchors sealed by an OS keystore, one file per folder in `directory` (the app's userData): the
 * anchor then also depends on this OS account's keystore, not only on a readable profile file.
 */
export function sealedAnchorStore(directory: string, sealer: AnchorSealer, label: string): AnchorStore {
  const fileOf = (folderId: string) => join(directory, `${anchorFileName(folderId)}.sealed`);
  return {
    describe: (folderId) => `${label} (${fileOf(folderId)})`,
    async read(folderId) {
      const file = fileOf(folderId);
      if (!existsSync(file)) return null;
      let text: string;
      try {
        text = await sealer.unseal(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64'));
      } catch (error) {
        throw new Error(`${label} cannot open the anchor ${file} (${(error as Error).message})`, {
          cause: error,
        });
      }
      return parseAnchor(text, `The anchor in ${label}`);
    },
    async write(anchor) {
      const sealed = await sealer.seal(JSON.stringify(anchor));
      mkdirSync(directory, { recursive: true, mode: 0o700 });
      writeAnchorFile(fileOf(anchor.folderId), `${sealed.toString('base64')}\n`);
    },
  };
}
