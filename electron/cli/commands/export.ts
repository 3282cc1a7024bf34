import { resolve } from 'node:path';
import type { BatchSummary } from '../../../shared/contract/batches';
import type { SessionView } from '../../../shared/contract/identity';
import type { ExportWriteResult } from '../../../shared/contract/records';
import { EbrError, type EbrErrorData } from '../../../shared/errors';
import { createApp } from '../../core/app';
import { isInitialized } from '../../core/data-folder';
import { formatFingerprint } from '../../core/terminal/terminal-key';
import type { CliIo } from '../io';
import { requireOption, type ParsedOptions } from '../options';
import { keyProviderFromFile } from '../recovery-key-file';

const failure = (error: EbrErrorData) => new EbrError(error.code, error.message, error.details);

async function passwordOf(username: string, io: CliIo): Promise<string> {
  const fromEnv = io.env.EBR_PASSWORD;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (io.askHidden) return io.askHidden(`Password of ${username}: `);
  throw new EbrError(
    'VALIDATION_FAILED',
    `Give the password of ${username} in EBR_PASSWORD (no terminal to ask on).`,
  );
}

/**
 * `ebr export --batch NUMBER --out DIR --as USER`: writes the signed export package of one batch
 * (batch record PDF, electronic copy, manifest, signature, public key, VERIFY.txt) into the folder
 * DIR, exactly as the application does: USER signs in through the sign-in channel (audited,
 * counting toward lockout) and exports through `exports.write`, so the same permission
 * (exports.write, Technician) applies and the export is audited as theirs.
 */
export async function exportCommand(options: ParsedOptions, io: CliIo): Promise<number> {
  const batchNumber = requireOption(options, 'batch').trim().toUpperCase();
  const destinationDir = resolve(requireOption(options, 'out'));
  const username = requireOption(options, 'as');
  const dataDir = resolve(requireOption(options, 'data-dir'));
  const keyProvider = keyProviderFromFile(resolve(requireOption(options, 'recovery-key-file')));
  if (!isInitialized(dataDir))
    throw new EbrError('NOT_INITIALIZED', `${dataDir} is not an initialized data folder (run ebr init).`);
  const password = await passwordOf(username, io);
  const app = await createApp({ dataDir, keyProvider, sessionCheckIntervalMs: 0 });
  try {
    if (app.status !== 'ready') {
      throw failure(
        app.refusal ?? { code: 'STORE_UNAVAILABLE', message: `The data folder ${dataDir} cannot be opened.` },
      );
    }
    const connection = app.connect();
    const login = await connection.invoke('auth.login', { username, password });
    if (!login.ok) throw failure(login.error);
    const session = login.value as SessionView;
    if (session.state === 'password-change-required') {
      throw new EbrError(
        'PASSWORD_CHANGE_REQUIRED',
        `${username} must change their password before exporting: sign in to the EBR application once and set a new password, then run this again. Nothing was exported.`,
      );
    }
    const listed = await connection.invoke('batches.list', {});
    if (!listed.ok) throw failure(listed.error);
    const batch = (listed.value as BatchSummary[]).find((candidate) => candidate.batchNumber === batchNumber);
    if (!batch) throw new EbrError('NOT_FOUND', `There is no batch ${batchNumber} in ${dataDir}.`);
    if (io.progress) {
      connection.on('exports.progress', (progress) =>
        io.progress!(progress.total === 0 ? 0 : progress.done / progress.total, progress.label),
      );
    }
    const written = await connection.invoke('exports.write', { batchIds: [batch.id], destinationDir });
    if (!written.ok) throw failure(written.error);
    const [exported] = (written.value as ExportWriteResult).packages;
    if (options.json !== undefined) {
      io.out(JSON.stringify(exported, null, 2));
      return 0;
    }
    const fingerprint = app.runtime!.terminal.key.fingerprint;
    io.out(`Exported ${exported!.batchNumber} as ${session.user.fullName}: ${exported!.directory}`);
    for (const file of exported!.files) io.out(`  ${file.sha256}  ${file.name} (${file.size} bytes)`);
    io.out(
      `manifest.json SHA-256: ${exported!.manifestSha256} (signed by terminal key ${formatFingerprint(fingerprint)})`,
    );
    io.out(`Check it anywhere: ebr verify-export ${exported!.directory} --fingerprint ${fingerprint}`);
    return 0;
  } finally {
    await app.close();
  }
}
