import { hostname, userInfo } from 'node:os';
import { resolve } from 'node:path';
import { createBackup } from '../../core/backup/create-backup';
import { systemClock } from '../../core/clock';
import { startRuntime } from '../../core/startup';
import type { CliIo } from '../io';
import { requireOption, type ParsedOptions } from '../options';
import { keyProviderFromFile } from '../recovery-key-file';

/**
 * An online backup of a data folder (the application may be running on it) into --out and
 * --out.manifest.json; audited in the store as made by the recovery-key holder.
 */
export async function backupCommand(options: ParsedOptions, io: CliIo): Promise<number> {
  const outFile = resolve(requireOption(options, 'out'));
  const dataDir = resolve(requireOption(options, 'data-dir'));
  const keyProvider = keyProviderFromFile(resolve(requireOption(options, 'recovery-key-file')));
  const runtime = await startRuntime(dataDir, keyProvider, systemClock);
  try {
    const result = await createBackup({
      source: runtime,
      outFile,
      actor: {
        userId: null,
        userName: `recovery-key holder via ebr CLI (${userInfo().username}@${hostname()})`,
      },
      trigger: 'manual',
      clock: systemClock,
      onProgress: io.progress ? (fraction) => io.progress!(fraction, 'backing up') : undefined,
    });
    const { manifest } = result;
    if (options.json !== undefined) {
      io.out(JSON.stringify({ file: result.file, manifestFile: result.manifestFile, manifest }, null, 2));
      return 0;
    }
    io.out(`Backup written: ${result.file} (${manifest.backup.size} bytes)`);
    io.out(`SHA-256:        ${manifest.backup.sha256}`);
    io.out(`Manifest:       ${result.manifestFile}`);
    io.out(`Audit head:     row ${manifest.auditHead.auditSeq} ${manifest.auditHead.auditHash}`);
    return 0;
  } finally {
    runtime.store.close();
  }
}
