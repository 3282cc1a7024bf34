/**
 * "An export is recorded or it does not exist": what an export process killed midway left in a
 * destination folder is settled at the next start and at the next export into that folder.
 *
 * - Unfinished package folders (`.NAME.partial-<pid>-<token>`) whose writer is gone are removed.
 * - A `batch.export-intended` audit row (written just before the package is renamed into place)
 *   whose writer is gone and that no `batch.exported` / `batch.export-abandoned` row settles: if
 *   the package is there and verifies with the recorded manifest SHA-256, it is recorded as
 *   exported; otherwise it is recorded as abandoned and whatever is under its name is moved into
 *   `unrecorded/` (never deleted).
 */
import { dirname, join } from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { AuditActor, AuditTrail } from '../audit/audit-trail';
import { pendingIntents } from '../audit/pending-intents';
import { digestFile, nodeExportFs, type ExportFs } from '../export/export-fs';
import { MANIFEST_FILE } from '../export/package-format';
import { verifyExportPackage } from '../export/verify-package';
import { removeStalePartials } from '../export/write-package';
import { writerIsGone } from '../writer-tokens';

/** The entity type of export audit rows; the entity id is the batch's id. */
export const BATCH_EXPORT_RECORD = 'batch-export';
/** Where packages that never became complete are moved, inside the destination folder. */
export const UNRECORDED_FOLDER = 'unrecorded';
/** How many of the latest destinations are checked at start (exports go to removable drives). */
const RECENT_DESTINATIONS = 10;

/** What `batch.exported` records; `batch.export-intended` records it ahead, with the writer. */
export interface ExportRecord {
  batchNumber: string;
  packageName: string;
  directory: string;
  manifestSha256: string;
  electronicCopySha256: string;
  files: { name: string; size: number; sha256: string }[];
  auditChainHead: { checkpointSeq: number; auditSeq: number };
  terminalKeyFingerprint: string;
}

export interface ExportIntent extends ExportRecord {
  batchId: string;
  /** Links the intent to the row that settles it; also in the temporary folder's name. */
  token: string;
  pid: number;
}

export interface ExportCheckDeps {
  sqlite: Database.Database;
  audit: AuditTrail;
  terminalName: string;
  fs?: ExportFs;
}

export interface ExportCheckReport {
  partialsRemoved: string[];
  confirmed: string[];
  abandoned: string[];
  movedAside: string[];
  problems: string[];
}

export function pendingExportIntents(sqlite: Database.Database): ExportIntent[] {
  return pendingIntents<ExportIntent>(sqlite, {
    entityType: BATCH_EXPORT_RECORD,
    intended: 'batch.export-intended',
    settledBy: ['batch.exported', 'batch.export-abandoned'],
  });
}

/** The folders the latest exports went to: where a killed export may have left something. */
function recentDestinations(sqlite: Database.Database): string[] {
  const directories = sqlite
    .prepare(
      `SELECT json_extract(new_value, '$.directory') FROM audit_trail
       WHERE entity_type = '${BATCH_EXPORT_RECORD}' AND action IN ('batch.exported', 'batch.export-intended')
       ORDER BY seq DESC LIMIT ${RECENT_DESTINATIONS * 5}`,
    )
    .pluck()
    .all() as string[];
  return [...new Set(directories.map((directory) => dirname(directory)))].slice(0, RECENT_DESTINATIONS);
}

async function isCompletePackage(fs: ExportFs, intent: ExportIntent): Promise<boolean> {
  if ((await fs.entry(intent.directory))?.kind !== 'directory') return false;
  const manifest = await digestFile(fs, join(intent.directory, MANIFEST_FILE)).catch(() => null);
  if (manifest?.sha256 !== intent.manifestSha256) return false;
  return (await verifyExportPackage(intent.directory, { fs })).valid;
}

async function moveAside(fs: ExportFs, directory: string): Promise<string> {
  const aside = join(dirname(directory), UNRECORDED_FOLDER);
  if ((await fs.entry(aside)) === null) await fs.makeDirectory(aside);
  const name = directory.slice(dirname(directory).length + 1);
  let target = join(aside, name);
  for (let n = 2; (await fs.entry(target)) !== null; n++) target = join(aside, `${name}.${n}`);
  await fs.rename(directory, target);
  return target;
}

async function settleIntent(
  deps: ExportCheckDeps,
  fs: ExportFs,
  actor: AuditActor,
  intent: ExportIntent,
  report: ExportCheckReport,
): Promise<void> {
  const { batchId, token, pid: _pid, ...exported } = intent;
  if (await isCompletePackage(fs, intent)) {
    deps.audit.change(actor, ({ record }) =>
      record({
        action: 'batch.exported',
        entityType: BATCH_EXPORT_RECORD,
        entityId: batchId,
        newValue: { ...exported, intent: token, confirmedLater: true },
        reason: 'The package was complete when the process writing it stopped; recorded at the next check',
      }),
    );
    report.confirmed.push(intent.directory);
    return;
  }
  const movedAside =
    (await fs.entry(intent.directory)) === null ? [] : [await moveAside(fs, intent.directory)];
  deps.audit.change(actor, ({ record }) =>
    record({
      action: 'batch.export-abandoned',
      entityType: BATCH_EXPORT_RECORD,
      entityId: batchId,
      newValue: {
        batchNumber: intent.batchNumber,
        packageName: intent.packageName,
        directory: intent.directory,
        intent: token,
        movedAside,
      },
      reason: 'The process writing this export package stopped before the package was complete',
    }),
  );
  report.abandoned.push(intent.directory);
  report.movedAside.push(...movedAside);
}

/**
 * Checks `destinations`, the folders of unsettled intents and (at start, `recent`) the latest
 * destinations. A destination that is not there (a drive not plugged in) is skipped.
 */
export async function checkExportDestinations(
  deps: ExportCheckDeps,
  destinations: readonly string[],
  options: { recent?: boolean } = {},
): Promise<ExportCheckReport> {
  const fs = deps.fs ?? nodeExportFs;
  const actor: AuditActor = { userId: null, userName: `Export check on ${deps.terminalName}` };
  const report: ExportCheckReport = {
    partialsRemoved: [],
    confirmed: [],
    abandoned: [],
    movedAside: [],
    problems: [],
  };
  const intents = pendingExportIntents(deps.sqlite);
  const folders = new Set([
    ...destinations,
    ...intents.map((intent) => dirname(intent.directory)),
    ...(options.recent ? recentDestinations(deps.sqlite) : []),
  ]);
  for (const folder of folders) {
    try {
      if ((await fs.entry(folder))?.kind !== 'directory') continue;
      report.partialsRemoved.push(...(await removeStalePartials(fs, folder)));
      for (const intent of intents) {
        if (dirname(intent.directory) !== folder || !writerIsGone(intent.pid, intent.token)) continue;
        await settleIntent(deps, fs, actor, intent, report);
      }
    } catch (error) {
      report.problems.push(`${folder}: ${(error as Error).message}`);
    }
  }
  return report;
}
