import { resolve } from 'node:path';
import { EbrError } from '../../../shared/errors';
import { configPath, readTls } from '../../plant-server/config-dir';
import { checkConnection, openPlantDatabase } from '../../plant-server/database';
import { buildPlantServer } from '../../plant-server/server';
import { loadServerKey, readKeyFile } from '../../plant-server/server-identity';
import type { CliIo } from '../io';
import { requireOption, type ParsedOptions } from '../options';

function parseListen(value: string): { host: string; port: number } {
  const match = /^(.+):(\d{1,5})$/.exec(value);
  const port = match ? Number(match[2]) : NaN;
  if (!match || port > 65535)
    throw new EbrError('VALIDATION_FAILED', `--listen "${value}" is not HOST:PORT (e.g. 0.0.0.0:8443).`);
  return { host: match[1]!.replace(/^\[|\]$/g, ''), port };
}

/**
 * `ebr server start --database URL --config-dir DIR [--listen HOST:PORT] [--max-clock-skew S]`:
 * serves until SIGTERM or SIGINT, then stops taking requests, finishes those under way and
 * closes the database pool. Structured (JSON) logs on stdout.
 */
export async function serverStartCommand(options: ParsedOptions, io: CliIo): Promise<number> {
  const url = requireOption(options, 'database');
  const configDir = resolve(requireOption(options, 'config-dir'));
  const listen = parseListen(options.listen ?? '0.0.0.0:8443');
  const skewSeconds = Number(options['max-clock-skew'] ?? '60');
  if (!Number.isFinite(skewSeconds) || skewSeconds <= 0)
    throw new EbrError('VALIDATION_FAILED', '--max-clock-skew must be a positive number of seconds.');
  const secret = readKeyFile(configPath(configDir, 'keyFile'));
  const tls = readTls(configDir);
  const database = openPlantDatabase(url, { max: 20 });
  let app;
  try {
    await checkConnection(database, url);
    const serverKey = await loadServerKey(database, secret);
    app = buildPlantServer({ database, serverKey, tls, maxClockSkewMs: skewSeconds * 1000 });
  } catch (error) {
    await database.close();
    throw error;
  }
  const stopped = new Promise<void>((done) => {
    const stop = (signal: string) => {
      app.log.info({ signal }, 'shutting down');
      void app.close().then(done);
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  const address = await app.listen(listen);
  io.err(`ebr plant server listening on ${address} (TLS certificate ${tls.fingerprint})`);
  await stopped;
  io.err('ebr plant server stopped.');
  return 0;
}
