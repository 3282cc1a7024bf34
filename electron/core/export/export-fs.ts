import { createHash } from 'node:crypto';
import { open, lstat, mkdir, readdir, rename, rm } from 'node:fs/promises';

/** One open file of the export file system: the calls the package writer and verifier make. */
export interface ExportFileHandle {
  /** Writes from `bytes`; returns how many bytes were written (may be fewer than asked). */
  write(bytes: Uint8Array): Promise<number>;
  /** Reads into `buffer` from the current position; returns 0 at the end of the file. */
  read(buffer: Uint8Array): Promise<number>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

export interface ExportEntry {
  kind: 'file' | 'directory' | 'other';
  size: number;
}

/**
 * The file operations of an export, behind one seam so that tests can make any of them fail the
 * way a full, failing or pulled drive does (ENOSPC, EIO, ENODEV) at any byte.
 */
export interface ExportFs {
  /** Null when nothing is there. */
  entry(path: string): Promise<ExportEntry | null>;
  makeDirectory(path: string): Promise<void>;
  /** 'create' fails when the file exists. */
  open(path: string, mode: 'create' | 'read'): Promise<ExportFileHandle>;
  list(directory: string): Promise<string[]>;
  rename(from: string, to: string): Promise<void>;
  removeTree(path: string): Promise<void>;
  /** Makes the folder's entries (creations, renames) durable. */
  syncDirectory(path: string): Promise<void>;
}

export const nodeExportFs: ExportFs = {
  async entry(path) {
    try {
      const stats = await lstat(path);
      return {
        kind: stats.isFile() ? 'file' : stats.isDirectory() ? 'directory' : 'other',
        size: stats.size,
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  },
  async makeDirectory(path) {
    await mkdir(path);
  },
  async open(path, mode) {
    const handle = await open(path, mode === 'create' ? 'wx' : 'r', 0o644);
    return {
      write: async (bytes) => (await handle.write(bytes)).bytesWritten,
      read: async (buffer) => (await handle.read(buffer, 0, buffer.byteLength, null)).bytesRead,
      sync: () => handle.sync(),
      close: () => handle.close(),
    };
  },
  list: (directory) => readdir(directory),
  rename: (from, to) => rename(from, to),
  removeTree: (path) => rm(path, { recursive: true, force: true }),
  async syncDirectory(path) {
    // Windows cannot open a folder as a file; NTFS and FAT journal or flush entries on close.
    if (process.platform === 'win32') return;
    const handle = await open(path, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
};

const READ_CHUNK = 1 << 20;

/** Size and SHA-256 of a file as the file system returns it now. */
export async function digestFile(fs: ExportFs, path: string): Promise<{ size: number; sha256: string }> {
  const handle = await fs.open(path, 'read');
  const hash = createHash('sha256');
  let size = 0;
  try {
    const buffer = Buffer.allocUnsafe(READ_CHUNK);
    for (;;) {
      const read = await handle.read(buffer);
      if (read === 0) break;
      hash.update(buffer.subarray(0, read));
      size += read;
    }
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
  await handle.close();
  return { size, sha256: hash.digest('hex') };
}
