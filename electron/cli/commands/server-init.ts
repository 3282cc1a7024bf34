import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { EbrError } from '../../../shared/errors';
import { migratePlantDatabase } from '../../../db/plant/migrate';
import { configPath, writeSelfSignedTls } from '../../plant-server/config-dir';
import { checkConnection, ensureServiceRole, openPlantDatabase } from '../../plant-server/database';
import { createEnrolmentCode } from '../../plant-server/enrolment-codes';
import { createKeyFile, createServerKey } from '../../plant-server/server-identity';
import type { CliIo } from '../io';
import { requireOption, type ParsedOptions } from '../options';

/**
 * `ebr server init --database OWNER_URL --config-dir DIR [--service-role NAME] [--hostname A,B]`:
 * migrations as the owner, the service role and its privileges, the server key (sealed under
 * DIR/server-key.secret), a self-signed TLS pair for a pilot, and the first plant
 * administrator's one-time enrolment code.
 */
export async function serverInitCommand(options: ParsedOptions, io: CliIo): Promise<number> {
  const url = requireOption(options, 'database');
  const configDir = resolve(requireOption(options, 'config-dir'));
  const role = options['service-role'] ?? 'ebr_plant_service';
  const hostnames = (options.hostname ?? 'localhost,127.0.0.1')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  mkdirSync(configDir, { recursive: true, mode: 0o700 });
  const database = openPlantDatabase(url, { max: 2 });
  try {
    await checkConnection(database, url);
    await migratePlantDatabase(database.db);
    const password = await ensureServiceRole(database, role);
    let secret: Buffer;
    try {
      secret = createKeyFile(configPath(configDir, 'keyFile'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST')
        throw new EbrError(
          'ALREADY_INITIALIZED',
          `${configPath(configDir, 'keyFile')} already exists: this server was initialized.`,
        );
      throw error;
    }
    const serverKey = await createServerKey(database, secret);
    const tlsFingerprint = await writeSelfSignedTls(configDir, hostnames);
    const administrator = await createEnrolmentCode(database, {
      purpose: 'administrator',
      terminalName: null,
      validHours: 72,
    });
    const serviceUrl = new URL(url);
    serviceUrl.username = role;
    serviceUrl.password = password ?? 'PASSWORD';
    const result = {
      serviceRole: role,
      serviceRolePassword: password,
      serviceDatabaseUrl: serviceUrl.toString(),
      serverFingerprint: serverKey.fingerprint,
      tlsFingerprint,
      configDir,
      administratorCode: administrator.code,
      administratorCodeExpiresAt: administrator.expiresAt,
    };
    if (options.json !== undefined) {
      io.out(JSON.stringify(result, null, 2));
      return 0;
    }
    io.out(
      `Plant database migrated; server key ${serverKey.fingerprint} sealed under ${configPath(configDir, 'keyFile')}.`,
    );
    io.out(
      password
        ? `Service role ${role} created. Start the server with: ebr server start --database ${result.serviceDatabaseUrl} --config-dir ${configDir}`
        : `Service role ${role} existed; its privileges were reset. Start the server with its URL and --config-dir ${configDir}.`,
    );
    io.out(
      `TLS certificate (self-signed, for a pilot) ${tlsFingerprint} in ${configPath(configDir, 'tlsCert')}.`,
    );
    io.out(
      `First plant administrator's one-time enrolment code (until ${administrator.expiresAt}): ${administrator.code}`,
    );
    return 0;
  } finally {
    await database.close();
  }
}
