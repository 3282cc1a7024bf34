import type { HealthCheck } from '../../shared/contract/system';
import { EbrError } from '../../shared/errors';
import { openStore, type Store } from '../../db/open';
import {
  anchorStoresFor,
  compareWithAnchors,
  describeFinding,
  HeadAnchors,
  isRollback,
  rollbackError,
  type AnchorFinding,
} from './audit/anchor-check';
import { AuditTrail } from './audit/audit-trail';
import { readHeadMirror, writeHeadMirror, type SignedCheckpoint } from './audit/head-mirror';
import { toUtcIso, type Clock } from './clock';
import { confirmKey, dataFolderPath } from './data-folder';
import { assignFolderId, readFolderId } from './folder-identity';
import type { KeyProvider } from './keys/key-provider';
import { removeStaleTemporaries } from './keys/sealed-file';
import { checkpointSignatureValid } from './audit/verifier';
import { keyringOf, loadTerminalKey, type TerminalKey } from './terminal/terminal-key';

export interface TerminalIdentity {
  id: string;
  name: string;
  location: string;
  key: TerminalKey;
}

/** Everything a ready app runs on. */
export interface Runtime extends OpenedDataFolder {
  dataDir: string;
  audit: AuditTrail;
  /** The anchors outside the data folder, kept at the signed head after each commit. */
  anchors: HeadAnchors;
  startupChecks: HealthCheck[];
}

function findThisTerminal(store: Store, key: TerminalKey, dataDir: string): TerminalIdentity {
  const row = store.sqlite
    .prepare('SELECT id, name, location FROM terminals WHERE fingerprint = ?')
    .get(key.fingerprint) as { id: string; name: string; location: string } | undefined;
  if (!row) {
    throw new EbrError(
      'KEY_UNAVAILABLE',
      `The terminal key in ${dataDir} belongs to no terminal of this database.`,
      { dataDir },
    );
  }
  return { ...row, key };
}

export function lastSignedCheckpoint(sqlite: Store['sqlite']): SignedCheckpoint | undefined {
  return sqlite
    .prepare(
      `SELECT seq AS checkpointSeq, audit_seq AS auditSeq, audit_hash AS auditHash, at_utc AS atUtc, terminal_id AS terminalId, key_id AS keyId, signature FROM audit_checkpoints ORDER BY seq DESC LIMIT 1`,
    )
    .get() as SignedCheckpoint | undefined;
}

/**
 * The head file beside the database is an outside copy of the last signed checkpoint: if it is
 * ahead of the database, or names a row whose hash differs, rows were lost or rewritten.
 */
