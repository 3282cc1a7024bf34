/**
 * Compares a data folder's audit head with its anchors outside the folder, and keeps those anchors
 * current after each commit. A folder behind its anchor (or whose chain went another way since)
 * is a rollback: the folder was replaced by an older copy.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { EbrError } from '../../../shared/errors';
import { keyringOf } from '../terminal/terminal-key';
import { profileAnchorStore, type AnchorStore, ANCHOR_FORMAT, type HeadAnchor } from './head-anchor';
import type { SignedCheckpoint } from './head-mirror';
import { checkpointSignatureValid } from './verifier';
import type { KeyProvider } from '../keys/key-provider';

export type AnchorFinding =
  | { kind: 'missing'; where: string }
  | { kind: 'unusable'; where: string; problem: string }
  | { kind: 'matches'; where: string; anchorSeq: number; anchoredAtUtc: string; headSeq: number }
  | { kind: 'behind'; where: string; anchorSeq: number; anchoredAtUtc: string; headSeq: number }
  | { kind: 'diverged'; where: string; anchorSeq: number; anchoredAtUtc: string; headSeq: number };

/** The profile file always (the CLI can read it), and the key provider's keystore where it has one. */
export function anchorStoresFor(keyProvider: KeyProvider): AnchorStore[] {
  return [profileAnchorStore(), ...(keyProvider.anchorStore ? [keyProvider.anchorStore] : [])];
}

const rows = (n: number) => n.toLocaleString('en-US');

/** Reads every anchor of `folderId` and judges the database's chain against it. */
export async function compareWithAnchors(
  sqlite: Database.Database,
  folderId: string | null,
  stores: AnchorStore[],
  trustedPublicKeys: string[],
): Promise<AnchorFinding[]> {
  if (folderId === null) {
    return [
      { kind: 'missing', where: 'nowhere: this data folder has no identity yet (made before anchors)' },
    ];
  }
  const keys = keyringOf(trustedPublicKeys);
  // Anchors first, then the database: a running app commits before it anchors, so a head read
  // after its anchor can only be newer, never behind it (no false alarm while the app works).
  const read: { where: string; anchor: HeadAnchor | null; problem?: string }[] = [];
  for (const store of stores) {
    if (store.isAvailable && !(await store.isAvailable())) continue;
    const where = store.describe(folderId);
    try {
      read.push({ where, anchor: await store.read(folderId) });
    } catch (error) {
      read.push({ where, anchor: null, problem: (error as Error).message });
    }
  }
  const headSeq = sqlite.prepare('SELECT coalesce(max(seq), 0) FROM audit_trail').pluck().get() as number;
  const hashAt = sqlite.prepare('SELECT hash FROM audit_trail WHERE seq = ?').pluck();
  const findings: AnchorFinding[] = [];
  for (const { where, anchor, problem } of read) {
    if (problem !== undefined) {
      findings.push({ kind: 'unusable', where, problem });
      continue;
    }
    if (!anchor) {
      findings.push({ kind: 'missing', where });
      continue;
    }
    if (anchor.folderId !== folderId || !checkpointSignatureValid(keys, anchor.head)) {
      findings.push({
        kind: 'unusable',
        where,
        problem: 'it is not signed by a terminal of this database (edited, or copied from another folder)',
      });
      continue;
    }
    const position = {
      where,
      anchorSeq: anchor.head.auditSeq,
      anchoredAtUtc: anchor.head.atUtc,
      headSeq,
    };
    if (anchor.head.auditSeq > headSeq) findings.push({ kind: 'behind', ...position });
    else if (hashAt.get(anchor.head.auditSeq) !== anchor.head.auditHash)
      findings.push({ kind: 'diverged', ...position });
    else findings.push({ kind: 'matches', ...position });
  }
  return findings;
}

export function isRollback(finding: AnchorFinding): boolean {
  return finding.kind === 'behind' || finding.kind === 'diverged';
}

/** One sentence naming both positions, for the refused screen, `ebr info` and `ebr verify-audit`. */
export function describeFinding(finding: AnchorFinding): string {
  switch (finding.kind) {
    case 'behind':
      return `The audit trail ends at row ${rows(finding.headSeq)} but this terminal last recorded row ${rows(finding.anchorSeq)} on ${finding.anchoredAtUtc} (in ${finding.where}): the data folder was replaced by an older copy.`;
    case 'diverged':
      return `Audit row ${rows(finding.anchorSeq)} differs from the one this terminal recorded on ${finding.anchoredAtUtc} (in ${finding.where}): the data folder was replaced by an older copy that was then written to.`;
    case 'matches':
      return `The audit trail (row ${rows(finding.headSeq)}) is not behind the anchor outside the folder (row ${rows(finding.anchorSeq)}, ${finding.anchoredAtUtc}, in ${finding.where}).`;
    case 'missing':
      return `No anchor outside the data folder (looked in ${finding.where}): a rollback of this folder could not be detected.`;
    case 'unusable':
      return `The anchor in ${finding.where} cannot be used: ${finding.problem}.`;
  }
}

/** The start-up refusal for a rolled-back folder. */
export function rollbackError(finding: AnchorFinding & { kind: 'behind' | 'diverged' }): EbrError {
  return new EbrError(
    'STORE_ROLLED_BACK',
    `${describeFinding(finding)} Do not use this data folder; call QA.`,
    {
      auditTrailEndsAt: finding.headSeq,
      anchorRecordsRow: finding.anchorSeq,
      lastRecordedAt: finding.anchoredAtUtc,
      anchor: finding.where,
    },
  );
}

/**
 * Keeps a folder's anchors at its latest signed head. The profile file is written before
 * `record` returns (a temp file, fsync, rename); a keystore that answers asynchronously gets the
 * latest head once its previous write is done. A failed write is reported, never fails the
 * committed change: the next start-up finds the anchor behind, which is harmless.
 */
export class HeadAnchors {
  private readonly pending = new Map<AnchorStore, SignedCheckpoint>();
  private readonly inFlight = new Map<AnchorStore, Promise<void>>();

  constructor(
    private readonly stores: AnchorStore[],
    private readonly folderId: string,
    private readonly dataDir: string,
  ) {}

  record(head: SignedCheckpoint): void {
    for (const store of this.stores) {
      this.pending.set(store, head);
      if (!this.inFlight.has(store)) this.inFlight.set(store, this.drain(store));
    }
  }

  /** Resolves once every anchor holds the latest recorded head (or its write failed). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight.values());
  }

  private async drain(store: AnchorStore): Promise<void> {
    try {
      for (let head = this.pending.get(store); head; head = this.pending.get(store)) {
        this.pending.delete(store);
        try {
          if (store.isAvailable && !(await store.isAvailable())) continue;
          await store.write({ format: ANCHOR_FORMAT, folderId: this.folderId, dataDir: this.dataDir, head });
        } catch (error) {
          console.error(
            `ebr: the audit head anchor in ${store.describe(this.folderId)} was not updated:`,
            (error as Error).message,
          );
        }
      }
    } finally {
      this.inFlight.delete(store);
    }
  }
}
