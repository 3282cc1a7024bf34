/**
 * The backup file: one archive in a format simple enough to take apart with `head`/`tail`/`dd`.
 *
 *   EBR-BACKUP/1\n
 *   {"name":"ebr.db","size":N}\n  followed by exactly N bytes
 *   {"name":"store.json","size":N}\n  …
 *   {"end":3}\n                       (the number of entries; a missing trailer means truncated)
 *
 * Why an archive and not only the database: a restore must give a data folder that starts. Besides
 * `ebr.db` (the SQLCipher-encrypted snapshot, same key) the folder needs `store.json` (the key check
 * that tells a wrong key from damage) and `terminal-key.json` (the terminal's Ed25519 key, sealed
 * under the database key: it signs the checkpoints and is the key id of every signature). Neither
 * holds a secret in the clear. Not carried: `audit-head.json` (rebuilt from the snapshot's own last
 * signed checkpoint, which the manifest also names) and the key wrappings (`keystore.*.json`), which
 * are bound to one machine or passphrase — a restore opens with the recovery key and wraps it anew.
 * Each entry's size and SHA-256 are in the manifest beside the file (see backup-manifest.ts).
 */
import { createHash, type Hash } from 'node:crypto';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { EbrError } from '../../../shared/errors';

export const ARCHIVE_FORMAT = 'ebr-backup/1';
const MAGIC = Buffer.from('EBR-BACKUP/1\n', 'latin1');
const CHUNK_BYTES = 1 << 20;
/** A header line is a short JSON object; anything longer is not ours. */
const MAX_HEADER_BYTES = 512;
const ENTRY_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export interface ArchiveEntrySource {
  name: string;
  file: string;
}

export interface ArchiveEntryDigest {
  name: string;
  size: number;
  sha256: string;
}

export interface ArchiveDigest {
  size: number;
  sha256: string;
  entries: ArchiveEntryDigest[];
}

/** Where an entry's bytes lie inside the archive. */
export interface ArchiveEntryLocation {
  name: string;
  size: number;
  offset: number;
}

/** Thrown for a file that does not have the archive's structure; the caller names the backup. */
export class ArchiveStructureError extends Error {}

async function writeAll(handle: FileHandle, bytes: Buffer, hashes: Hash[]): Promise<void> {
  let written = 0;
  while (written < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, written, bytes.length - written);
    written += bytesWritten;
  }
  for (const hash of hashes) hash.update(bytes);
}

/**
 * Writes a new archive (never over an existing file) and fsyncs it. Returns the size and SHA-256
 * of the whole file and of each entry, computed from the bytes as they were written.
 */