function checkAuditHead(
  store: Store,
  mirrorFile: string,
): { check: HealthCheck; mirrorToWrite?: SignedCheckpoint } {
  const { sqlite } = store;
  // Another process (the running app, when this is the CLI) may commit meanwhile. It writes the
  // database first and the head file after, so read the head file first, then the head row and
  // its checkpoint in one read transaction: they can only be newer than the file, never torn.
  const mirror = readHeadMirror(mirrorFile);
  const { head, lastCheckpoint } = sqlite.transaction(() => ({
    head: sqlite.prepare('SELECT seq, hash FROM audit_trail ORDER BY seq DESC LIMIT 1').get() as
      { seq: number; hash: string } | undefined,
    lastCheckpoint: lastSignedCheckpoint(sqlite),
  }))();
  const headSeq = head?.seq ?? 0;
  if (lastCheckpoint && lastCheckpoint.auditSeq > headSeq) {
    throw new EbrError(
      'AUDIT_CHAIN_BROKEN',
      `The audit trail ends at row ${headSeq} but was signed up to row ${lastCheckpoint.auditSeq}: audit rows were removed. Do not use this database; call QA and restore from a backup.`,
      { headSeq, checkpointSeq: lastCheckpoint.auditSeq },
    );
  }
  // Every audited transaction signs its own head in the same transaction, so the last checkpoint
  // always names the last row. Rows after it were written outside the application: refuse, or
  // the next checkpoint this terminal signs would vouch for them.
  if (head && (!lastCheckpoint || lastCheckpoint.auditSeq < head.seq)) {
    const firstUnsigned = (lastCheckpoint?.auditSeq ?? 0) + 1;
    throw new EbrError(
      'AUDIT_CHAIN_BROKEN',
      `Audit rows ${firstUnsigned}–${head.seq} are not covered by any signed checkpoint: they were written outside the application. Do not use this database; call QA and restore from a backup.`,
      { headSeq, firstUnsigned },
    );
  }
  if (head && lastCheckpoint && lastCheckpoint.auditHash !== head.hash) {
    throw new EbrError(
      'AUDIT_CHAIN_BROKEN',
      `Audit row ${head.seq} differs from the hash signed in its checkpoint: the audit trail was rewritten. Do not use this database; call QA and restore from a backup.`,
      { seq: head.seq },
    );
  }
  if (!mirror) {
    if (!lastCheckpoint) return { check: { name: 'Audit head', ok: true, message: 'No audit rows yet.' } };
    return {
      check: {
        name: 'Audit head',
        ok: false,
        message: `The audit head file was missing; it was recreated from checkpoint #${lastCheckpoint.checkpointSeq}. Tell QA: an outside copy was lost.`,
      },
      mirrorToWrite: lastCheckpoint,
    };
  }
  const publicKeys = sqlite.prepare('SELECT public_key_pem FROM terminals').pluck().all() as string[];
  if (!checkpointSignatureValid(keyringOf(publicKeys), mirror)) {
    throw new EbrError(
      'AUDIT_CHAIN_BROKEN',
      `The audit head file ${mirrorFile} is not signed by a terminal of this database. Call QA before using this workstation.`,
    );
  }
  if (mirror.auditSeq > headSeq) {
    throw new EbrError(
      'AUDIT_CHAIN_BROKEN',
      `The audit head file records row ${mirror.auditSeq} but the database ends at row ${headSeq}: audit rows were lost (an older copy of the database?). Do not use this database; call QA and restore from a backup.`,
      { headSeq, mirrorSeq: mirror.auditSeq },
    );
  }
  const rowHash = sqlite
    .prepare('SELECT hash FROM audit_trail WHERE seq = ?')
    .pluck()
    .get(mirror.auditSeq) as string | undefined;
  if (rowHash !== mirror.auditHash) {
    throw new EbrError(
      'AUDIT_CHAIN_BROKEN',
      `Audit row ${mirror.auditSeq} differs from the signed head file beside the database: the audit trail was rewritten. Call QA and restore from a backup.`,
      { seq: mirror.auditSeq },
    );
  }
  return {
    check: {
      name: 'Audit head',
      ok: true,
      message: `Audit trail head at row ${headSeq} matches the signed head file.`,
    },
    ...(lastCheckpoint && lastCheckpoint.checkpointSeq > mirror.checkpointSeq
      ? { mirrorToWrite: lastCheckpoint }
      : {}),
  };
}

export interface OpenedDataFolder {
  store: Store;
  terminal: TerminalIdentity;
  mirrorFile: string;
  /** Public keys trusted to have signed checkpoints in this store. */
  trustedPublicKeys(): string[];
  headMirror(): SignedCheckpoint | null;
}

/**
 * Opens the store and the terminal key without judging the audit trail, so that a verifier can
 * still name the first broken row of a store the application would refuse.
 */
