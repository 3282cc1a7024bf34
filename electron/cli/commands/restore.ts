import { hostname, userInfo } from 'node:os';
import { resolve } from 'node:path';
import { backupProblemOf, isDamagedBackup } from '../../core/backup/backup-refusal';
import { restoreBackup } from '../../core/backup/restore-backup';
import { systemClock } from '../../core/clock';
import type { CliIo } from '../io';
import { requireOption, type ParsedOptions } from '../options';
import { keyProviderFromFile } from '../recovery-key-file';

/**
 * Restores --in into the empty or new folder --data-dir after verifying it completely. Exit 1
 * when the backup is damaged or was altered (the reason is printed), 2 for a usage problem.
 */
export async function restoreCommand(options: ParsedOptions, io: CliIo): Promise<number> {
  const backupFile = resolve(requireOption(options, 'in'));
  const targetDir = resolve(requireOption(options, 'data-dir'));
  const recoveryKey = await keyProviderFromFile(resolve(requireOption(options, 'recovery-key-file'))).loadKey(
    targetDir,
  );
  try {
    const result = await restoreBackup({
      backupFile,
      targetDir,
      recoveryKey,
      actor: {
        userId: null,
        userName: `recovery-key holder via ebr CLI (${userInfo().username}@${hostname()})`,
      },
      clock: systemClock,
    });
    const { manifest, audit, signatures } = result;
    if (options.json !== undefined) {
      io.out(JSON.stringify(result, null, 2));
      return 0;
    }
    io.out(`Restored ${backupFile} into ${result.dataDir}`);
    io.out(
      `Backup made:  ${manifest.createdAtUtc} on ${manifest.terminal.name}, application ${manifest.application.version}`,
    );
    io.out(
      `Verified:     SHA-256, integrity check, ${audit.rowsChecked} audit rows and ${audit.checkpointsChecked} signed checkpoints, ${signatures.valid} signatures`,
    );
    return 0;
  } catch (error) {
    if (!isDamagedBackup(error)) throw error;
    io.err(`ebr restore: BACKUP REFUSED (${backupProblemOf(error)}): ${(error as Error).message}`);
    io.err('Nothing was restored.');
    return 1;
  }
}