export async function writeArchive(
  archiveFile: string,
  sources: ArchiveEntrySource[],
  onProgress?: (fraction: number) => void,
): Promise<ArchiveDigest> {
  const sizes = await Promise.all(sources.map(async (source) => (await stat(source.file)).size));
  const totalBytes = sizes.reduce((sum, size) => sum + size, 0);
  const whole = createHash('sha256');
  const entries: ArchiveEntryDigest[] = [];
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let copied = 0;
  const archive = await open(archiveFile, 'wx', 0o600);
  try {
    await writeAll(archive, MAGIC, [whole]);
    for (const [index, source] of sources.entries()) {
      if (!ENTRY_NAME.test(source.name)) throw new Error(`archive entry name ${source.name} is not allowed`);
      const size = sizes[index]!;
      await writeAll(archive, Buffer.from(JSON.stringify({ name: source.name, size }) + '\n'), [whole]);
      const entryHash = createHash('sha256');
      const input = await open(source.file, 'r');
      try {
        let position = 0;
        while (position < size) {
          const { bytesRead } = await input.read(buffer, 0, Math.min(CHUNK_BYTES, size - position), position);
          if (bytesRead === 0) throw new Error(`${source.file} shrank while it was being archived`);
          await writeAll(archive, buffer.subarray(0, bytesRead), [whole, entryHash]);
          position += bytesRead;
          copied += bytesRead;
          onProgress?.(totalBytes === 0 ? 1 : copied / totalBytes);
        }
      } finally {
        await input.close();
      }
      entries.push({ name: source.name, size, sha256: entryHash.digest('hex') });
    }
    await writeAll(archive, Buffer.from(JSON.stringify({ end: sources.length }) + '\n'), [whole]);
    await archive.sync();
    return { size: (await archive.stat()).size, sha256: whole.digest('hex'), entries };
  } finally {
    await archive.close();
  }
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/** Reads the entry table of an archive: names, sizes and offsets, without reading the contents. */
export async function indexArchive(archiveFile: string): Promise<ArchiveEntryLocation[]> {
  const handle = await open(archiveFile, 'r');
  try {
    const fileSize = (await handle.stat()).size;
    const magic = await readAt(handle, 0, MAGIC.length);
    if (!magic.equals(MAGIC)) {
      throw new ArchiveStructureError(`it does not start with "${MAGIC.toString('latin1').trim()}"`);
    }
    const entries: ArchiveEntryLocation[] = [];
    let position = MAGIC.length;
    for (;;) {
      const headerStart = position;
      const chunk = await readAt(handle, position, MAX_HEADER_BYTES);
      const newline = chunk.indexOf(0x0a);
      if (newline < 0) {
        throw new ArchiveStructureError(
          `there is no complete header line for entry ${entries.length + 1} at byte ${headerStart}`,
        );
      }
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(chunk.subarray(0, newline).toString('utf8'));
      } catch {
        // Refused just below.
      }
      if (typeof parsed !== 'object' || parsed === null)
        throw new ArchiveStructureError(`the header at byte ${headerStart} is not readable`);
      const header = parsed as { name?: unknown; size?: unknown; end?: unknown };
      position += newline + 1;
      if (header.end !== undefined) {
        if (header.end !== entries.length)
          throw new ArchiveStructureError(`its trailer counts ${String(header.end)} entries`);
        if (position !== fileSize)
          throw new ArchiveStructureError(`${fileSize - position} bytes follow its trailer`);
        return entries;
      }
      const { name, size } = header;
      if (
        typeof name !== 'string' ||
        !ENTRY_NAME.test(name) ||
        !Number.isSafeInteger(size) ||
        (size as number) < 0
      )
        throw new ArchiveStructureError(`the header at byte ${headerStart} is not an entry header`);
      if (entries.some((entry) => entry.name === name))
        throw new ArchiveStructureError(`entry ${name} appears twice`);
      entries.push({ name, size: size as number, offset: position });
      position += size as number;
      if (position > fileSize)
        throw new ArchiveStructureError(
          `it ends inside entry ${name} (${position - fileSize} bytes missing)`,
        );
    }
  } finally {
    await handle.close();
  }
}

async function streamRange(
  handle: FileHandle,
  offset: number,
  size: number,
  onChunk: (chunk: Buffer) => Promise<void> | void,
): Promise<void> {
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let position = 0;
  while (position < size) {
    const { bytesRead } = await handle.read(
      buffer,
      0,
      Math.min(CHUNK_BYTES, size - position),
      offset + position,
    );
    if (bytesRead === 0)
      throw new EbrError('STORE_CORRUPT', 'The backup file shrank while it was being read.');
    await onChunk(buffer.subarray(0, bytesRead));
    position += bytesRead;
  }
}

/** SHA-256 of a whole file, read in chunks. */
export async function sha256OfFile(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const hash = createHash('sha256');
    await streamRange(handle, 0, (await handle.stat()).size, (chunk) => void hash.update(chunk));
    return hash.digest('hex');
  } finally {
    await handle.close();
  }
}

/** SHA-256 of one entry's bytes inside the archive. */
export async function sha256OfEntry(archiveFile: string, entry: ArchiveEntryLocation): Promise<string> {
  const handle = await open(archiveFile, 'r');
  try {
    const hash = createHash('sha256');
    await streamRange(handle, entry.offset, entry.size, (chunk) => void hash.update(chunk));
    return hash.digest('hex');
  } finally {
    await handle.close();
  }
}

/** Copies one entry into a new file (owner-only, fsynced); returns the SHA-256 of what was copied. */
export async function extractEntry(
  archiveFile: string,
  entry: ArchiveEntryLocation,
  destinationFile: string,
): Promise<string> {
  const source = await open(archiveFile, 'r');
  try {
    const destination = await open(destinationFile, 'wx', 0o600);
    try {
      const hash = createHash('sha256');
      await streamRange(source, entry.offset, entry.size, (chunk) => writeAll(destination, chunk, [hash]));
      await destination.sync();
      return hash.digest('hex');
    } finally {
      await destination.close();
    }
  } finally {
    await source.close();
  }
}
