/**
 * Where a data folder's audit trail stands against the copies of its head kept elsewhere: the head
 * file beside the database, the anchors outside the folder, and (`--against`) the head a backup
 * manifest or an export package recorded. Used by `ebr info` and `ebr verify-audit`.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EbrError } from '../../shared/errors';
import {
  anchorStoresFor,
  compareWithAnchors,
  isRollback,
  type AnchorFinding,
} from '../core/audit/anchor-check';
import type { SignedCheckpoint } from '../core/audit/head-mirror';
import { checkpointSignatureValid } from '../core/audit/verifier';
import { manifestPathOf, MANIFEST_SUFFIX, readManifest } from '../core/backup/backup-manifest';
import { MANIFEST_FILE } from '../core/export/package-format';
import { readFolderId } from '../core/folder-identity';
import type { KeyProvider } from '../core/keys/key-provider';
import type { OpenedDataFolder } from '../core/startup';
import { keyringOf } from '../core/terminal/terminal-key';

export interface FolderPosition {
  headSeq: number;
  /** The head file beside the database is gone (and there are rows it should name). */
  headFileMissing: boolean;
  anchors: AnchorFinding[];
  rollback: AnchorFinding | undefined;
  /** Anchors missing or unusable: a rollback could not be detected through them. */
  lostAnchors: AnchorFinding[];
}

export async function folderPosition(
  folder: OpenedDataFolder,
  keyProvider: KeyProvider,
): Promise<FolderPosition> {
  const { sqlite } = folder.store;
  const headSeq = sqlite.prepare('SELECT coalesce(max(seq), 0) FROM audit_trail').pluck().get() as number;
  const anchors = await compareWithAnchors(
    sqlite,
    readFolderId(sqlite),
    anchorStoresFor(keyProvider),
    folder.trustedPublicKeys(),
  );
  return {
    headSeq,
    headFileMissing: headSeq > 0 && folder.headMirror() === null,
    anchors,
    rollback: anchors.find(isRollback),
    lostAnchors: anchors.filter((finding) => finding.kind === 'missing' || finding.kind === 'unusable'),
  };
}

export function headFileMissing(headFile: string): string {
  return `The audit head file ${headFile} is missing: rows cut from the end of this database could not be detected.`;
}

export interface AgainstResult {
  source: string;
  what: 'backup' | 'export package';
  recordedSeq: number;
  recordedAtUtc: string;
  headSeq: number;
  ok: boolean;
  message: string;
}

/** The signed chain head a backup manifest or an export package recorded. */
function recordedHead(path: string): { what: AgainstResult['what']; head: SignedCheckpoint } {
  const target = resolve(path);
  if (!existsSync(target))
    throw new EbrError('VALIDATION_FAILED', `--against ${target}: no such backup or export package.`);
  if (statSync(target).isDirectory()) {
    const manifestFile = join(target, MANIFEST_FILE);
    let manifest: { auditChainHead?: SignedCheckpoint };
    try {
      manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { auditChainHead?: SignedCheckpoint };
    } catch (error) {
      throw new EbrError(
        'VALIDATION_FAILED',
        `--against ${target}: not an export package (${MANIFEST_FILE}: ${(error as Error).message}).`,
      );
    }
    if (!manifest.auditChainHead || !Number.isInteger(manifest.auditChainHead.auditSeq))
      throw new EbrError(
        'VALIDATION_FAILED',
        `--against ${target}: its ${MANIFEST_FILE} records no auditChainHead.`,
      );
    return { what: 'export package', head: manifest.auditChainHead };
  }
  const manifestFile = target.endsWith(MANIFEST_SUFFIX) ? target : manifestPathOf(target);
  try {
    return { what: 'backup', head: { ...readManifest(manifestFile).auditHead } };
  } catch (error) {
    throw new EbrError('VALIDATION_FAILED', `--against ${target}: ${(error as Error).message}`);
  }
}

/** Is the database behind (or apart from) the head that backup or package recorded? */
export function checkAgainst(folder: OpenedDataFolder, path: string): AgainstResult {
  const { sqlite } = folder.store;
  const source = resolve(path);
  const { what, head } = recordedHead(path);
  const headSeq = sqlite.prepare('SELECT coalesce(max(seq), 0) FROM audit_trail').pluck().get() as number;
  const base = { source, what, recordedSeq: head.auditSeq, recordedAtUtc: head.atUtc, headSeq };
  const rows = (n: number) => n.toLocaleString('en-US');
  if (!checkpointSignatureValid(keyringOf(folder.trustedPublicKeys()), head)) {
    return {
      ...base,
      ok: false,
      message: `The chain head in the ${what} ${source} is not signed by a terminal of this database: it belongs to another data folder, or was edited.`,
    };
  }
  if (head.auditSeq > headSeq) {
    return {
      ...base,
      ok: false,
      message: `The audit trail ends at row ${rows(headSeq)} but the ${what} ${source} recorded row ${rows(head.auditSeq)} on ${head.atUtc}: this database is older than that ${what}.`,
    };
  }
  const hash = sqlite.prepare('SELECT hash FROM audit_trail WHERE seq = ?').pluck().get(head.auditSeq);
  if (hash !== head.auditHash) {
    return {
      ...base,
      ok: false,
      message: `Audit row ${rows(head.auditSeq)} differs from the one the ${what} ${source} recorded on ${head.atUtc}: this database went another way since.`,
    };
  }
  return {
    ...base,
    ok: true,
    message: `Not behind the ${what} ${source}: it recorded row ${rows(head.auditSeq)} (${head.atUtc}), the audit trail ends at row ${rows(headSeq)}.`,
  };
}
