/**
 * "A backup is recorded or it does not exist" (A11-7.2): what a backup process killed midway left
 * in a backup folder is settled at the next start and at the next backup into that folder.
 *
 * - Temporaries (`.NAME.<pid>-<token>.snapshot` / `.partial`, a manifest's `.<pid>.tmp`) whose
 *   writer is gone are removed: they are never a backup.
 * - A `backup.intended` audit row (written before anything appears under a final name) whose
 *   writer is gone and that no `backup.created` / `backup.abandoned` row settles: if the archive
 *   and its manifest are there, whole, with the recorded SHA-256, the backup is recorded as
 *   created; otherwise it is recorded as abandoned and what is under its names is moved aside.
 * - An archive of this store under a final name that the audit trail does not record (made by an
 *   older version, or copied in) is moved into `unrecorded/` with an audited note — never deleted.
 * Archives of other stores sharing the folder are left alone.
 */
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { AuditActor } from '../audit/audit-trail';
import { pendingIntents } from '../audit/pending-intents';
import { dataFolderFiles, dataFolderPath } from '../data-folder';
import type { Runtime } from '../startup';
import { writerIsGone } from '../writer-tokens';
import { indexArchive, sha256OfFile } from './backup-archive';
import { MANIFEST_SUFFIX, manifestPathOf, readManifest, type BackupTrigger } from './backup-manifest';

/** Where archives that the audit trail does not account for are moved, inside the backup folder. */
export const UNRECORDED_FOLDER = 'unrecorded';

export type BackupFolderSource = Pick<Runtime, 'dataDir' | 'store' | 'terminal' | 'audit'>;

/** The `backup.intended` row: everything needed to recognise the backup if its writer dies. */
export interface BackupIntent {
  /** Links the intent to the row that settles it; also in the names of the temporaries. */
  token: string;
  file: string;
  folder: string;
  size: number;
  sha256: string;
  trigger: BackupTrigger;
  auditSeq: number;
  auditHash: string;
  /** The writing process: its intent is settled only once it is gone. */
  pid: number;
}

export interface BackupFolderReport {
  folder: string;
  temporariesRemoved: string[];
  /** Backups found complete after their writer died, now recorded as created. */
  confirmed: string[];
  abandoned: string[];
  /** Paths (inside unrecorded/) of files moved aside. */
  movedAside: string[];
  /** What could not be done (a file that could not be moved, …): the check goes on. */
  problems: string[];
}

/** The temporaries of one backup run, named after its process and token. */
export function backupTemporaries(outFile: string, token: string) {
  const stem = join(dirname(outFile), `.${basename(outFile)}.${process.pid}-${token}`);
  const snapshot = `${stem}.snapshot`;
  const partial = `${stem}.partial`;
  return {
    snapshot,
    partial,
    all: [snapshot, `${snapshot}-journal`, `${snapshot}-wal`, `${snapshot}-shm`, partial],
  };
}

/** `.NAME.<pid>-<token>.snapshot(-journal|-wal|-shm)` / `.partial`; without pid: an older version's. */
const BACKUP_TEMPORARY = /^\..+\.(?:(\d+)-)?([0-9a-f]{12})\.(?:snapshot(?:-journal|-wal|-shm)?|partial)$/;
/** writeFileDurably's temporary of a manifest: `NAME.manifest.json.<pid>.tmp`. */
const MANIFEST_TEMPORARY = /\.manifest\.json\.(\d+)\.tmp$/;

function staleTemporary(name: string): boolean {
  const manifest = MANIFEST_TEMPORARY.exec(name);
  // writeFileDurably is synchronous: in this process it is never seen mid-write, so ours is stale too.
  if (manifest) return writerIsGone(Number(manifest[1]), '');
  const match = BACKUP_TEMPORARY.exec(name);
  if (!match) return false;
  // A name without a pid was made by a version before pids were recorded: its writer is gone.
  return match[1] === undefined || writerIsGone(Number(match[1]), match[2]!);
}

export function pendingBackupIntents(sqlite: Database.Database): BackupIntent[] {
  return pendingIntents<BackupIntent>(sqlite, {
    entityType: 'backup',
    intended: 'backup.intended',
    settledBy: ['backup.created', 'backup.abandoned'],
  });
}

/** A free name inside `folder/unrecorded/` for `name`, the folder made owner-only if new. */
function moveAside(folder: string, name: string): string {
  const aside = join(folder, UNRECORDED_FOLDER);
  mkdirSync(aside, { recursive: true, mode: 0o700 });
  let target = join(aside, name);
  for (let n = 2; existsSync(target); n++) target = join(aside, `${name}.${n}`);
  renameSync(join(folder, name), target);
  return target;
}

async function isCompleteBackup(intent: BackupIntent): Promise<boolean> {
  const file = join(intent.folder, intent.file);
  if (!existsSync(file) || !existsSync(manifestPathOf(file))) return false;
  if (lstatSync(file).size !== intent.size || (await sha256OfFile(file)) !== intent.sha256) return false;
  try {
    const manifest = readManifest(manifestPathOf(file));
    return manifest.backup.sha256 === intent.sha256 && manifest.backup.fileName === intent.file;
  } catch {
    return false;
  }
}

