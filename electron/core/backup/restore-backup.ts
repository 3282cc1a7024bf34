/**
 * Restore (A11-7.2): a backup becomes a data folder only after every check passes, in this order —
 * the manifest's form, the file's size and SHA-256 (then each entry's), the manifest's terminal
 * signature, the recovery key, `PRAGMA integrity_check`, the audit chain up to the head the
 * manifest names, and every electronic signature. The work happens in a staging folder beside the
 * target; the target is only ever an empty folder, and it receives the restored folder by one
 * rename at the very end. Any refusal removes the staging folder: nothing half-restored remains.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import type { AuditVerificationReport } from '../../../shared/contract/audit';
import { EbrError } from '../../../shared/errors';
import { openStore, type Store } from '../../../db/open';
import { applicationVersion } from '../app-version';
import { anchorStoresFor, HeadAnchors } from '../audit/anchor-check';
import { AuditTrail, type AuditActor } from '../audit/audit-trail';
import { profileAnchorStore } from '../audit/head-anchor';
import { verifyAuditTrail } from '../audit/verifier';
import { toUtcIso, type Clock } from '../clock';
import { confirmKey, dataFolderFiles, dataFolderPath, isEmptyFolder } from '../data-folder';
import { assignFolderId, readFolderId } from '../folder-identity';
import type { KeyProvider } from '../keys/key-provider';
import { createSignedRecords } from '../signed-record-readers';
import { verifyAllSignatures, type SignaturesReport } from '../signatures/signature-verification';
import { loadTerminalKey, type TerminalKey } from '../terminal/terminal-key';
import {
  ArchiveStructureError,
  extractEntry,
  indexArchive,
  sha256OfEntry,
  sha256OfFile,
  type ArchiveEntryLocation,
} from './backup-archive';
import {
  manifestPathOf,
  manifestSignatureValid,
  readManifest,
  signedCheckpointOf,
  type BackupManifest,
} from './backup-manifest';
import { backupRefusal } from './backup-refusal';
import { fsyncFolder } from './create-backup';

const REQUIRED_ENTRIES = [
  dataFolderFiles.database,
  dataFolderFiles.storeDescriptor,
  dataFolderFiles.terminalKey,
];

export interface VerifyBackupOptions {
  backupFile: string;
  /** Defaults to `<backupFile>.manifest.json`. */
  manifestFile?: string;
  /** The database key (the recovery key, parsed). */
  recoveryKey: Buffer;
  clock: Clock;
}

export interface BackupVerification {
  manifest: BackupManifest;
  audit: AuditVerificationReport;
  signatures: SignaturesReport;
}

export interface RestoreBackupOptions extends VerifyBackupOptions {
  /** An empty or not yet existing folder. */
  targetDir: string;
  /** Who restores: named in the `backup.restored` audit row of the restored store. */
  actor: AuditActor;
  reason?: string;
  /**
   * Wraps the key for this machine in the restored folder (e.g. Electron safeStorage). Without it
   * the folder opens with the recovery key only, as after `ebr init`.
   */
  keyStore?: KeyProvider;
}

export interface RestoreResult extends BackupVerification {
  dataDir: string;
}

function backupLabel(manifest: BackupManifest, backupFile: string): string {
  return `The backup ${backupFile} (made ${manifest.createdAtUtc} on ${manifest.terminal.name})`;
}

