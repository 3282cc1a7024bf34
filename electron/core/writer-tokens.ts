import { randomBytes } from 'node:crypto';
import { processIsAlive } from './keys/sealed-file';

/** Tokens of the backups and exports this process is writing now. */
const active = new Set<string>();

/**
 * A token for the temporaries of one backup or export (their names carry it with the pid), held
 * until `release()`: a later clean-up in the same process then knows them for leftovers.
 */
export function claimWriterToken(): { token: string; release(): void } {
  const token = randomBytes(6).toString('hex');
  active.add(token);
  return { token, release: () => void active.delete(token) };
}

/** Whether the writer of a temporary (or an audited intent) is gone: another process that ended, or this one no longer at it. */
export function writerIsGone(pid: number, token: string): boolean {
  return pid === process.pid ? !active.has(token) : !processIsAlive(pid);
}
