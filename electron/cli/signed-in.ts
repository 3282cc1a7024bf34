import { resolve } from 'node:path';
import type { SessionView } from '../../shared/contract/identity';
import { EbrError, type EbrErrorData } from '../../shared/errors';
import { createApp, type Connection } from '../core/app';
import { isInitialized } from '../core/data-folder';
import type { CliIo } from './io';
import { requireOption, type ParsedOptions } from './options';
import { keyProviderFromFile } from './recovery-key-file';

export const failure = (error: EbrErrorData) => new EbrError(error.code, error.message, error.details);

export async function passwordFor(username: string, io: CliIo): Promise<string> {
  const fromEnv = io.env.EBR_PASSWORD;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (io.askHidden) return io.askHidden(`Password of ${username}: `);
  throw new EbrError(
    'VALIDATION_FAILED',
    `Give the password of ${username} in EBR_PASSWORD (no terminal to ask on).`,
  );
}

/**
 * Runs `action` at a connection where `--as USER` signed in with their password, exactly as at the
 * application's sign-in screen (audited, counting toward lockout): the channel's own permission and
 * validation apply to what the command does.
 */
export async function withSignedInConnection<T>(
  options: ParsedOptions,
  io: CliIo,
  what: string,
  action: (connection: Connection) => Promise<T>,
): Promise<T> {
  const username = requireOption(options, 'as');
  const dataDir = resolve(requireOption(options, 'data-dir'));
  const keyProvider = keyProviderFromFile(resolve(requireOption(options, 'recovery-key-file')));
  if (!isInitialized(dataDir))
    throw new EbrError('NOT_INITIALIZED', `${dataDir} is not an initialized data folder (run ebr init).`);
  const password = await passwordFor(username, io);
  const app = await createApp({
    dataDir,
    keyProvider,
    sessionCheckIntervalMs: 0,
    backupCheckIntervalMs: 0,
    connectInstruments: false,
  });
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
        `${username} must change their password before ${what}: sign in to the EBR application once and set a new password, then run this again.`,
      );
    }
    if (session.state !== 'active')
      throw new EbrError('UNAUTHENTICATED', `${username} could not sign in (session ${session.state}).`);
    return await action(connection);
  } finally {
    await app.close();
  }
}