/** Size, then SHA-256 of the whole file; on a mismatch, names the entry that differs. */
async function checkFileAgainstManifest(
  backupFile: string,
  manifest: BackupManifest,
): Promise<ArchiveEntryLocation[]> {
  if (!existsSync(backupFile)) {
    throw backupRefusal('backup-missing', `The backup file ${backupFile} does not exist.`, { backupFile });
  }
  const what = backupLabel(manifest, backupFile);
  const actualSize = statSync(backupFile).size;
  if (actualSize < manifest.backup.size) {
    throw backupRefusal(
      'truncated',
      `${what} is truncated: it has ${actualSize} bytes, its manifest says ${manifest.backup.size}. The copy was cut short; use another backup.`,
      { backupFile, actualSize, expectedSize: manifest.backup.size },
    );
  }
  if (actualSize > manifest.backup.size) {
    throw backupRefusal(
      'size-mismatch',
      `${what} has ${actualSize} bytes, its manifest says ${manifest.backup.size}: the file or its manifest was changed. Use another backup.`,
      { backupFile, actualSize, expectedSize: manifest.backup.size },
    );
  }
  const actualSha256 = await sha256OfFile(backupFile);
  let entries: ArchiveEntryLocation[] | null = null;
  let structureProblem: string | null = null;
  try {
    entries = await indexArchive(backupFile);
  } catch (error) {
    if (!(error instanceof ArchiveStructureError)) throw error;
    structureProblem = error.message;
  }
  if (actualSha256 !== manifest.backup.sha256) {
    const damaged: string[] = [];
    for (const entry of entries ?? []) {
      const expected = manifest.entries.find((candidate) => candidate.name === entry.name);
      if (!expected || expected.sha256 !== (await sha256OfEntry(backupFile, entry))) damaged.push(entry.name);
    }
    const where =
      damaged.length > 0
        ? ` The damaged part: ${damaged.join(', ')}.`
        : structureProblem
          ? ` Its structure is damaged: ${structureProblem}.`
          : ' Every part matches its own hash: the manifest was edited.';
    throw backupRefusal(
      'hash-mismatch',
      `${what} does not match the SHA-256 in its manifest: the file or its manifest was changed or damaged.${where} Use another backup.`,
      { backupFile, actualSha256, expectedSha256: manifest.backup.sha256, damagedEntries: damaged },
    );
  }
  if (!entries) {
    throw backupRefusal(
      'archive-invalid',
      `${backupLabel(manifest, backupFile)} is not a valid backup archive: ${structureProblem}.`,
      {
        backupFile,
      },
    );
  }
  const listed = manifest.entries.map((entry) => `${entry.name}:${entry.size}`).join(',');
  const present = entries.map((entry) => `${entry.name}:${entry.size}`).join(',');
  const missing = REQUIRED_ENTRIES.filter((name) => !entries.some((entry) => entry.name === name));
  if (listed !== present || missing.length > 0) {
    throw backupRefusal(
      'archive-invalid',
      `${what} does not hold what its manifest lists (${present} vs ${listed}${missing.length > 0 ? `; missing ${missing.join(', ')}` : ''}).`,
      { backupFile },
    );
  }
  return entries;
}

function publicKeyPemOf(terminalKeyFile: string): string {
  try {
    const { publicKeyPem } = JSON.parse(readFileSync(terminalKeyFile, 'utf8')) as { publicKeyPem?: unknown };
    if (typeof publicKeyPem === 'string') return publicKeyPem;
  } catch {
    // Refused below.
  }
  throw backupRefusal('archive-invalid', `The terminal key inside the backup is not readable.`);
}

function refuseFromStore(error: unknown, what: string): never {
  if (error instanceof EbrError && error.code === 'STORE_TOO_NEW') {
    throw backupRefusal(
      'schema-too-new',
      `${what} was made by a newer version of the application. ${error.message}`,
      {
        ...error.details,
      },
    );
  }
  if (error instanceof EbrError && error.code === 'STORE_NOT_ENCRYPTED') {
    throw backupRefusal(
      'archive-invalid',
      `${what} holds a database that is not encrypted; it was not made by this application.`,
    );
  }
  if (error instanceof EbrError && error.code === 'STORE_CORRUPT') {
    throw backupRefusal('integrity-check', `${what} holds a damaged database: ${error.message}`);
  }
  throw error;
}

/** Full `PRAGMA integrity_check`: every page decrypted, its HMAC checked, every b-tree and index. */
function checkIntegrity(store: Store, what: string): void {
  let problems: string[];
  try {
    problems = (
      store.sqlite.pragma('integrity_check', { simple: false }) as { integrity_check: string }[]
    ).map((row) => row.integrity_check);
  } catch (error) {
    throw backupRefusal(
      'integrity-check',
      `${what} holds a damaged database: PRAGMA integrity_check failed (${(error as Error).message}). Use another backup.`,
    );
  }
  if (problems[0] !== 'ok') {
    throw backupRefusal(
      'integrity-check',
      `${what} holds a damaged database: PRAGMA integrity_check reports "${problems[0]}"${problems.length > 1 ? ` and ${problems.length - 1} more problem(s)` : ''}. Use another backup.`,
      { problems: problems.slice(0, 5) },
    );
  }
}

