import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface SealedBox {
  nonce: string;
  ciphertext: string;
  tag: string;
}

/** AES-256-GCM with a fresh nonce; `context` is bound as associated data. */
export function seal(key: Buffer, plaintext: Buffer, context: string): SealedBox {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return {
    nonce: nonce.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
}

/** Throws when the key is wrong or the box was altered. */
export function unseal(key: Buffer, box: SealedBox, context: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(box.nonce, 'base64'));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(Buffer.from(box.tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(box.ciphertext, 'base64')), decipher.final()]);
}

/**
 * Temporaries `writeFileDurably` left when its process was killed between write and rename: each
 * names its writer's pid, so only those whose process is gone are removed. Returns how many.
 */
export function removeStaleTemporaries(file: string): number {
  const folder = dirname(file);
  const prefix = `${basename(file)}.`;
  let removed = 0;
  for (const name of readdirSync(folder)) {
    const match = name.startsWith(prefix) ? /^(\d+)\.tmp$/.exec(name.slice(prefix.length)) : null;
    if (!match || processIsAlive(Number(match[1]))) continue;
    rmSync(join(folder, name), { force: true });
    removed++;
  }
  return removed;
}

/** Whether a process with this id runs (ours always does): temporaries name their writer's pid. */
export function processIsAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Write-then-rename with fsync of file and folder: a reader sees the old or the new file, whole.
 * `syncFolder: false` skips the folder fsync where a lost rename is harmless (the old file stays).
 */
export function writeFileDurably(file: string, content: string, mode = 0o600, syncFolder = true): void {
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w', mode);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
  if (!syncFolder) return;
  const folder = openSync(dirname(file), 'r');
  try {
    fsyncSync(folder);
  } finally {
    closeSync(folder);
  }
}