async function settleIntent(
  source: BackupFolderSource,
  actor: AuditActor,
  intent: BackupIntent,
  report: BackupFolderReport,
): Promise<void> {
  const { token, file, folder, size, sha256, trigger, auditSeq, auditHash } = intent;
  if (await isCompleteBackup(intent)) {
    source.audit.change(actor, ({ record }) =>
      record({
        action: 'backup.created',
        entityType: 'backup',
        entityId: file,
        newValue: {
          file,
          folder,
          size,
          sha256,
          trigger,
          auditSeq,
          auditHash,
          intent: token,
          confirmedLater: true,
        },
        reason: 'The backup was complete when the process writing it stopped; recorded at the next check',
      }),
    );
    report.confirmed.push(join(folder, file));
    return;
  }
  const movedAside: string[] = [];
  for (const name of [file, file + MANIFEST_SUFFIX]) {
    if (existsSync(join(folder, name))) movedAside.push(moveAside(folder, name));
  }
  source.audit.change(actor, ({ record }) =>
    record({
      action: 'backup.abandoned',
      entityType: 'backup',
      entityId: file,
      newValue: { file, folder, sha256, intent: token, movedAside },
      reason: 'The process writing this backup stopped before the backup was complete',
    }),
  );
  report.abandoned.push(join(folder, file));
  report.movedAside.push(...movedAside);
}

/** Whether `file` is a whole archive whose key check is this store's (read from its store.json entry). */
async function isArchiveOfThisStore(file: string, keyCheck: string): Promise<boolean> {
  let entries;
  try {
    entries = await indexArchive(file);
  } catch {
    return false;
  }
  const descriptor = entries.find((entry) => entry.name === dataFolderFiles.storeDescriptor);
  if (!descriptor || descriptor.size > 64 * 1024) return false;
  const handle = await open(file, 'r');
  try {
    const bytes = Buffer.alloc(descriptor.size);
    await handle.read(bytes, 0, descriptor.size, descriptor.offset);
    return (JSON.parse(bytes.toString('utf8')) as { keyCheck?: unknown }).keyCheck === keyCheck;
  } catch {
    return false;
  } finally {
    await handle.close();
  }
}

async function moveAsideUnrecorded(
  source: BackupFolderSource,
  actor: AuditActor,
  folder: string,
  names: string[],
  report: BackupFolderReport,
): Promise<void> {
  const recorded = new Set(
    source.store.sqlite
      .prepare(
        `SELECT entity_id FROM audit_trail
         WHERE entity_type = 'backup' AND action IN ('backup.created', 'backup.intended')
           AND json_extract(new_value, '$.folder') = ?`,
      )
      .pluck()
      .all(folder) as string[],
  );
  const { keyCheck } = JSON.parse(
    readFileSync(dataFolderPath(source.dataDir, 'storeDescriptor'), 'utf8'),
  ) as { keyCheck: string };
  for (const name of names) {
    if (name.startsWith('.') || name.endsWith(MANIFEST_SUFFIX) || recorded.has(name)) continue;
    const file = join(folder, name);
    if (!lstatSync(file, { throwIfNoEntry: false })?.isFile()) continue;
    if (!(await isArchiveOfThisStore(file, keyCheck))) continue;
    const movedAside = [moveAside(folder, name)];
    if (existsSync(manifestPathOf(file))) movedAside.push(moveAside(folder, name + MANIFEST_SUFFIX));
    source.audit.change(actor, ({ record }) =>
      record({
        action: 'backup.moved-aside',
        entityType: 'backup',
        entityId: name,
        newValue: { file: name, folder, movedAside },
        reason: `A backup of this store that the audit trail does not record was moved into ${UNRECORDED_FOLDER}/`,
      }),
    );
    report.movedAside.push(...movedAside);
  }
}

async function checkOneFolder(
  source: BackupFolderSource,
  actor: AuditActor,
  folder: string,
  intents: BackupIntent[],
): Promise<BackupFolderReport> {
  const report: BackupFolderReport = {
    folder,
    temporariesRemoved: [],
    confirmed: [],
    abandoned: [],
    movedAside: [],
    problems: [],
  };
  // Listed before the audit trail is read: an archive renamed into place after this listing is
  // not looked at, and one listed here had its intent committed before it appeared.
  const names = readdirSync(folder);
  for (const name of names.filter(staleTemporary)) {
    rmSync(join(folder, name), { force: true });
    report.temporariesRemoved.push(join(folder, name));
  }
  const settle = intents.filter(
    (intent) => intent.folder === folder && writerIsGone(intent.pid, intent.token),
  );
  for (const intent of settle) {
    try {
      await settleIntent(source, actor, intent, report);
    } catch (error) {
      report.problems.push(`${join(folder, intent.file)}: ${(error as Error).message}`);
    }
  }
  try {
    await moveAsideUnrecorded(source, actor, folder, names, report);
  } catch (error) {
    report.problems.push(`${folder}: ${(error as Error).message}`);
  }
  return report;
}

/**
 * Checks `folders` and the folder of every unsettled intent (a CLI backup into another folder).
 * Folders that do not exist (a drive not mounted) are skipped: their intents stay unsettled.
 */
export async function checkBackupFolders(
  source: BackupFolderSource,
  folders: readonly string[],
): Promise<BackupFolderReport[]> {
  const actor: AuditActor = { userId: null, userName: `Backup folder check on ${source.terminal.name}` };
  const intents = pendingBackupIntents(source.store.sqlite);
  const all = [...new Set([...folders.map((folder) => resolve(folder)), ...intents.map((i) => i.folder)])];
  const reports: BackupFolderReport[] = [];
  for (const folder of all) {
    if (!lstatSync(folder, { throwIfNoEntry: false })?.isDirectory()) continue;
    try {
      reports.push(await checkOneFolder(source, actor, folder, intents));
    } catch (error) {
      reports.push({
        folder,
        temporariesRemoved: [],
        confirmed: [],
        abandoned: [],
        movedAside: [],
        problems: [`${folder}: ${(error as Error).message}`],
      });
    }
  }
  return reports;
}
