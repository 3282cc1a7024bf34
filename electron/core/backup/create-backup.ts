/**
 * Online backup (A11-7.2) of an open data folder into one archive file (format: backup-archive.ts)
 * and its signed manifest (backup-manifest.ts), audited as `backup.created` in the source store.
 *
 * The snapshot is taken with `VACUUM INTO`, SQLite's other online-backup mechanism, not with the
 * backup API: better-sqlite3 opens the backup API's target with no key, and SQLite3 Multiple
 * Ciphers refuses to copy encrypted pages into a plain target ("backup is not supported with
 * incompatible source and target databases") — and a decrypted copy must never touch the disk.
 * `VACUUM INTO` reads one consistent snapshot inside a read transaction (WAL: other connections
 * and processes keep writing) and writes it encrypted with the same cipher and key; rowids are
 * kept. It runs synchronously on the connection (≈ 2 s per 100 MB here; tests/bench/backup.bench.ts).
 */
import { closeSync, existsSync, fsyncSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import { CIPHER_DESCRIPTION } from '../../../db/open';
import { EbrError } from '../../../shared/errors';
import { applicationName, applicationVersion } from '../app-version';
import type { AuditActor } from '../audit/audit-trail';
import type { SignedCheckpoint } from '../audit/head-mirror';
import { toUtcIso, type Clock } from '../clock';
import { dataFolderFiles, dataFolderPath } from '../data-folder';
import { writeFileDurably } from '../keys/sealed-file';
import type { Runtime } from '../startup';
import { pauseAtPhaseForTests } from '../test-seam';
import { claimWriterToken } from '../writer-tokens';
import { ARCHIVE_FORMAT, writeArchive } from './backup-archive';
import { backupTemporaries, checkBackupFolders, type BackupIntent } from './backup-folder-check';
import {
  MANIFEST_FORMAT,
  manifestPathOf,
  signManifest,
  type BackupManifest,
  type BackupTrigger,
} from './backup-manifest';

/** What a backup needs of an open data folder: a ready runtime has all of it. */
export type BackupSource = Pick<Runtime, 'dataDir' | 'store' | 'terminal' | 'audit'>;

export interface CreateBackupOptions {
  source: BackupSource;
  /** The backup file to create; its manifest goes beside it. Neither is ever overwritten. */
  outFile: string;
  actor: AuditActor;
  trigger: BackupTrigger;
  clock: Clock;
  onProgress?: (fraction: number) => void;
}

export interface BackupResult {
  file: string;
  manifestFile: string;
  manifest: BackupManifest;
}

const PLAINTEXT_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
const SNAPSHOT_SCHEMA = 'ebr_backup_snapshot';
const COUNTED_TABLES = [
  'users',
  'audit_trail',
  'audit_checkpoints',
  'signatures',
  'recipe_versions',
  'batches',
];

/** Makes a rename durable. Windows cannot open a folder for fsync (NTFS journals the rename). */
export function fsyncFolder(folder: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(folder, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function fileHeader(file: string): Buffer {
  const header = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  return header;
}

interface SnapshotFacts {
  schemaVersion: number;
  auditHead: SignedCheckpoint;
  counts: Record<string, number>;
}

/**
 * Reads the snapshot through the live connection (an ATTACH without KEY takes the main key, so
 * this also proves that the snapshot opens with the database key), after checking that it is
 * encrypted. No integrity check here: VACUUM INTO already decrypted and HMAC-checked every table
 * page it copied, and a second pass would double the time the event loop is blocked; restore and
 * verifyBackup run the full PRAGMA integrity_check.
 */
function inspectSnapshot(sqlite: Database.Database, snapshotFile: string): SnapshotFacts {
  if (fileHeader(snapshotFile).equals(PLAINTEXT_HEADER)) {
    throw new EbrError(
      'INTERNAL',
      'The backup snapshot is not encrypted; it was deleted and no backup was made.',
    );
  }
  sqlite.prepare(`ATTACH DATABASE ? AS ${SNAPSHOT_SCHEMA}`).run(snapshotFile);
  try {
    const auditHead = sqlite
      .prepare(
        `SELECT seq AS checkpointSeq, audit_seq AS auditSeq, audit_hash AS auditHash, at_utc AS atUtc,
                terminal_id AS terminalId, key_id AS keyId, signature
         FROM ${SNAPSHOT_SCHEMA}.audit_checkpoints ORDER BY seq DESC LIMIT 1`,
      )
      .get() as SignedCheckpoint | undefined;
    if (!auditHead) throw new EbrError('INTERNAL', 'The store has no signed audit checkpoint to back up.');
    const tables = new Set(
      sqlite
        .prepare(`SELECT name FROM ${SNAPSHOT_SCHEMA}.sqlite_master WHERE type = 'table'`)
        .pluck()
        .all() as string[],
    );
    const counts: Record<string, number> = {};
    for (const table of COUNTED_TABLES.filter((name) => tables.has(name))) {
      counts[table] = sqlite
        .prepare(`SELECT count(*) FROM ${SNAPSHOT_SCHEMA}."${table}"`)
        .pluck()
        .get() as number;
    }
    const schemaVersion = sqlite.pragma(`${SNAPSHOT_SCHEMA}.user_version`, { simple: true }) as number;
    return { schemaVersion, auditHead, counts };
  } finally {
    sqlite.exec(`DETACH DATABASE ${SNAPSHOT_SCHEMA}`);
  }
}

function refuseUnusableTarget(outFile: string, manifestFile: string): void {
  const folder = dirname(outFile);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new EbrError(
      'NOT_FOUND',
      `The backup folder ${folder} does not exist. Create it or choose another.`,
      {
        folder,
      },
    );
  }
  for (const file of [outFile, manifestFile]) {
    if (existsSync(file)) {
      throw new EbrError(
        'CONFLICT',
        `${file} already exists; a backup never overwrites a file. Choose another name.`,
        {
          file,
        },
      );
    }
  }
}

/** Creates the snapshot file empty and owner-only, so that VACUUM INTO writes into a 0600 file. */
function createOwnerOnlyFile(file: string): void {
  closeSync(openSync(file, 'wx', 0o600));
}

/**
 * The steps, in an order where a SIGKILL at any point leaves either a backup recorded in the audit
 * trail or nothing complete-looking (docs/backup-restore.md, "If a backup is interrupted"):
 * snapshot and archive under temporary names; the `backup.intended` audit row (name, size,
 * SHA-256); the manifest under its final name; the archive renamed into place; `backup.created`.
 * Before it starts, the folder is checked for what an earlier, killed backup left
 * (backup-folder-check.ts). On any failure nothing is left behind.
 */
export async function createBackup(options: CreateBackupOptions): Promise<BackupResult> {
  const { source, actor, trigger, clock } = options;
  const { sqlite } = source.store;
  const outFile = resolve(options.outFile);
  const manifestFile = manifestPathOf(outFile);
  refuseUnusableTarget(outFile, manifestFile);
  if (sqlite.inTransaction) {
    throw new EbrError('CONFLICT', 'A backup cannot start inside a database transaction; try again.');
  }
  const folder = dirname(outFile);
  await checkBackupFolders(source, [folder]);
  const writer = claimWriterToken();
  const { token } = writer;
  const temporaries = backupTemporaries(outFile, token);
  let intent: BackupIntent | null = null;
  try {
    const createdAtUtc = toUtcIso(clock.now());
    createOwnerOnlyFile(temporaries.snapshot);
    await pauseAtPhaseForTests('backup:snapshot');
    sqlite.prepare('VACUUM INTO ?').run(temporaries.snapshot);
    const facts = inspectSnapshot(sqlite, temporaries.snapshot);
    await pauseAtPhaseForTests('backup:archive');
    const archive = await writeArchive(
      temporaries.partial,
      [
        { name: dataFolderFiles.database, file: temporaries.snapshot },
        { name: dataFolderFiles.storeDescriptor, file: dataFolderPath(source.dataDir, 'storeDescriptor') },
        { name: dataFolderFiles.terminalKey, file: dataFolderPath(source.dataDir, 'terminalKey') },
      ],
      options.onProgress,
    );
    rmSync(temporaries.snapshot, { force: true });
    const { terminal } = source;
    const manifest = signManifest(
      {
        format: MANIFEST_FORMAT,
        backup: {
          fileName: basename(outFile),
          archiveFormat: ARCHIVE_FORMAT,
          size: archive.size,
          sha256: archive.sha256,
        },
        entries: archive.entries,
        createdAtUtc,
        trigger,
        application: { name: applicationName, version: applicationVersion },
        store: { schemaVersion: facts.schemaVersion, cipher: CIPHER_DESCRIPTION },
        terminal: { id: terminal.id, name: terminal.name, fingerprint: terminal.key.fingerprint },
        auditHead: facts.auditHead,
        counts: facts.counts,
      },
      terminal.key,
    );
    await pauseAtPhaseForTests('backup:intent');
    const intended: BackupIntent = {
      token,
      file: manifest.backup.fileName,
      folder,
      size: manifest.backup.size,
      sha256: manifest.backup.sha256,
      trigger,
      auditSeq: manifest.auditHead.auditSeq,
      auditHash: manifest.auditHead.auditHash,
      pid: process.pid,
    };
    // Committed before anything appears under a final name: a kill from here on leaves a backup
    // the audit trail names, which the next check records as created or as abandoned.
    source.audit.change(actor, ({ record }) =>
      record({
        action: 'backup.intended',
        entityType: 'backup',
        entityId: intended.file,
        newValue: intended,
        reason: 'Backup about to be put in place',
      }),
    );
    intent = intended;
    await pauseAtPhaseForTests('backup:manifest');
    writeFileDurably(manifestFile, JSON.stringify(manifest, null, 2) + '\n');
    await pauseAtPhaseForTests('backup:rename');
    // The archive appears last: restore needs both files, so this rename completes the backup.
    renameSync(temporaries.partial, outFile);
    fsyncFolder(folder);
    await pauseAtPhaseForTests('backup:audit');
    const { file, size, sha256, auditSeq, auditHash } = intended;
    source.audit.change(actor, ({ record }) =>
      record({
        action: 'backup.created',
        entityType: 'backup',
        entityId: file,
        newValue: { file, folder, size, sha256, trigger, auditSeq, auditHash, intent: token },
        reason: trigger === 'scheduled' ? 'Scheduled daily backup' : 'Backup requested',
      }),
    );
    await pauseAtPhaseForTests('backup:done');
    return { file: outFile, manifestFile, manifest };
  } catch (error) {
    // An unaudited backup is not a backup: remove it with everything else, and settle its intent.
    if (intent) abandonAfterFailure(source, actor, intent, [outFile, manifestFile], error);
    throw error;
  } finally {
    for (const file of temporaries.all) rmSync(file, { force: true });
    writer.release();
  }
}

/** Best effort: if this audit row cannot be written either, the next folder check writes it. */
function abandonAfterFailure(
  source: BackupSource,
  actor: AuditActor,
  intent: BackupIntent,
  files: string[],
  error: unknown,
): void {
  for (const file of files) rmSync(file, { force: true });
  try {
    source.audit.change(actor, ({ record }) =>
      record({
        action: 'backup.abandoned',
        entityType: 'backup',
        entityId: intent.file,
        newValue: {
          file: intent.file,
          folder: intent.folder,
          sha256: intent.sha256,
          intent: intent.token,
          movedAside: [],
        },
        reason: `The backup failed and was removed: ${(error as Error).message}`,
      }),
    );
  } catch {
    // The original error is the one to report.
  }
}