export async function openDataFolder(
  dataDir: string,
  keyProvider: KeyProvider,
  clock: Clock,
): Promise<OpenedDataFolder> {
  const key = await keyProvider.loadKey(dataDir);
  confirmKey(dataDir, key);
  const store = openStore({
    file: dataFolderPath(dataDir, 'database'),
    key,
    mode: 'open',
    keyConfirmed: true,
    nowUtc: toUtcIso(clock.now()),
  });
  try {
    const terminalKeyFile = dataFolderPath(dataDir, 'terminalKey');
    const terminal = findThisTerminal(store, loadTerminalKey(terminalKeyFile, key), dataDir);
    const mirrorFile = dataFolderPath(dataDir, 'auditHead');
    // A process killed mid-write leaves its temporary head file behind: harmless, but not kept.
    removeStaleTemporaries(mirrorFile);
    const ownPublicKey = terminal.key.publicKeyPem;
    return {
      store,
      terminal,
      mirrorFile,
      trustedPublicKeys: () => [
        ownPublicKey,
        ...(store.sqlite.prepare('SELECT public_key_pem FROM terminals').pluck().all() as string[]),
      ],
      headMirror: () => readHeadMirror(mirrorFile),
    };
  } catch (error) {
    store.close();
    throw error;
  }
}

/** Opens an initialized data folder for work, or throws an EbrError that names what is wrong. */
export async function startRuntime(
  dataDir: string,
  keyProvider: KeyProvider,
  clock: Clock,
): Promise<Runtime> {
  const opened = await openDataFolder(dataDir, keyProvider, clock);
  const { store, terminal, mirrorFile } = opened;
  try {
    const { sqlite } = store;
    const anchorStores = anchorStoresFor(keyProvider);
    let folderId = readFolderId(sqlite);
    const findings = await compareWithAnchors(sqlite, folderId, anchorStores, opened.trustedPublicKeys());
    // The head file's own findings first (rows cut from this database), then the anchors'
    // (the whole folder is older than this terminal last saw); nothing is written before both.
    const head = checkAuditHead(store, mirrorFile);
    const rollback = findings.find(isRollback);
    if (rollback) throw rollbackError(rollback as Parameters<typeof rollbackError>[0]);
    if (head.mirrorToWrite) writeHeadMirror(mirrorFile, head.mirrorToWrite);

    let anchors: HeadAnchors | null = folderId ? new HeadAnchors(anchorStores, folderId, dataDir) : null;
    const audit = new AuditTrail({
      sqlite,
      terminalId: terminal.id,
      terminalKey: terminal.key,
      clock,
      headMirrorFile: mirrorFile,
      onHeadCommitted: (signedHead) => anchors?.record(signedHead),
    });
    if (!folderId) folderId = identifyLegacyFolder(audit, sqlite);
    anchors ??= new HeadAnchors(anchorStores, folderId, dataDir);
    const current = lastSignedCheckpoint(sqlite);
    if (current) anchors.record(current);
    await anchors.settled();
    return {
      ...opened,
      dataDir,
      audit,
      anchors,
      startupChecks: [
        { name: 'Encryption', ok: true, message: 'The database is encrypted and opened with the right key.' },
        { name: 'Database integrity', ok: true, message: 'Integrity check passed at start-up.' },
        {
          name: 'Schema',
          ok: true,
          message: `Schema version ${store.schemaVersion} of ${store.latestSchemaVersion}.`,
        },
        head.check,
        anchorCheck(findings),
      ],
    };
  } catch (error) {
    store.close();
    throw error;
  }
}

/** A folder made before anchors existed gets its identity once, audited. */
function identifyLegacyFolder(audit: AuditTrail, sqlite: Store['sqlite']): string {
  return audit.change({ userId: null, userName: null }, ({ record }) => {
    const folderId = assignFolderId(sqlite);
    record({
      action: 'store.identified',
      entityType: 'store',
      entityId: 'store',
      newValue: { folderId },
      reason: 'Data folder identity for its audit head anchor outside the folder',
    });
    return folderId;
  });
}

/** Not a refusal: a missing or unusable anchor is recreated at the current head and reported. */
function anchorCheck(findings: AnchorFinding[]): HealthCheck {
  const lost = findings.filter((finding) => finding.kind === 'missing' || finding.kind === 'unusable');
  if (lost.length === 0) {
    return { name: 'Audit anchor', ok: true, message: describeFinding(findings[0]!) };
  }
  return {
    name: 'Audit anchor',
    ok: false,
    message: `${lost.map(describeFinding).join(' ')} It was recreated at the current head. Tell QA: an outside copy of the audit head was lost.`,
  };
}