function verifyRecords(
  store: Store,
  manifest: BackupManifest,
  terminalKey: TerminalKey,
  what: string,
): Omit<BackupVerification, 'manifest'> {
  const { sqlite } = store;
  const trustedPublicKeys = [
    terminalKey.publicKeyPem,
    ...(sqlite.prepare('SELECT public_key_pem FROM terminals').pluck().all() as string[]),
  ];
  // The manifest's signed head plays the part of the head file: a chain cut short is caught.
  const audit = verifyAuditTrail({ sqlite, trustedPublicKeys, headMirror: signedCheckpointOf(manifest) });
  if (!audit.intact) {
    const broken = audit.firstBreak!;
    throw backupRefusal(
      'audit-chain',
      `${what} has a broken audit trail: first broken row ${broken.seq} (${broken.kind}): ${broken.message} Use another backup and call QA.`,
      { firstBreak: broken, rowsChecked: audit.rowsChecked },
    );
  }
  if (audit.head?.seq !== manifest.auditHead.auditSeq) {
    throw backupRefusal(
      'audit-chain',
      `${what} has an audit trail ending at row ${audit.head?.seq ?? 0}, but its manifest records row ${manifest.auditHead.auditSeq}. Use another backup and call QA.`,
    );
  }
  const signatures = verifyAllSignatures(sqlite, createSignedRecords(sqlite), trustedPublicKeys);
  if (signatures.invalid.length > 0) {
    const first = signatures.invalid[0]!;
    throw backupRefusal(
      'signatures',
      `${what} holds ${signatures.invalid.length} invalid electronic signature(s) (${signatures.valid} valid); first: ${first.id} on ${first.record.type} ${first.record.id}: ${first.problem} Use another backup and call QA.`,
      { invalid: signatures.invalid, valid: signatures.valid },
    );
  }
  return { audit, signatures };
}

interface StagedBackup extends BackupVerification {
  store: Store;
  terminalKey: TerminalKey;
}

/** Unpacks and verifies a backup into `stagingDir`; the returned store is open on it. */
async function stageBackup(options: VerifyBackupOptions, stagingDir: string): Promise<StagedBackup> {
  const backupFile = resolve(options.backupFile);
  const manifest = readManifest(resolve(options.manifestFile ?? manifestPathOf(backupFile)));
  const what = backupLabel(manifest, backupFile);
  const entries = await checkFileAgainstManifest(backupFile, manifest);
  for (const entry of entries) {
    const sha256 = await extractEntry(backupFile, entry, join(stagingDir, entry.name));
    if (sha256 !== manifest.entries.find((candidate) => candidate.name === entry.name)?.sha256) {
      throw backupRefusal(
        'hash-mismatch',
        `${what}: its part ${entry.name} does not match the SHA-256 in the manifest.`,
        {
          entry: entry.name,
        },
      );
    }
  }
  const terminalKeyFile = dataFolderPath(stagingDir, 'terminalKey');
  if (!manifestSignatureValid(manifest, publicKeyPemOf(terminalKeyFile))) {
    throw backupRefusal(
      'manifest-signature',
      `${what}: its manifest is not signed by the terminal key inside the backup — the manifest was edited after the backup was made. Use another backup.`,
    );
  }
  try {
    confirmKey(stagingDir, options.recoveryKey);
  } catch (error) {
    if (error instanceof EbrError && error.code === 'STORE_WRONG_KEY') {
      throw backupRefusal(
        'wrong-key',
        `The recovery key does not open ${what}. Use the recovery key of the workstation the backup was made on.`,
      );
    }
    throw backupRefusal('archive-invalid', `${what}: ${(error as Error).message}`);
  }
  let terminalKey: TerminalKey;
  try {
    terminalKey = loadTerminalKey(terminalKeyFile, options.recoveryKey);
  } catch (error) {
    throw backupRefusal('archive-invalid', `${what}: ${(error as Error).message}`);
  }
  let store: Store;
  try {
    store = openStore({
      file: dataFolderPath(stagingDir, 'database'),
      key: options.recoveryKey,
      mode: 'open',
      keyConfirmed: true,
      nowUtc: toUtcIso(options.clock.now()),
    });
  } catch (error) {
    refuseFromStore(error, what);
  }
  try {
    checkIntegrity(store, what);
    return { manifest, store, terminalKey, ...verifyRecords(store, manifest, terminalKey, what) };
  } catch (error) {
    store.close();
    throw error;
  }
}

/**
 * Everything a restore checks, without keeping anything: for the periodic "can this backup be
 * restored?" check. The work folder (default: the OS temporary folder) is removed afterwards.
 */
export async function verifyBackup(
  options: VerifyBackupOptions & { workDir?: string },
): Promise<BackupVerification> {
  const stagingDir = await mkdtemp(join(options.workDir ?? tmpdir(), 'ebr-backup-verify-'));
  try {
    const { store, manifest, audit, signatures } = await stageBackup(options, stagingDir);
    store.close();
    return { manifest, audit, signatures };
  } finally {
    rmSync(stagingDir, { recursive: true, force: true });
  }
}

