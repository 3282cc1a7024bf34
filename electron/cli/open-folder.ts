import { resolve } from 'node:path';
import { EbrError } from '../../shared/errors';
import { systemClock } from '../core/clock';
import { isInitialized } from '../core/data-folder';
import type { KeyProvider } from '../core/keys/key-provider';
import { openDataFolder, type OpenedDataFolder } from '../core/startup';
import { requireOption, type ParsedOptions } from './options';
import { keyProviderFromFile } from './recovery-key-file';

/** Opens --data-dir with --recovery-key-file; the audit trail is judged by the caller. */
export async function openFolderFromOptions(
  options: ParsedOptions,
): Promise<OpenedDataFolder & { dataDir: string; keyProvider: KeyProvider }> {
  const dataDir = resolve(requireOption(options, 'data-dir'));
  const keyProvider = keyProviderFromFile(resolve(requireOption(options, 'recovery-key-file')));
  if (!isInitialized(dataDir))
    throw new EbrError('NOT_INITIALIZED', `${dataDir} is not an initialized data folder (run ebr init).`);
  return { ...(await openDataFolder(dataDir, keyProvider, systemClock)), dataDir, keyProvider };
}