function refuseNonEmptyTarget(targetDir: string): void {
  if (existsSync(targetDir) && !statSync(targetDir).isDirectory()) {
    throw backupRefusal(
      'target-not-empty',
      `${targetDir} is a file, not a folder; restore only into an empty folder.`,
      {
        targetDir,
      },
    );
  }
  if (!isEmptyFolder(targetDir)) {
    throw backupRefusal(
      'target-not-empty',
      `The folder ${targetDir} is not empty; a backup is restored only into an empty or new folder and never over a data folder.`,
      { targetDir },
    );
  }
}

/** Verifies the backup, then makes `targetDir` a data folder holding it, audited as `backup.restored`. */
export async function restoreBackup(options: RestoreBackupOptions): Promise<RestoreResult> {
  const targetDir = resolve(options.targetDir);
  refuseNonEmptyTarget(targetDir);
  const parent = dirname(targetDir);
  mkdirSync(parent, { recursive: true });
  const stagingDir = join(parent, `.${basename(targetDir)}.restoring-${randomBytes(6).toString('hex')}`);
  mkdirSync(stagingDir, { mode: 0o700 });
  let staged: StagedBackup;
  try {
    staged = await stageBackup(options, stagingDir);
    const { manifest, store, terminalKey } = staged;
    try {
      const terminalId = store.sqlite
        .prepare('SELECT id FROM terminals WHERE fingerprint = ?')
        .pluck()
        .get(terminalKey.fingerprint) as string | undefined;
      if (!terminalId) {
        throw backupRefusal(
          'archive-invalid',
          `The terminal key inside the backup belongs to no terminal of its database.`,
        );
      }
      // The restored folder is a new folder with its own anchor, starting at the restored head;
      // the original folder's anchor is left as it is, so an older copy put in the ORIGINAL
      // folder's place is still refused as a rollback (docs/audit-trail.md).
      let anchors: HeadAnchors | null = null;
      const audit = new AuditTrail({
        sqlite: store.sqlite,
        terminalId,
        terminalKey,
        clock: options.clock,
        headMirrorFile: dataFolderPath(stagingDir, 'auditHead'),
        onHeadCommitted: (head) => anchors?.record(head),
      });
      const previousFolderId = readFolderId(store.sqlite);
      audit.change(options.actor, ({ record }) => {
        const restoredFolderId = assignFolderId(store.sqlite);
        anchors = new HeadAnchors(
          options.keyStore ? anchorStoresFor(options.keyStore) : [profileAnchorStore()],
          restoredFolderId,
          targetDir,
        );
        record({
          action: 'backup.restored',
          entityType: 'backup',
          entityId: manifest.backup.fileName,
          newValue: {
            manifest: {
              fileName: manifest.backup.fileName,
              size: manifest.backup.size,
              sha256: manifest.backup.sha256,
              createdAtUtc: manifest.createdAtUtc,
              trigger: manifest.trigger,
              application: manifest.application,
              schemaVersion: manifest.store.schemaVersion,
              terminal: manifest.terminal,
              auditHead: { auditSeq: manifest.auditHead.auditSeq, auditHash: manifest.auditHead.auditHash },
            },
            restoredInto: targetDir,
            folderIdentity: { backedUpFolder: previousFolderId, restoredFolder: restoredFolderId },
            restoredByVersion: applicationVersion,
            verified: {
              auditRows: staged.audit.rowsChecked,
              checkpoints: staged.audit.checkpointsChecked,
              signaturesValid: staged.signatures.valid,
            },
          },
          reason: options.reason ?? 'Restored from backup',
        });
        return restoredFolderId;
      });
      await (anchors as HeadAnchors | null)?.settled();
    } finally {
      store.close();
    }
    fsyncFolder(stagingDir);
    // Checked again: someone may have put files there while the backup was being verified.
    refuseNonEmptyTarget(targetDir);
    if (existsSync(targetDir)) rmdirSync(targetDir);
    renameSync(stagingDir, targetDir);
  } catch (error) {
    rmSync(stagingDir, { recursive: true, force: true });
    throw error;
  }
  try {
    // With the folder's real path: a key provider may bind the wrapped key to it.
    if (options.keyStore) await options.keyStore.storeKey(targetDir, options.recoveryKey);
    fsyncFolder(parent);
  } catch (error) {
    rmSync(targetDir, { recursive: true, force: true });
    throw error;
  }
  return {
    dataDir: targetDir,
    manifest: staged.manifest,
    audit: staged.audit,
    signatures: staged.signatures,
  };
}
